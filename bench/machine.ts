// The bench shares the machine with whatever else runs on it. It records how busy the CPUs were
// during each measurement and, before one starts, waits a while for the machine to be quiet.
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";

interface CpuTimes {
  busy: number;
  total: number;
}

function cpuTimes(): CpuTimes {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal …
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.slice(0, 8).reduce((s, v) => s + v, 0);
  return { busy: total - idle, total };
}

/** Measures how busy all CPUs are between start() and the returned function's call, in %. */
export function busyMeter(): () => number {
  const before = cpuTimes();
  return () => {
    const after = cpuTimes();
    const total = after.total - before.total;
    return total > 0 ? Math.round(((after.busy - before.busy) / total) * 100) : 0;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until the CPUs were less than `maxBusyPct` busy over a two-second window, for at most
 * `maxWaitMs`. Returns the busy % of the last window and how long it waited.
 */
export async function waitForQuiet(
  maxBusyPct = 25,
  maxWaitMs = 30_000,
): Promise<{ busyPct: number; waitedMs: number }> {
  const start = performance.now();
  for (;;) {
    const meter = busyMeter();
    await sleep(2_000);
    const busyPct = meter();
    const waitedMs = Math.round(performance.now() - start);
    if (busyPct < maxBusyPct || waitedMs >= maxWaitMs) return { busyPct, waitedMs };
  }
}

export const load1 = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;

/** utime + stime of a process, in clock ticks (USER_HZ, like /proc/stat). */
export function processTicks(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces; the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

/** utime + stime of each PostgreSQL backend serving one database, found by its process title. */
function backendTicks(database: string): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const title = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (title.startsWith("postgres:") && title.includes(` ${database} `))
        ticks.set(entry, processTicks(entry));
    } catch {
      // gone
    }
  }
  return ticks;
}

/**
 * CPU the backends spent since `before`. A backend that ended meanwhile (a pool closing idle
 * connections) takes its ticks with it; counting it as 0 rather than subtracting its total
 * keeps the sum from going negative, at the cost of its last moments.
 */
function backendTicksSince(database: string, before: Map<string, number>): number {
  let sum = 0;
  for (const [pid, ticks] of backendTicks(database)) sum += ticks - (before.get(pid) ?? 0);
  return sum;
}

export interface CpuShare {
  /** Percent of all CPUs of the machine. */
  machineBusyPct: number;
  serverPct: number;
  benchPct: number;
  /** The backends of the bench database (PostgreSQL only). */
  postgresPct: number;
  /** Everything else: other users of the machine. */
  otherPct: number;
  /** CPU time the server processes spent per request. */
  serverCpuMsPerRequest?: number;
  /** CPU time the bench database's backends spent per request. */
  postgresCpuMsPerRequest?: number;
  /** CPU time this process (the load generator, or the floor's driver) spent per request. */
  benchCpuMsPerRequest?: number;
}

interface Ticks {
  total: number;
  busy: number;
  server: number;
  bench: number;
  postgres: number;
}

/**
 * Counts CPU time over one or more windows (start … stop, start … stop), so that phases run in
 * alternating slices can each be told apart; share() tells where the time went in all of them.
 */
export function cpuMeter(serverPid: number | number[], database?: string) {
  const pids = Array.isArray(serverPid) ? serverPid : [serverPid];
  const serverTicks = () => pids.reduce((sum, pid) => sum + processTicks(pid), 0);
  const sum: Ticks = { total: 0, busy: 0, server: 0, bench: 0, postgres: 0 };
  let open:
    | { machine: CpuTimes; server: number; bench: number; postgres: Map<string, number> }
    | undefined;
  return {
    start() {
      open = {
        machine: cpuTimes(),
        server: serverTicks(),
        bench: processTicks(process.pid),
        postgres: database ? backendTicks(database) : new Map<string, number>(),
      };
    },
    stop() {
      if (!open) return;
      const machine = cpuTimes();
      sum.total += machine.total - open.machine.total;
      sum.busy += machine.busy - open.machine.busy;
      sum.server += serverTicks() - open.server;
      sum.bench += processTicks(process.pid) - open.bench;
      sum.postgres += database ? backendTicksSince(database, open.postgres) : 0;
      open = undefined;
    },
    share(requests: number): CpuShare {
      const { total, busy, server, bench, postgres } = sum;
      const pct = (ticks: number) => (total > 0 ? Math.round((ticks / total) * 1000) / 10 : 0);
      const ticksPerSecond = 100;
      const perRequest = (ticks: number) =>
        Math.round(((ticks * 1000) / ticksPerSecond / requests) * 100) / 100;
      return {
        machineBusyPct: pct(busy),
        serverPct: pct(server),
        benchPct: pct(bench),
        postgresPct: pct(postgres),
        otherPct: pct(Math.max(0, busy - server - bench - postgres)),
        ...(requests > 0
          ? {
              serverCpuMsPerRequest: perRequest(server),
              postgresCpuMsPerRequest: perRequest(postgres),
              benchCpuMsPerRequest: perRequest(bench),
            }
          : {}),
      };
    },
  };
}

/** Starts counting; the returned function tells where the CPU time went since. */
export function cpuAccount(serverPid: number, database?: string): (requests: number) => CpuShare {
  const meter = cpuMeter(serverPid, database);
  meter.start();
  return (requests) => {
    meter.stop();
    return meter.share(requests);
  };
}
