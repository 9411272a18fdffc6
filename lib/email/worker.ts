import "server-only";
import { getDb } from "@/db/client";
import { logUnexpected } from "@/lib/log";
import { deliverDueEmails } from "./delivery";
import { configuredTransport } from "./transports";

const POLL_INTERVAL_MS = 2_000;

const globalForWorker = globalThis as unknown as {
  rosterEmailWorker?: { wake: () => void; stop: () => Promise<void> };
};

/**
 * Starts delivering the outbox from this process: a pass every couple of seconds, and one
 * at once when woken after an email is queued. Safe alongside workers in other processes
 * (claims skip each other's rows). Starting twice in one process returns the running worker.
 */
export function startEmailWorker() {
  if (globalForWorker.rosterEmailWorker) return globalForWorker.rosterEmailWorker;
  const transport = configuredTransport();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const pass = () => {
    if (stopped) return;
    if (running) {
      again = true; // an email arrived mid-pass: look once more when this pass ends
      return;
    }
    clearTimeout(timer);
    running = (async () => {
      try {
        await deliverDueEmails(await getDb(), transport);
      } catch (error) {
        logUnexpected("email worker", error);
      }
    })().finally(() => {
      running = undefined;
      if (stopped) return;
      if (again) {
        again = false;
        pass();
      } else {
        timer = setTimeout(pass, POLL_INTERVAL_MS);
      }
    });
  };

  const worker = {
    wake: pass,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      globalForWorker.rosterEmailWorker = undefined;
    },
  };
  globalForWorker.rosterEmailWorker = worker;
  pass();
  return worker;
}

/** Asks this process's worker (if it runs one) to deliver now rather than at its next poll. */
export function wakeEmailWorker() {
  globalForWorker.rosterEmailWorker?.wake();
}
