import { Counter, Histogram, register } from "prom-client";

// Per-process counters in prom-client's default registry, which /metrics exposes: Prometheus
// sums them across processes. Defined once per process, however many workers a test starts.

export const deliveriesSettled = new Counter({
  name: "baton_deliveries_total",
  help: "Delivery attempts settled by this process, by channel and outcome (sent, retrying, failed)",
  labelNames: ["channel", "outcome"] as const,
  registers: [register],
});

export const deliveryLatency = new Histogram({
  name: "baton_delivery_seconds",
  help: "From a message being written to it being sent, for messages this process sent",
  labelNames: ["channel"] as const,
  buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800],
  registers: [register],
});
