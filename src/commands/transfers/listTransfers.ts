import { and, desc, eq, inArray, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../auth/actor.ts";
import type { Db } from "../../db/client.ts";
import { cases, transfers } from "../../db/schema.ts";
import { invalid } from "../../domain/errors.ts";
import { slug } from "../../domain/text.ts";
import { TRANSFER_STATES } from "../../domain/transfer/machine.ts";
import { loadCase } from "../../loaders/cases.ts";
import { workspaceById } from "../../loaders/workspaces.ts";
import { presentTransfer } from "../../presenters/transfer.ts";

export const listTransfersQuery = z.strictObject({
  workspace: slug.optional(),
  state: z
    .string()
    .max(200)
    .refine(
      (v) =>
        v
          .split(",")
          .every((s) => s === "open" || (TRANSFER_STATES as readonly string[]).includes(s)),
      `must be "open" or a comma-separated list of ${TRANSFER_STATES.join(", ")}`,
    )
    .optional(),
  waiting: z
    .literal("me")
    .optional()
    .describe("Transfers waiting on me: to approve, accept or finish"),
  case: z
    .string()
    .regex(/^[1-9][0-9]{0,14}$/, "must be a case number")
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export async function listTransfers(db: Db, actor: Actor, q: z.infer<typeof listTransfersQuery>) {
  let mine = actor.memberships;
  if (q.workspace) {
    mine = mine.filter((m) => m.workspaceSlug === q.workspace);
    if (!mine.length) throw invalid("workspace", "is not one of your workspaces");
  }
  // Like every case route: another workspace's case, or one that does not exist, is a 404.
  if (q.case) {
    const { row } = await loadCase(db, actor, Number(q.case), "case.read");
    mine = mine.filter((m) => m.workspaceId === row.workspaceId);
  }
  if (!mine.length) return { items: [] };
  const where: (SQL | undefined)[] = [
    inArray(
      transfers.workspaceId,
      mine.map((m) => m.workspaceId),
    ),
  ];
  if (q.state) {
    const states = q.state
      .split(",")
      .flatMap((s) =>
        s === "open" ? ["awaiting_steps", "awaiting_approval", "awaiting_acceptance"] : [s],
      );
    where.push(inArray(transfers.state, states));
  }
  if (q.case) where.push(eq(cases.number, Number(q.case)));
  if (q.waiting === "me") {
    // Approvals for the kinds whose approver roles I hold, per workspace; acceptances addressed
    // to me; my own requests still waiting on a step I do.
    const approvals: SQL[] = [];
    for (const m of mine) {
      const ws = await workspaceById(db, m.workspaceId);
      const kinds = ws.policy.transferKinds
        .filter((k) => k.approverRoles.includes(m.role))
        .map((k) => k.code);
      if (kinds.length)
        approvals.push(
          and(
            eq(transfers.workspaceId, m.workspaceId),
            inArray(transfers.kind, kinds),
            eq(transfers.state, "awaiting_approval"),
          )!,
        );
    }
    where.push(
      or(
        ...approvals,
        and(eq(transfers.targetAgentId, actor.userId), eq(transfers.state, "awaiting_acceptance")),
        and(eq(transfers.requestedBy, actor.userId), eq(transfers.state, "awaiting_steps")),
      ),
    );
  }
  const rows = await db
    .select({
      t: transfers,
      kase: {
        number: cases.number,
        subject: cases.subject,
        severity: cases.severity,
        ownerId: cases.ownerId,
      },
    })
    .from(transfers)
    .innerJoin(cases, eq(cases.id, transfers.caseId))
    .where(and(...where))
    .orderBy(desc(transfers.createdAt))
    .limit(q.limit);
  return { items: await Promise.all(rows.map((r) => presentTransfer(db, actor, r.t, r.kase))) };
}
