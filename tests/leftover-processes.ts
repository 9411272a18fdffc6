import fs from "node:fs";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

// A test run must leave no process of its own behind (a worker a test failed to kill was once
// found polling a dropped database after CI). Every process the run starts inherits a marker
// in its environment — test workers get vitest's environment, and what tests spawn gets
// theirs — which survives re-parenting, so an orphan whose parent died is found too. At the
// end, any process still carrying this run's marker, other than vitest itself and the workers
// it runs directly, fails the run (and is killed, so the machine is left clean). Other runs on
// the same machine carry markers of their own. Linux only (/proc); elsewhere nothing is checked.

const MARKER = "ROSTER_TEST_RUN";

type Leftover = { pid: number; ppid: number; command: string };

function processesOfThisRun(marker: string): Leftover[] {
  const leftovers: Leftover[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const environment = fs.readFileSync(`/proc/${pid}/environ`, "latin1");
      if (!environment.split("\0").includes(marker)) continue;
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "latin1");
      const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state === "Z") continue; // already dead, waiting for its parent to reap it
      if (Number(ppid) === process.pid) continue; // vitest's own workers
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").join(" ").trim();
      leftovers.push({ pid, ppid: Number(ppid), command });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return leftovers;
}

export default function setup() {
  if (!fs.existsSync("/proc/self/environ")) return;
  process.env[MARKER] ||= randomBytes(8).toString("hex");
  const marker = `${MARKER}=${process.env[MARKER]}`;

  return async () => {
    // A process killed as its test ended may take a moment to go.
    let leftovers = processesOfThisRun(marker);
    for (let waited = 0; leftovers.length > 0 && waited < 3000; waited += 250) {
      await sleep(250);
      leftovers = processesOfThisRun(marker);
    }
    if (leftovers.length === 0) return;
    for (const { pid } of leftovers) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone by itself.
      }
    }
    process.exitCode = 1;
    const list = leftovers.map(({ pid, ppid, command }) => `  pid ${pid} (parent ${ppid}): ${command}`).join("\n");
    throw new Error(`The tests left ${leftovers.length} process(es) running (now killed):\n${list}`);
  };
}
