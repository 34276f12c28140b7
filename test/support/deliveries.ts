import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { pino } from "pino";
import type { MailSettings } from "../../src/config.ts";
import { deliveries } from "../../src/db/schema.ts";
import {
  type DeliveryWorker,
  type DeliveryWorkerOptions,
  startDeliveryWorker,
} from "../../src/jobs/deliveries.ts";
import { type DeliveryDraft, enqueueDeliveries } from "../../src/notify/outbox.ts";
import type { World } from "./world.ts";

/** Seconds where production waits minutes: the same schedule, shrunk. */
export const FAST: Partial<DeliveryWorkerOptions> = {
  retry: { delaysSeconds: [0.2, 0.4, 0.8], giveUpAfterSeconds: 120 },
  leaseSeconds: 2,
  staleSeconds: 1,
  relayEveryMs: 250,
  pollingIntervalSeconds: 0.5,
  notifyPollingIntervalSeconds: 0.5,
};

export const log = pino({ level: process.env.TEST_LOG ?? "silent" });

export function mailSettings(smtpPort?: number): MailSettings {
  return {
    from: { name: "Baton Support", address: "support@baton.example" },
    replyTo: "cases@baton.example",
    smtp:
      smtpPort === undefined
        ? undefined
        : {
            host: "127.0.0.1",
            port: smtpPort,
            secure: false,
            requireTls: false,
            user: undefined,
            pass: undefined,
          },
  };
}

export function startWorker(
  world: World,
  smtpPort: number | undefined,
  options: Partial<DeliveryWorkerOptions> = {},
): Promise<DeliveryWorker> {
  return startDeliveryWorker({
    database: world.database,
    mail: mailSettings(smtpPort),
    log,
    options: { ...FAST, ...options },
  });
}

/** A message of the kind tests need, unique so that runs never collide on the dedupe key. */
export function draft(workspaceId: string, overrides: Partial<DeliveryDraft> = {}): DeliveryDraft {
  const n = randomBytes(4).toString("hex");
  return {
    workspaceId,
    caseId: null,
    caseNumber: null,
    channel: "email",
    topic: "customer_notice",
    event: "test.event",
    sourceId: n,
    recipient: `customer-${n}@customer.example`,
    recipientName: "Casey Customer",
    subject: `Test message ${n}`,
    body: `Body of ${n}`,
    ...overrides,
  };
}

export async function enqueue(world: World, drafts: DeliveryDraft[]): Promise<void> {
  await world.database.db.transaction((tx) => enqueueDeliveries(tx, drafts));
}

export type DeliveryRow = typeof deliveries.$inferSelect;

export async function deliveriesOf(world: World, workspaceId: string): Promise<DeliveryRow[]> {
  return world.database.db
    .select()
    .from(deliveries)
    .where(eq(deliveries.workspaceId, workspaceId))
    .orderBy(deliveries.id);
}

/** Waits until every message of the workspace is sent or failed, and returns them. */
export async function settled(
  world: World,
  workspaceId: string,
  timeoutMs = 20_000,
): Promise<DeliveryRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await deliveriesOf(world, workspaceId);
    if (rows.length > 0 && rows.every((r) => r.state === "sent" || r.state === "failed"))
      return rows;
    if (Date.now() > deadline)
      throw new Error(
        `deliveries not settled: ${JSON.stringify(rows.map((r) => [r.id, r.state, r.attempts, r.lastError]))}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}
