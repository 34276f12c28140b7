import type { CaseStatus } from "../../domain/case-status.ts";
import { CALL_NOTES, MENTION_NOTES, PRIVATE_NOTES, PUBLIC_NOTES } from "./data/texts.ts";
import type { Member, PlannedActivity, PlannedCase, WorkspaceContext } from "./plan-types.ts";

// What happened on a demo case before now: it was created, a call was logged, a few notes were
// written, and its status changed to the one it has.

export const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

interface CaseStory {
  status: CaseStatus;
  values: Record<string, string>;
  contact: { name: string };
  owner: Member | undefined;
  creator: Member;
  workers: Member[];
  members: Member[];
  createdAt: number;
  updatedAt: number;
}

export function planActivities(
  ctx: WorkspaceContext,
  row: PlannedCase["row"],
  story: CaseStory,
): PlannedActivity[] {
  const { slug, rng } = ctx;
  const { status, values, contact, owner, creator, workers, members, createdAt, updatedAt } = story;
  // Activities: created, a call, a few notes, and the status change that led here.
  const acts: PlannedActivity[] = [
    {
      row: {
        kind: "system",
        visibility: "private",
        body: "Case created",
        authorId: creator.id,
        data: { event: "case.created" },
        createdAt: new Date(createdAt),
      },
    },
  ];
  const span = Math.max(updatedAt - createdAt, 60_000);
  const at = (fraction: number) => new Date(createdAt + span * fraction);
  const author = owner ?? creator;
  const direction = status === "new" || rng.chance(0.4) ? "inbound" : "outbound";
  const callData = {
    direction,
    durationMinutes: 5 + rng.int(41),
    contactName: contact.name,
  } as const;
  const callVisibility = rng.chance(0.8) ? "private" : "public";
  acts.push({
    row: {
      kind: "call",
      visibility: callVisibility,
      body: fill(rng.pick(CALL_NOTES[direction]), values),
      authorId: author.id,
      data: callData,
      createdAt: at(status === "new" ? 0.5 : rng.between(0.05, 0.4)),
    },
    audit: {
      action: "case.call_logged",
      data: { visibility: callVisibility, mentions: [], ...callData },
    },
  });
  const noteCount = status === "new" ? rng.int(2) : 1 + rng.int(3);
  for (let k = 0; k < noteCount; k++) {
    const isPublic = rng.chance(0.5);
    let body: string;
    let mentions: string[] = [];
    if (isPublic) body = fill(rng.pick(PUBLIC_NOTES), values);
    else if (rng.chance(0.3)) {
      const colleague = rng.pick(workers.filter((m) => m.id !== author.id));
      body = fill(rng.pick(MENTION_NOTES), { handle: colleague.email.split("@")[0] ?? "" });
      mentions = [colleague.id];
    } else body = rng.pick(PRIVATE_NOTES);
    const visibility = isPublic ? "public" : "private";
    acts.push({
      row: {
        kind: "note",
        visibility,
        body,
        authorId: author.id,
        mentions,
        createdAt: at(0.45 + (0.5 * (k + 1)) / (noteCount + 1)),
      },
      audit: { action: "case.note_added", data: { visibility, mentions } },
    });
  }
  // S4.10: approved tickets carry the shift lead's private note.
  const lead = members.find((m) => m.role === "shift_lead");
  if (slug === "shift-lead" && lead && status !== "new" && rng.chance(0.3)) {
    acts.push({
      row: {
        kind: "note",
        visibility: "private",
        body: `Approved by shift lead: stays with ${author.name}; next customer update due as promised.`,
        authorId: lead.id,
        createdAt: at(0.5),
      },
      audit: { action: "case.note_added", data: { visibility: "private", mentions: [] } },
    });
  }
  if (status !== "new") {
    const changes = { status: { from: "new", to: status } };
    acts.push({
      row: {
        kind: "system",
        visibility: "private",
        body: `Status: new → ${status}`,
        authorId: author.id,
        data: { event: "case.updated", changes },
        createdAt: new Date(updatedAt),
      },
      audit: { action: "case.updated", data: { changes, version: 2 } },
    });
    row.version = 2;
  }
  return acts;
}
