import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { activities, caseDevelopment, cases } from "../db/schema.ts";
import { describeChanges } from "../domain/case-changes.ts";
import type { DevelopmentStage } from "../domain/development/policy.ts";
import { stageName } from "../domain/development/stages.ts";
import { conflict } from "../domain/errors.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { said } from "../domain/said.ts";
import type { DevelopmentRow } from "../loaders/development.ts";
import { emit } from "./emit.ts";

export interface StageChange {
  kase: { id: string; number: number; workspaceId: string };
  policy: Policy;
  dev: DevelopmentRow;
  /** The version the person saw; the tracker, which sees none, passes the row's own. */
  version: number;
  stage: DevelopmentStage;
  note: string | null;
  actorId: string | null;
  /** Who moved it, as the case's timeline says: a person's name or the tracker's. */
  by: string;
  source: "baton" | "tracker";
}

/**
 * Development's stage moves on (S2.5): the row changes if it is still at the version seen, the
 * case's timeline says so, and the event tells the support owner and, where the stage says, the
 * customer (notify/development.ts).
 */
export async function changeStage(tx: Db, c: StageChange) {
  const now = new Date();
  const [row] = await tx
    .update(caseDevelopment)
    .set({
      stage: c.stage.code,
      stageSince: now,
      updatedAt: now,
      version: sql`${caseDevelopment.version} + 1`,
    })
    .where(and(eq(caseDevelopment.caseId, c.kase.id), eq(caseDevelopment.version, c.version)))
    .returning();
  if (!row)
    throw conflict(`Case ${c.kase.number}'s development stage changed meanwhile; reload it`, {
      currentVersion: c.dev.version,
    });
  const previous = stageName(c.policy, c.dev.stage);
  await tx.insert(activities).values({
    caseId: c.kase.id,
    kind: "system",
    visibility: "private",
    body: `Development: ${previous} → ${c.stage.name} (${c.by})${c.note ? `\n${c.note}` : ""}`,
    authorId: c.actorId,
    data: {
      event: "development.stage_changed",
      stage: c.stage.code,
      source: c.source,
      note: c.note,
      // The tracker is named by the page; a person by their name.
      line: said("developmentStage", {
        from: previous,
        to: c.stage.name,
        by: c.source === "tracker" ? null : c.by,
        note: c.note,
      }),
    },
  });
  await emit(tx, {
    name: "development.stage_changed",
    actorId: c.actorId,
    workspaceId: c.kase.workspaceId,
    caseId: c.kase.id,
    caseNumber: c.kase.number,
    subjectId: c.kase.id,
    data: {
      number: c.kase.number,
      stage: c.stage.code,
      stageName: c.stage.name,
      previous: c.dev.stage,
      note: c.note,
      tellCustomer: c.stage.tellCustomer,
      source: c.source,
      version: row.version,
    },
  });
  return row;
}

/**
 * A stage change may name the case's tracker issue (development pasting it, the tracker sending
 * its own address): the case links it as an edit of the case would, its version moving on so an
 * edit made from an older read is refused.
 */
export async function linkTrackerIssue(
  tx: Db,
  c: {
    kase: { id: string; number: number; workspaceId: string };
    policy: Policy;
    from: string | null;
    to: string;
    actorId: string | null;
  },
) {
  if (c.from === c.to) return;
  const [row] = await tx
    .update(cases)
    .set({ trackerUrl: c.to, version: sql`${cases.version} + 1`, updatedAt: new Date() })
    .where(eq(cases.id, c.kase.id))
    .returning({ version: cases.version });
  const changes = { trackerUrl: { from: c.from, to: c.to } };
  await tx.insert(activities).values({
    caseId: c.kase.id,
    kind: "system",
    visibility: "private",
    body: describeChanges(changes, { policy: c.policy, people: new Map() }),
    authorId: c.actorId,
    data: { event: "case.updated", changes },
  });
  await emit(tx, {
    name: "case.updated",
    actorId: c.actorId,
    workspaceId: c.kase.workspaceId,
    caseId: c.kase.id,
    subjectId: String(c.kase.number),
    caseNumber: c.kase.number,
    data: { changes, version: row?.version },
  });
}
