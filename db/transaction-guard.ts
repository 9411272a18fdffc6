import "server-only";
import type { Sql, TransactionSql } from "postgres";

// postgres.js (3.4.9, the latest release) mishandles a transaction whose connection is lost —
// the server restarted, crashed or ended the session. begin() rejects at once, as it should,
// but the transaction's callback carries on, and what it writes next (postgres.js's own
// ROLLBACK after the failed query, or a COMMIT, or another query) goes to the dead connection:
// that throws from a timer and takes the whole process down (porsager/postgres#1208, #1154,
// open upstream), or runs on the connection after it reconnected, outside any transaction
// (#1155). The fault suite (tests/faults/postgres-restart.test.ts) hit the crash at every
// restart. The server rolls such a transaction back by itself, so nothing is lost by writing
// nothing more to it: once a transaction's connection is known lost, its queries fail at once
// without reaching postgres.js, and its callback's end is never handed back to postgres.js (so
// it writes neither ROLLBACK nor COMMIT). The caller has begin()'s rejection by then.

/** postgres.js's codes for a connection that is gone; a socket error (ECONNRESET, EPIPE) has a syscall. */
const CONNECTION_GONE = new Set(["CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECTION_ENDED"]);

function connectionGone(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  return (typeof code === "string" && CONNECTION_GONE.has(code)) || typeof syscall === "string";
}

/** One transaction's state: the error that showed its connection lost, once it is. */
type Guard = { lost?: unknown };

/**
 * Runs a transaction's (or a savepoint's) callback and hands back its outcome — unless the
 * connection was lost meanwhile: then never, so postgres.js writes nothing more to it.
 */
async function unlessLost<T>(guard: Guard, work: () => T | Promise<T>): Promise<T> {
  let outcome: { value: T } | { error: unknown };
  try {
    outcome = { value: await work() };
  } catch (error) {
    outcome = { error };
  }
  if (guard.lost !== undefined) return new Promise<never>(() => {});
  if ("error" in outcome) throw outcome.error;
  return outcome.value;
}

/** The transaction as Drizzle uses it (`unsafe`, awaited or `.values()`; `savepoint`), through the guard. */
function guarded(tx: TransactionSql, guard: Guard): TransactionSql {
  const run = (query: () => Promise<unknown>) => {
    if (guard.lost !== undefined) return Promise.reject(guard.lost);
    // The first to hear of a failure, so the guard knows before the callback does.
    return query().then(undefined, (error: unknown) => {
      if (connectionGone(error)) guard.lost ??= error;
      throw error;
    });
  };
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (...args: Parameters<TransactionSql["unsafe"]>) => {
          const query = () => target.unsafe<never>(...args);
          return {
            then: (resolve?: (rows: unknown) => unknown, reject?: (error: unknown) => unknown) =>
              run(query).then(resolve, reject),
            values: () => run(() => query().values()),
          };
        };
      }
      if (property === "savepoint") {
        return (...args: unknown[]) => {
          if (guard.lost !== undefined) return Promise.reject(guard.lost);
          const callback = args.pop() as (inner: TransactionSql) => unknown;
          const run = (inner: TransactionSql) => unlessLost(guard, () => callback(guarded(inner, guard)));
          return typeof args[0] === "string" ? target.savepoint(args[0], run) : target.savepoint(run);
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

/** The postgres.js client with every transaction guarded (see above); everything else as it is. */
export function guardTransactions(client: Sql): Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "begin") return Reflect.get(target, property, receiver);
      return (...args: unknown[]) => {
        const callback = args.pop() as (tx: TransactionSql) => unknown;
        const guard: Guard = {};
        const run = (tx: TransactionSql) => unlessLost(guard, () => callback(guarded(tx, guard)));
        const begun = typeof args[0] === "string" ? target.begin(args[0], run) : target.begin(run);
        // begin() rejects as soon as the connection closes, even between two queries; the
        // callback runs on only after that (at a later event), and finds the guard set.
        begun.catch((error: unknown) => {
          guard.lost ??= error;
        });
        return begun;
      };
    },
  });
}
