import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { type SignatureProblem, trackerSignatureProblem } from "../../auth/tracker-signature.ts";
import type { Db } from "../../db/client.ts";
import { cases, trackerDeliveries, trackerSecrets, workspaces } from "../../db/schema.ts";
import { isDevelopmentQueue, stageOf } from "../../domain/development/stages.ts";
import { DomainError, invalid, notFound, ruleBroken } from "../../domain/errors.ts";
import { code, safeText, trackerUrl } from "../../domain/text.ts";
import { developmentOf } from "../../loaders/development.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { changeStage, linkTrackerIssue } from "../../writes/development.ts";

export const trackerWebhookBody = z
  .strictObject({
    case: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
    trackerUrl: trackerUrl
      .optional()
      .describe(
        "The tracker issue: names the case when no number is given, else the case links to it",
      ),
    stage: code.describe("One of the workspace's development stages"),
    note: safeText(5_000).optional(),
  })
  .refine((b) => b.case !== undefined || b.trackerUrl !== undefined, {
    message: "name the case by its number or by the tracker issue it links to",
    path: ["case"],
  });

const WHY: Record<SignatureProblem, string> = {
  missing: "The webhook-id, webhook-timestamp and webhook-signature headers are all needed",
  stale: "webhook-timestamp is more than five minutes from now; send a fresh one",
  mismatch: "webhook-signature does not match the body signed with this workspace's secret",
};

export interface TrackerRequest {
  slug: string;
  headers: {
    id?: string | undefined;
    timestamp?: string | undefined;
    signature?: string | undefined;
  };
  body: string;
  now: Date;
}

/**
 * The team's tracker posts a status change back onto a case (S2.5, both ways). Signed with the
 * workspace's secret; a webhook id seen before is answered as before and applied once. It moves
 * the case's development stage as development would, by the tracker.
 */
export async function receiveTrackerWebhook(db: Db, req: TrackerRequest) {
  const [found] = await db
    .select({ id: workspaces.id, secret: trackerSecrets.secret })
    .from(workspaces)
    .innerJoin(trackerSecrets, eq(trackerSecrets.workspaceId, workspaces.id))
    .where(eq(workspaces.slug, req.slug));
  // An unknown workspace and one without a secret answer alike: a stranger learns nothing.
  const problem = found
    ? trackerSignatureProblem(found.secret, req.headers, req.body, req.now.getTime() / 1000)
    : "mismatch";
  if (!found || problem)
    throw new DomainError("unauthenticated", "invalid_signature", WHY[problem ?? "mismatch"]);
  let json: unknown;
  try {
    json = JSON.parse(req.body);
  } catch {
    throw invalid("body", "must be a JSON object");
  }
  const parsed = trackerWebhookBody.safeParse(json);
  if (!parsed.success)
    throw new DomainError("validation", "invalid_input", "The webhook's body is not valid", {
      issues: parsed.error.issues.map((i) => ({
        field: i.path.join(".") || "body",
        message: i.message,
      })),
    });
  const input = parsed.data;
  const webhookId = req.headers.id ?? "";
  const ws = await workspaceById(db, found.id);
  const stage = stageOf(ws.policy, input.stage);
  if (!stage)
    throw ruleBroken(
      "unknown_stage",
      `stage must be one of this workspace's development stages: ${ws.policy.development.stages.map((s) => s.code).join(", ")}`,
      "stage",
    );
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(trackerDeliveries)
      .values({ workspaceId: ws.id, webhookId, answer: {}, receivedAt: req.now })
      .onConflictDoNothing()
      .returning({ id: trackerDeliveries.webhookId });
    if (claimed.length === 0) {
      const [earlier] = await tx
        .select({ answer: trackerDeliveries.answer })
        .from(trackerDeliveries)
        .where(
          and(eq(trackerDeliveries.workspaceId, ws.id), eq(trackerDeliveries.webhookId, webhookId)),
        );
      return {
        ...(earlier?.answer as { case: number; stage: string; version: number }),
        replayed: true,
      };
    }
    const [kase] = await tx
      .select({
        id: cases.id,
        number: cases.number,
        queue: cases.queue,
        trackerUrl: cases.trackerUrl,
      })
      .from(cases)
      .where(
        and(
          eq(cases.workspaceId, ws.id),
          input.case !== undefined
            ? eq(cases.number, input.case)
            : eq(cases.trackerUrl, input.trackerUrl ?? ""),
        ),
      )
      .limit(1);
    if (!kase) throw notFound(input.case !== undefined ? `Case ${input.case}` : "Case");
    const dev = await developmentOf(tx, kase.id, true);
    if (!dev || !isDevelopmentQueue(ws.policy, kase.queue))
      throw ruleBroken(
        "not_in_development",
        `Case ${kase.number} is not with development; its stage cannot move`,
      );
    const changed = await changeStage(tx, {
      kase: { id: kase.id, number: kase.number, workspaceId: ws.id },
      policy: ws.policy,
      dev: dev.row,
      version: dev.row.version,
      stage,
      note: input.note?.trim() || null,
      actorId: null,
      by: "the tracker",
      source: "tracker",
    });
    if (input.case !== undefined && input.trackerUrl)
      await linkTrackerIssue(tx, {
        kase: { id: kase.id, number: kase.number, workspaceId: ws.id },
        policy: ws.policy,
        from: kase.trackerUrl,
        to: input.trackerUrl,
        actorId: null,
      });
    const answer = { case: kase.number, stage: changed.stage, version: changed.version };
    await tx
      .update(trackerDeliveries)
      .set({ answer })
      .where(
        and(eq(trackerDeliveries.workspaceId, ws.id), eq(trackerDeliveries.webhookId, webhookId)),
      );
    return { ...answer, replayed: false };
  });
}
