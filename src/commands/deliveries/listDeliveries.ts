import { and, desc, eq, inArray, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import { authorize } from "../../auth/authorize.ts";
import type { Db } from "../../db/client.ts";
import { cases, deliveries } from "../../db/schema.ts";
import { invalid, notFound } from "../../domain/errors.ts";
import { slug } from "../../domain/text.ts";
import { DELIVERY_SUMMARY, ownDeliveries, seesAll } from "../../loaders/deliveries.ts";
import { memberWorkspace } from "../../loaders/member-workspace.ts";
import { type WorkspaceWithPolicy, workspaceById } from "../../loaders/workspaces.ts";
import { CHANNELS, DELIVERY_STATES } from "../../notify/outbox.ts";
import { deliveryView } from "../../presenters/deliveries.ts";

export const caseNumber = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const page = {
  /** Keyset: rows older than this id (the last id of the previous page). */
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const deliveriesQuery = z.strictObject({
  workspace: slug.optional().describe("Required unless `case` is given"),
  case: caseNumber.optional(),
  channel: z.enum(CHANNELS).optional(),
  state: z
    .enum([...DELIVERY_STATES, "waiting"])
    .optional()
    .describe('One state, or "waiting": not yet sent nor failed (queued, sending, retrying)'),
  ...page,
});

export type DeliveriesQuery = z.infer<typeof deliveriesQuery>;

/** The delivery log, per workspace or per case, newest first, filtered by channel and state. */
export async function listDeliveries(db: Db, actor: Actor, q: DeliveriesQuery) {
  let ws: WorkspaceWithPolicy;
  const where: (SQL | undefined)[] = [];
  if (q.case !== undefined) {
    const [found] = await db
      .select({ id: cases.id, workspaceId: cases.workspaceId })
      .from(cases)
      .where(eq(cases.number, q.case));
    if (!found || !actor.memberships.some((m) => m.workspaceId === found.workspaceId))
      throw notFound(`Case ${q.case}`);
    ws = await workspaceById(db, found.workspaceId);
    if (q.workspace && q.workspace !== ws.slug) throw notFound(`Case ${q.case}`);
    authorize(actor, "case.read", { workspaceId: ws.id }, ws.policy, `Case ${q.case}`);
    where.push(eq(deliveries.caseId, found.id));
  } else if (q.workspace) {
    ws = await memberWorkspace(db, actor, { slug: q.workspace }, `Workspace ${q.workspace}`);
    authorize(actor, "case.read", { workspaceId: ws.id }, ws.policy, "Workspace");
  } else {
    throw invalid("workspace", "name a workspace or a case");
  }
  where.push(eq(deliveries.workspaceId, ws.id));
  if (!seesAll(actor, ws)) where.push(ownDeliveries(actor));
  if (q.channel) where.push(eq(deliveries.channel, q.channel));
  if (q.state === "waiting") where.push(inArray(deliveries.state, WAITING));
  else if (q.state) where.push(eq(deliveries.state, q.state));
  if (q.before) where.push(lt(deliveries.id, q.before));
  const rows = await db
    .select(DELIVERY_SUMMARY)
    .from(deliveries)
    .leftJoin(cases, eq(cases.id, deliveries.caseId))
    .where(and(...where))
    .orderBy(desc(deliveries.id))
    .limit(q.limit);
  return { items: rows.map((r) => deliveryView({ ...r, workspace: ws.slug })) };
}

/** Messages still on their way; the Messages page's "waiting" filter. */
const WAITING = ["queued", "sending", "retrying"];
