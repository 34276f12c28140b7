import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDED_OFF_WINDOW_DAYS } from "../../src/commands/cases/sendTeamHandoff.ts";
import { createWorkspace } from "../../src/commands/workspaces/createWorkspace.ts";
import { auditEvents, transfers } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import type { DeliveryWorker } from "../../src/jobs/deliveries.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import { settled, startWorker } from "../support/deliveries.ts";
import { ok } from "../support/ok.ts";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// S4.5: "A handoff email to the whole team lists the handed-off items and what was validated so
// far." Sent through the API, it reaches a real SMTP server on loopback, one message per person.

const API = "/api/v1";

interface Sent {
  id: string;
  recipients: { address: string; name: string | null }[];
  cases: number[];
  queued: number;
}

describe.each(databaseKinds)("team hand-off email (%s)", (kind) => {
  let world: World;
  let smtp: TestSmtpServer;
  let worker: DeliveryWorker;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let sender: TestAgent;
  let mate: TestAgent;
  let lead: TestAgent;
  let mine: CaseDetail;
  let queued: CaseDetail;
  let matesCase: CaseDetail;

  beforeAll(async () => {
    world = await startWorld(kind);
    smtp = await startSmtpServer();
    worker = await startWorker(world, smtp.port);
    ws = await buildWorkspace(world, "shift-lead");
    sender = await buildAgent(world, ws.slug, "agent", { name: "Sam Sender" });
    mate = await buildAgent(world, ws.slug, "agent", { name: "Mia Mate" });
    lead = await buildAgent(world, ws.slug, "shift_lead", { name: "Lee Lead" });
    const make = async (who: TestAgent, subject: string, ownerId: string | null) =>
      ok(
        await who.api.post<CaseDetail>(`${API}/cases`, {
          workspace: ws.slug,
          subject,
          ...(ownerId ? { ownerId } : {}),
        }),
        201,
      );
    mine = await make(sender, "Printer offline in Duisburg", sender.userId);
    matesCase = await make(mate, "Invoice export times out", mate.userId);
    queued = await make(lead, "VPN drops every hour", null);
  });
  afterAll(async () => {
    await worker?.stop();
    await smtp?.close();
    await world?.dispose();
  });

  it("an agent hands off their own cases to every other member, one email each, audited", async () => {
    const sent = ok(
      await sender.api.post<Sent>(`${API}/workspaces/${ws.slug}/team-handoffs`, {
        note: "Out Thursday and Friday.",
        items: [
          {
            caseNumber: mine.number,
            validated: "Firmware 4.2 confirmed\nnetwork is fine",
            next: "Roll back one unit",
          },
        ],
      }),
      201,
    );
    expect(sent.recipients.map((r) => r.address).sort()).toEqual([lead.email, mate.email].sort());
    expect(sent.queued).toBe(2);
    const rows = await settled(world, ws.id);
    expect(rows.map((r) => [r.topic, r.state])).toEqual([
      ["team_handoff", "sent"],
      ["team_handoff", "sent"],
    ]);
    const mail = await smtp.waitFor(2);
    const toMate = mail.find((m) => m.envelope.to.includes(mate.email))!;
    expect(toMate.envelope.to).toEqual([mate.email]);
    expect(toMate.parsed.subject).toBe("[Test shift-lead] Hand-off from Sam Sender: 1 case");
    const text = toMate.parsed.text ?? "";
    expect(text).toContain("Hello Mia Mate,");
    expect(text).toContain("Out Thursday and Friday.");
    expect(text).toContain(`Case ${mine.number} | Printer offline in Duisburg`);
    expect(text).toContain("  Owner now:   Sam Sender");
    expect(text).toContain("  Validated:   Firmware 4.2 confirmed\n               network is fine");
    expect(text).toContain("  Next:        Roll back one unit");
    expect(mail.some((m) => m.envelope.to.includes(sender.email))).toBe(false);

    const [audit] = await world.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "team.handoff_sent"), eq(auditEvents.subjectId, sent.id)));
    expect(audit?.actorId).toBe(sender.userId);
    expect(audit?.data).toMatchObject({ cases: [mine.number] });
  });

  it("a lead hands off anyone's cases to named members; queued cases name their queue", async () => {
    const before = smtp.received.length;
    const sent = ok(
      await lead.api.post<Sent>(`${API}/workspaces/${ws.slug}/team-handoffs`, {
        to: [mate.userId],
        items: [
          { caseNumber: matesCase.number, validated: "Reproduced with 10k rows" },
          { caseNumber: queued.number, validated: "Seen on two sites", next: "Ask networking" },
        ],
      }),
      201,
    );
    expect(sent.recipients).toEqual([{ address: mate.email, name: "Mia Mate" }]);
    const mail = (await smtp.waitFor(before + 1)).slice(before);
    const text = mail[0]!.parsed.text ?? "";
    expect(mail[0]!.parsed.subject).toBe("[Test shift-lead] Hand-off from Lee Lead: 2 cases");
    expect(text).toContain(`Case ${matesCase.number} | Invoice export times out`);
    expect(text).toContain("  Next:        -");
    expect(text).toMatch(
      new RegExp(`Case ${queued.number} \\| VPN drops every hour\\n  Owner now:   .+ \\(queue\\)`),
    );
  });

  it("goes to the team's mailbox when the policy names one", async () => {
    const policy = structuredClone(presets["shift-lead"]);
    const slug = `team-mailbox-${kind}-${Date.now()}`;
    const made = await createWorkspace(
      world.database.db,
      {
        slug,
        name: "Night shift",
        policy: { ...policy, teamMailbox: "night-shift@support.example" },
      },
      null,
    );
    const agent = await buildAgent(world, slug, "agent", { name: "Nia Night" });
    await buildAgent(world, slug, "agent");
    const c = ok(
      await agent.api.post<CaseDetail>(`${API}/cases`, {
        workspace: slug,
        subject: "Label printer jams",
        ownerId: agent.userId,
      }),
      201,
    );
    const before = smtp.received.length;
    const sent = ok(
      await agent.api.post<Sent>(`${API}/workspaces/${slug}/team-handoffs`, {
        items: [{ caseNumber: c.number, validated: "Cleaned the rollers" }],
      }),
      201,
    );
    expect(sent.recipients).toEqual([{ address: "night-shift@support.example", name: null }]);
    const mail = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail[0]!.envelope.to).toEqual(["night-shift@support.example"]);
    expect(mail[0]!.parsed.text).toContain("Hello team,");
    // Naming the mailbox is the same; any other address is refused.
    const other = await agent.api.post<Problem>(`${API}/workspaces/${slug}/team-handoffs`, {
      to: "someone@elsewhere.example",
      items: [{ caseNumber: c.number, validated: "x" }],
    });
    expect(other.status).toBe(422);
    expect(other.body.errors?.[0]?.field).toBe("to");
    expect(made.id).toBeTruthy();
  });

  it("refuses bad input, unknown cases and others' cases, naming the field, and sends nothing", async () => {
    const post = (who: TestAgent, body: unknown) =>
      who.api.post<Problem>(`${API}/workspaces/${ws.slug}/team-handoffs`, body);
    const before = (await settled(world, ws.id)).length;

    const empty = await post(sender, { items: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors?.map((e) => e.field)).toContain("items");

    const blank = await post(sender, { items: [{ caseNumber: mine.number, validated: "" }] });
    expect(blank.status).toBe(400);
    expect(blank.body.errors?.map((e) => e.field)).toContain("items.0.validated");

    const tooMany = await post(sender, {
      items: Array.from({ length: 201 }, (_, i) => ({ caseNumber: i + 1, validated: "x" })),
    });
    expect(tooMany.status).toBe(400);

    const unknown = await post(sender, {
      items: [
        { caseNumber: mine.number, validated: "ok" },
        { caseNumber: mine.number + 99_999, validated: "?" },
      ],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([
      { field: "items.1.caseNumber", message: `no case ${mine.number + 99_999} in ${ws.slug}` },
    ]);

    const twice = await post(sender, {
      items: [
        { caseNumber: mine.number, validated: "a" },
        { caseNumber: mine.number, validated: "b" },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors?.[0]?.field).toBe("items.1.caseNumber");

    // S4.7's spirit: an agent speaks for their own cases only.
    const notMine = await post(sender, {
      items: [
        { caseNumber: mine.number, validated: "ok" },
        { caseNumber: matesCase.number, validated: "?" },
      ],
    });
    expect(notMine.status).toBe(403);
    expect(notMine.body.errors?.[0]?.field).toBe("items.1.caseNumber");

    const stranger = await post(sender, {
      to: ["00000000-0000-4000-8000-000000000999"],
      items: [{ caseNumber: mine.number, validated: "ok" }],
    });
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors?.[0]?.field).toBe("to.0");

    const noMailbox = await post(sender, {
      to: "team@support.example",
      items: [{ caseNumber: mine.number, validated: "ok" }],
    });
    expect(noMailbox.status).toBe(422);

    // Another workspace's member is told the workspace does not exist.
    const other = await buildWorkspace(world, "shift-lead");
    const outsider = await buildAgent(world, other.slug, "shift_lead");
    const hidden = await post(outsider, { items: [{ caseNumber: mine.number, validated: "x" }] });
    expect(hidden.status).toBe(404);

    expect(await settled(world, ws.id)).toHaveLength(before);
  });
  it("sends before or after the transfer; after it, names who holds the case now (issue 11)", async () => {
    const c = ok(
      await sender.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Webhook retries pile up",
        ownerId: sender.userId,
      }),
      201,
    );
    const handOff = (who: TestAgent) =>
      who.api.post<Sent>(`${API}/workspaces/${ws.slug}/team-handoffs`, {
        to: [lead.userId],
        items: [{ caseNumber: c.number, validated: "Retries back off correctly" }],
      });
    // The n-th hand-off email about this case (other mail, e.g. the approval request, interleaves).
    const handOffText = async (n: number) => {
      const about = (m: (typeof smtp.received)[number]) =>
        (m.parsed.subject ?? "").includes("Hand-off from Sam Sender") &&
        (m.parsed.text ?? "").includes(`Case ${c.number} |`);
      for (let seen = smtp.received.length; ; seen++) {
        const found = (await smtp.waitFor(seen)).filter(about);
        if (found.length >= n) return found[n - 1]!.parsed.text ?? "";
      }
    };

    // Before the transfer: the sender still holds the case.
    ok(await handOff(sender), 201);
    expect(await handOffText(1)).toContain("  Owner now:   Sam Sender");

    // The transfer to the chat queue, approved by the shift lead, completes.
    const kindDef = ws.policy.transferKinds.find((k) => k.code === "handoff-request")!;
    const requested = ok(
      await sender.api.post<{ id: string; version: number; state: string }>(
        `${API}/cases/${c.number}/transfers`,
        {
          version: c.version,
          kind: "handoff-request",
          target: { queue: "chat" },
          reason: "needs-attention",
          fields: Object.fromEntries(kindDef.template.map((f) => [f.key, `${f.label}.`])),
        },
      ),
      201,
    );
    const approved = ok(
      await lead.api.post<{ state: string }>(`${API}/transfers/${requested.id}/approve`, {
        version: requested.version,
      }),
    );
    expect(approved.state).toBe("completed");

    // After it: no longer "not yours", and the email names the new holder.
    ok(await handOff(sender), 201);
    const after = await handOffText(2);
    expect(after).toContain("  Owner now:   Chat conversations (queue)");
    expect(after).not.toContain("Owner now:   Sam Sender");

    // Someone who neither held nor handed off the case is still refused.
    const other = await buildAgent(world, ws.slug, "agent", { name: "Otto Other" });
    expect((await handOff(other)).status).toBe(403);

    // Past the window the case is no longer the sender's to tell about.
    await world.database.db
      .update(transfers)
      .set({ completedAt: new Date(Date.now() - (HANDED_OFF_WINDOW_DAYS + 1) * 86_400_000) })
      .where(eq(transfers.id, requested.id));
    const late = await handOff(sender);
    expect(late.status).toBe(403);
    expect((late.body as unknown as Problem).errors?.[0]?.message).toMatch(
      /neither yours nor handed off by you in the last 14 days/,
    );
  });
});
