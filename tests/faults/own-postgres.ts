import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";

// A PostgreSQL server of a test's own, on a temporary data folder and a free port, that the
// test may stop, crash and start again at will — never the server other runs share. Started
// with the system's initdb and pg_ctl; PostgreSQL refuses to run as root, so as root they run
// as the `postgres` user (runuser keeps the environment, so the server carries this run's
// marker and tests/leftover-processes.ts would catch one left behind).

const run = promisify(execFile);

/** The folder holding initdb and pg_ctl (the newest PostgreSQL installed), or null. */
export function findPostgresBinaries(): string | null {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, "bin");
    if (fs.existsSync(path.join(bin, "initdb")) && fs.existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Process ids whose process group is `pgid`, or whose command line names `dataDir` (Linux /proc). */
function processesOf(pgids: Set<number>, dataDir: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "latin1");
      // "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (state === "Z") continue;
      const command = fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0").join(" ").trim();
      if (pgids.has(Number(pgrp)) || command.includes(dataDir)) found.push({ pid, command });
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** Small and local: TCP on 127.0.0.1 only, the socket in the test's own folder. */
function configure(dataDir: string, port: number, socketDir: string) {
  fs.appendFileSync(
    path.join(dataDir, "postgresql.conf"),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${socketDir}'`,
      "max_connections = 40",
      "shared_buffers = 16MB",
      "",
    ].join("\n"),
  );
}

export type OwnPostgres = Awaited<ReturnType<typeof startOwnPostgres>>;

/** Creates, configures and starts a private server; `remove()` stops it for good and deletes the folder. */
export async function startOwnPostgres(bin: string) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "roster-faults-pg-"));
  const dataDir = path.join(folder, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    fs.chownSync(folder, uid, gid);
  }
  const tool = (name: string, args: string[]) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", path.join(bin, name), ...args], { cwd: folder })
      : run(path.join(bin, name), args, { cwd: folder });

  const port = await freePort();
  const postmasters = new Set<number>();
  const postmasterPid = () => {
    try {
      return Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    } catch {
      return null;
    }
  };
  const logFile = path.join(folder, "server.log");
  const pgCtl = async (...args: string[]) => {
    await tool("pg_ctl", ["-D", dataDir, "-l", logFile, "-w", "-t", "30", ...args]);
    // pg_ctl starts the server in a session (and process group) of its own: remembered for the final check.
    const pid = postmasterPid();
    if (pid) postmasters.add(pid);
  };

  const remove = async () => {
    try {
      if (postmasterPid()) await pgCtl("stop", "-m", "immediate");
    } catch {
      for (const pid of postmasters) {
        try {
          process.kill(-pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
    fs.rmSync(folder, { recursive: true, force: true });
  };

  try {
    await tool("initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "--no-sync",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-instructions",
    ]);
    configure(dataDir, port, folder);
    await pgCtl("start");
  } catch (error) {
    await remove();
    throw error;
  }

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir,
    /** Stops the server: `fast` ends every session (a planned restart), `immediate` is a crash (recovery from WAL at the next start). */
    stop: (mode: "fast" | "immediate") => pgCtl("stop", "-m", mode),
    start: () => pgCtl("start"),
    restart: (mode: "fast" | "immediate") => pgCtl("restart", "-m", mode),
    /** Stops the server (the whole process group if pg_ctl cannot) and deletes its folder. */
    remove,
    /** The end of the server's log, to show when a test fails. */
    logTail: (lines = 40) => {
      try {
        return fs.readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
      } catch {
        return "(no server log)";
      }
    },
    /** The server's processes still running (none, after remove()). */
    leftovers: () => processesOf(postmasters, dataDir),
  };
}
