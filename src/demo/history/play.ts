import { eq } from "drizzle-orm";
import { addActivity, addNoteInput, logCallInput } from "../../commands/cases/addActivity.ts";
import { createCase, createCaseInput } from "../../commands/cases/createCase.ts";
import { updateCase, updateCaseInput } from "../../commands/cases/updateCase.ts";
import { fireClockAlarms } from "../../commands/clocks/fireClockAlarms.ts";
import { raiseMissedHandovers } from "../../commands/schedule/raiseMissedHandovers.ts";
import { acceptTransfer } from "../../commands/transfers/acceptTransfer.ts";
import { approveInput, approveTransfer } from "../../commands/transfers/approveTransfer.ts";
import { declineTransfer } from "../../commands/transfers/declineTransfer.ts";
import { expireOverdueTransfers } from "../../commands/transfers/expireOverdueTransfers.ts";
import { recordStep, stepInput } from "../../commands/transfers/recordStep.ts";
import { rejectTransfer } from "../../commands/transfers/rejectTransfer.ts";
import { requestTransfer } from "../../commands/transfers/requestTransfer.ts";
import { withdrawTransfer } from "../../commands/transfers/withdrawTransfer.ts";
import type { Db } from "../../db/client.ts";
import { cases, transfers } from "../../db/schema.ts";
import { DomainError } from "../../domain/errors.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { dueRaises } from "../../domain/schedule/raise.ts";
import { offeredAnswers } from "../../domain/transfer/answers.ts";
import { requestTransferInput } from "../../domain/transfer/inputs.ts";
import type { TransferStep } from "../../domain/transfer/kind-schema.ts";
import { isOpen, nextStep, type StepRecord } from "../../domain/transfer/machine.ts";
import { scheduleAgents } from "../../loaders/schedule.ts";
import type { Cast } from "./cast.ts";
import type { CaseScript, HandoffScript } from "./script.ts";
import { lastIds, type Moment, nextMillisecond, warpCase } from "./warp.ts";

// Playing one planned case through Baton's own commands, each as the person who would do it
// (every command authorizes its actor), in one transaction; before the commit the case's times
// are moved to when the plan says they happened (warp.ts).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface Workspace {
  id: string;
  slug: string;
  policy: Policy;
}

export interface Played {
  number: number;
  transfers: number;
  /** Commands the rules refused (the history goes on without them). */
  refused: number;
}

const FILLER = [
  "Collected the logs and reproduced it on the customer's test tenant.",
  "Restarted the connector; the error comes back after about an hour.",
  "Customer shared a HAR file; the 502s come from the gateway, not the app.",
  "Workaround in place; the root cause is still open.",
  "Waiting on the customer to confirm the new certificate chain.",
];

function answers(policy: Policy, h: HandoffScript, i: number): Record<string, string> {
  const kind = policy.transferKinds.find((k) => k.code === h.kind);
  const out: Record<string, string> = {};
  for (const f of kind?.template ?? []) {
    // Optional fields Baton fills from the case are left to it; a sloppy sender skips the rest.
    if (!f.required && (h.sloppy || f.prefill)) continue;
    const offered = offeredAnswers(f);
    out[f.key] = offered
      ? (offered[0] ?? "Yes")
      : (FILLER[(i + f.key.length) % FILLER.length] ?? "");
  }
  return out;
}

export async function playCase(
  db: Db,
  ws: Workspace,
  cast: Cast,
  script: CaseScript,
): Promise<Played> {
  return db.transaction(async (tx) => {
    const moments: Moment[] = [];
    let refused = 0;
    const at = async <T>(virtual: number, run: () => Promise<T>): Promise<T | undefined> => {
      const ids = await lastIds(tx);
      moments.push({ real: nextMillisecond(), virtual, ids });
      try {
        return await run();
      } catch (error) {
        // A rule that refuses a planned step is history too: it did not happen.
        if (!(error instanceof DomainError)) throw error;
        refused++;
        return undefined;
      }
    };
    const kase = async () => {
      const [row] = await tx
        .select({
          id: cases.id,
          version: cases.version,
          ownerId: cases.ownerId,
          due: cases.firstResponseDueAt,
        })
        .from(cases)
        .where(eq(cases.number, number));
      if (!row) throw new Error(`history: case ${number} vanished`);
      return row;
    };
    const transfer = async (id: string) => {
      const [row] = await tx.select().from(transfers).where(eq(transfers.id, id));
      if (!row) throw new Error(`history: transfer ${id} vanished`);
      return row;
    };

    let clock = script.openedAt;
    const owner = await cast.actor(script.ownerId);
    const created = await at(clock, () =>
      createCase(
        tx,
        owner,
        createCaseInput.parse({
          workspace: ws.slug,
          subject: script.subject,
          queue: script.queue,
          ownerId: script.ownerId,
          is24x7: script.is24x7,
          plan: script.plan,
          product: script.product,
          customerId: script.customerId,
          contactId: script.contactId,
        }),
      ),
    );
    if (!created) throw new Error(`history: could not open "${script.subject}" in ${ws.slug}`);
    const number = created.number;
    const caseId = (await kase()).id;
    const note = async (userId: string, when: number, body: string) =>
      at(when, async () =>
        addActivity(tx, await cast.actor(userId), number, {
          kind: "note",
          ...addNoteInput.parse({ body, visibility: "public" }),
        }),
      );
    await at(clock + 4 * MINUTE, () =>
      addActivity(tx, owner, number, {
        kind: "call",
        ...logCallInput.parse({
          body: "Customer called in; walked through the symptoms and agreed next steps.",
          direction: "inbound",
          durationMinutes: 12,
        }),
      }),
    );
    await note(script.ownerId, clock + 25 * MINUTE, "Thanks for the details, we are on it.");

    let holder: string | null = script.ownerId;
    let transferCount = 0;
    for (const [i, h] of script.handoffs.entries()) {
      if (!holder) break;
      const sender = await cast.actor(holder);
      const assigns = ws.policy.transferKinds
        .find((k) => k.code === h.kind)
        ?.guards.includes("only-assigners-pick-agents");
      const previous = clock;
      clock += h.afterHours * HOUR;
      if (h.missedFirst && ws.policy.handover.escalation.length) {
        // The owner's shift ends without a handover: the sweep raises it, once per level.
        const agents = await scheduleAgents(tx, ws.id, { withLoad: false });
        const ownerId = holder;
        let raisedAt: number | null = null;
        for (let v = previous + HOUR; v < previous + 30 * HOUR; v += 20 * MINUTE) {
          if (!dueRaises(ws.policy, agents, new Date(v)).some((r) => r.ownerId === ownerId))
            continue;
          for (const later of [v, v + 70 * MINUTE])
            await at(later, () =>
              raiseMissedHandovers(tx, new Date(later), 1, {
                workspaceId: ws.id,
                caseNumbers: [number],
              }),
            );
          raisedAt = v;
          break;
        }
        if (raisedAt !== null) clock = Math.max(clock, raisedAt + 100 * MINUTE);
      }
      const row = await kase();
      const requested = await at(clock, () =>
        requestTransfer(
          tx,
          sender,
          number,
          requestTransferInput.parse({
            version: row.version,
            kind: h.kind,
            target: h.target,
            reason: h.reason,
            reasonText: "Planned in the handoff history.",
            fields: answers(ws.policy, h, i),
            confirmations: { customerNeedsNextShift: true },
          }),
        ),
      );
      if (!requested) continue;
      transferCount++;
      let t = await transfer(requested.id);
      let time = clock;
      for (let guard = 0; guard < 8 && isOpen(t.state); guard++) {
        const version = t.version;
        const id = t.id;
        if (t.state === "awaiting_approval") {
          time += h.approvalMinutes * MINUTE;
          const approverId = h.approverId;
          if (h.outcome === "withdrawn" || !approverId)
            await at(time, () => withdrawTransfer(tx, sender, id, { version }));
          else if (h.outcome === "rejected")
            await at(time, async () =>
              rejectTransfer(tx, await cast.actor(approverId), id, {
                version,
                note: "Not now: keep it and update the customer first.",
              }),
            );
          else
            await at(time, async () =>
              approveTransfer(
                tx,
                await cast.actor(approverId),
                id,
                approveInput.parse({
                  version,
                  // Where only assigners pick agents (S4.7) the approver names who takes it.
                  ...(assigns && h.takerId ? { assignTo: h.takerId } : {}),
                }),
              ),
            );
        } else if (t.state === "awaiting_acceptance") {
          time += h.acceptanceMinutes * MINUTE;
          const receiverId = t.targetAgentId;
          if (h.outcome === "expired")
            // Nobody answered in time: the deadline passes and the sweeper hands it on.
            await at(time, async () => {
              await tx
                .update(transfers)
                .set({ expiresAt: new Date(Date.now() - 1) })
                .where(eq(transfers.id, id));
              return expireOverdueTransfers(tx, new Date());
            });
          else if (h.outcome === "withdrawn" || !receiverId)
            await at(time, () => withdrawTransfer(tx, sender, id, { version }));
          else if (h.outcome === "declined")
            await at(time, async () =>
              declineTransfer(tx, await cast.actor(receiverId), id, {
                version,
                note: "I cannot take it this week.",
              }),
            );
          else
            await at(time, async () =>
              acceptTransfer(tx, await cast.actor(receiverId), id, { version }),
            );
        } else {
          time += h.stepMinutes * MINUTE;
          const step = nextStep(t.requiredSteps as TransferStep[], t.steps as StepRecord[]);
          if (h.outcome === "withdrawn" || !step)
            await at(time, () => withdrawTransfer(tx, sender, id, { version }));
          else
            await at(time, () =>
              recordStep(tx, sender, id, step, stepInput.parse({ version, how: "email" })),
            );
        }
        const next = await transfer(id);
        if (next.version === t.version) {
          // Refused: give up on this transfer as its sender would.
          if (isOpen(next.state))
            await at(time, () => withdrawTransfer(tx, sender, id, { version }));
          t = await transfer(id);
          break;
        }
        t = next;
      }
      clock = time;
      if (t.state !== "completed") continue;
      let receiver = (await kase()).ownerId;
      const takerId = h.takerId;
      if (!receiver && takerId) {
        // Handed to a queue: someone of the receiving team takes it.
        clock += 10 * MINUTE;
        const version = (await kase()).version;
        await at(clock, async () =>
          updateCase(
            tx,
            await cast.actor(takerId),
            number,
            updateCaseInput.parse({ version, ownerId: takerId }),
          ),
        );
        receiver = (await kase()).ownerId;
      }
      holder = receiver;
      if (h.breach) {
        const due = (await kase()).due;
        if (due)
          await at(clock + 75 * MINUTE, () =>
            fireClockAlarms(tx, new Date(due.getTime() + MINUTE), { caseIds: [caseId] }),
          );
      }
      if (receiver && h.replyAfterMinutes !== null) {
        const replier = receiver;
        await note(replier, clock + h.replyAfterMinutes * MINUTE, FILLER[i % FILLER.length] ?? "");
      }
    }

    const setStatus = async (when: number, status: "resolved" | "active") => {
      const row = await kase();
      if (!row.ownerId) return;
      const ownerId = row.ownerId;
      await at(when, async () =>
        updateCase(
          tx,
          await cast.actor(ownerId),
          number,
          updateCaseInput.parse({ version: row.version, status }),
        ),
      );
    };
    if (script.resolveAfterHours !== null) {
      clock += script.resolveAfterHours * HOUR;
      await setStatus(clock, "resolved");
      if (script.reopenAfterHours !== null) {
        clock += script.reopenAfterHours * HOUR;
        await setStatus(clock, "active");
        clock += 20 * HOUR;
        await setStatus(clock, "resolved");
      }
    }
    await warpCase(tx, caseId, moments);
    return { number, transfers: transferCount, refused };
  });
}
