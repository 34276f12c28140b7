// Preloaded into a `baton serve` child with `node --import ./bench/probe.ts bin/baton.js serve`.
// It measures server time without touching Baton's code: Node's HTTP server publishes
// `http.server.request.start` once a request's headers are parsed and
// `http.server.response.finish` once the last byte of the response is handed to the socket.
// The time between the two is what the server spent on the request, queueing behind other
// requests on the event loop included. The parent reads and resets the histogram over IPC.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { createHistogram, type RecordableHistogram } from "node:perf_hooks";

export type ProbeRequest = { type: "probe:reset" } | { type: "probe:read" };

export interface ProbeStats {
  count: number;
  statusCodes: Record<string, number>;
  /** Milliseconds. */
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /** process.memoryUsage() in MB when read: where the resident memory goes. */
  memory: {
    rss: number;
    heapUsed: number;
    heapTotal: number;
    external: number;
    arrayBuffers: number;
  };
}

export interface ProbeReply {
  type: "probe:stats";
  stats: ProbeStats;
}

interface HttpMessage {
  request: IncomingMessage;
  response: { statusCode: number };
}

let histogram: RecordableHistogram = createHistogram();
let statusCodes: Record<string, number> = {};
const started = new WeakMap<IncomingMessage, bigint>();

subscribe("http.server.request.start", (message) => {
  started.set((message as HttpMessage).request, process.hrtime.bigint());
});

subscribe("http.server.response.finish", (message) => {
  const { request, response } = message as HttpMessage;
  const start = started.get(request);
  if (start === undefined) return;
  started.delete(request);
  // Nanoseconds; the histogram records integers >= 1.
  const elapsed = process.hrtime.bigint() - start;
  histogram.record(elapsed > 0n ? elapsed : 1n);
  const code = String(response.statusCode);
  statusCodes[code] = (statusCodes[code] ?? 0) + 1;
});

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;

function read(): ProbeStats {
  const count = histogram.count;
  const m = process.memoryUsage();
  return {
    count,
    statusCodes: { ...statusCodes },
    mean: count ? ms(histogram.mean) : 0,
    p50: count ? ms(histogram.percentile(50)) : 0,
    p90: count ? ms(histogram.percentile(90)) : 0,
    p95: count ? ms(histogram.percentile(95)) : 0,
    p99: count ? ms(histogram.percentile(99)) : 0,
    max: count ? ms(histogram.max) : 0,
    memory: {
      rss: mb(m.rss),
      heapUsed: mb(m.heapUsed),
      heapTotal: mb(m.heapTotal),
      external: mb(m.external),
      arrayBuffers: mb(m.arrayBuffers),
    },
  };
}

if (process.send) {
  process.on("message", (raw: unknown) => {
    const message = raw as ProbeRequest;
    if (message.type === "probe:reset") {
      const before = read();
      histogram = createHistogram();
      statusCodes = {};
      process.send?.({ type: "probe:stats", stats: before } satisfies ProbeReply);
    } else if (message.type === "probe:read") {
      process.send?.({ type: "probe:stats", stats: read() } satisfies ProbeReply);
    }
  });
  // The IPC channel must not keep the server alive on its own.
  process.channel?.unref();
}
