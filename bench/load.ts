// Drives one list view with autocannon while the probe in the server child records server time.
import { createHistogram } from "node:perf_hooks";
import autocannon from "autocannon";
import type { Scenario } from "./dataset.ts";
import type { PairedResult } from "./list-floor.ts";
import { type CpuShare, cpuAccount, waitForQuiet } from "./machine.ts";
import type { ProbeStats } from "./probe.ts";
import type { ServeChild } from "./serve.ts";

export interface LoadOptions {
  connections: number;
  durationS: number;
  warmupS: number;
  /** Seconds of one-connection load to show the unloaded server time; 0 skips it. */
  singleS: number;
  /** The PostgreSQL database the server uses, to count its backends' CPU time. */
  database?: string;
  /** Requests per second, in all, for the paced run (open loop); 0 skips it. */
  pacedRate: number;
}

export interface ClientLatency {
  requests: number;
  rps: number;
  non2xx: number;
  errors: number;
  /** Milliseconds, as autocannon measures them (client side, includes the server time). */
  p50: number;
  p90: number;
  p97_5: number;
  p99: number;
  max: number;
}

export interface ScenarioResult {
  scenario: string;
  what: string;
  path: string;
  items: number;
  /** Server time with one connection: the cost of the request without queueing. */
  single?: ProbeStats;
  server: ProbeStats;
  client: ClientLatency;
  /** Open loop: `rate` requests a second in all, arriving at random (Poisson), as people would. */
  paced?: { rate: number; server: ProbeStats; client: ClientLatency };
  /** How busy the machine was just before (other work on it skews every figure). */
  quietBefore: { busyPct: number; waitedMs: number };
  /** Where the CPU time went during the measured run. */
  cpu: CpuShare;
  /** PostgreSQL only: HTTP and the same request's statements without the server, in turns. */
  floor?: PairedResult;
}

export async function fire(url: string, token: string, connections: number, durationS: number) {
  return autocannon({
    url,
    connections,
    duration: durationS,
    headers: { authorization: `Bearer ${token}` },
    timeout: 30,
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Open-loop load: requests start at Poisson-distributed instants, `rate` a second on average,
 * whether or not earlier ones have been answered. (autocannon's own rate limit sends each
 * connection's quota in a burst at the top of every second, which is a different test.)
 */
async function paced(
  url: string,
  token: string,
  rate: number,
  durationS: number,
): Promise<ClientLatency> {
  const latencies = createHistogram();
  let non2xx = 0;
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  let next = start;
  while (next - start < durationS * 1000) {
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    const sent = performance.now();
    inFlight.push(
      fetch(url, { headers: { authorization: `Bearer ${token}` } })
        .then(async (response) => {
          await response.arrayBuffer();
          if (response.status < 200 || response.status > 299) non2xx++;
          latencies.record(Math.max(1, Math.round((performance.now() - sent) * 1000)));
        })
        .catch(() => {
          errors++;
        }),
    );
    next += -Math.log(1 - Math.random()) * (1000 / rate);
  }
  await Promise.all(inFlight);
  const ms = (us: number) => Math.round(us / 10) / 100;
  return {
    requests: latencies.count,
    rps: Math.round(inFlight.length / durationS),
    non2xx,
    errors,
    p50: ms(latencies.percentile(50)),
    p90: ms(latencies.percentile(90)),
    p97_5: ms(latencies.percentile(97.5)),
    p99: ms(latencies.percentile(99)),
    max: ms(latencies.max),
  };
}

function clientLatency(result: autocannon.Result): ClientLatency {
  const l = result.latency;
  return {
    requests: result.requests.total,
    rps: Math.round(result.requests.total / result.duration),
    non2xx: result.non2xx,
    errors: result.errors,
    p50: l.p50,
    p90: l.p90,
    p97_5: l.p97_5,
    p99: l.p99,
    max: l.max,
  };
}

export async function runScenario(
  server: ServeChild,
  token: string,
  scenario: Scenario,
  options: LoadOptions,
): Promise<ScenarioResult> {
  const url = `${server.url}${scenario.path}`;
  const check = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await check.json()) as { items?: unknown[] };
  if (check.status !== 200)
    throw new Error(`${scenario.name}: ${check.status} ${JSON.stringify(body)}`);
  const items = body.items?.length ?? 0;

  const quietBefore = await waitForQuiet();
  if (options.warmupS > 0) await fire(url, token, options.connections, options.warmupS);
  let single: ProbeStats | undefined;
  await server.probe("probe:reset");
  if (options.singleS > 0) {
    await fire(url, token, 1, options.singleS);
    single = await server.probe("probe:reset");
  }
  // Closed loop: every connection sends its next request as soon as the last one is answered.
  const account = cpuAccount(server.pid, options.database);
  const result = await fire(url, token, options.connections, options.durationS);
  const cpu = account(result.requests.total);
  const stats = await server.probe("probe:reset");
  // Open loop: requests at random instants, as people clicking would send them.
  let open: ScenarioResult["paced"];
  if (options.pacedRate > 0) {
    const client = await paced(url, token, options.pacedRate, options.durationS);
    open = { rate: options.pacedRate, server: await server.probe("probe:reset"), client };
  }
  return {
    scenario: scenario.name,
    what: scenario.what,
    path: scenario.path,
    items,
    ...(single ? { single } : {}),
    server: stats,
    client: clientLatency(result),
    ...(open ? { paced: open } : {}),
    quietBefore,
    cpu,
  };
}
