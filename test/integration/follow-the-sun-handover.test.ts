import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberships } from "../../src/db/schema.ts";
import type { Policy } from "../../src/domain/policy/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// S1.2 through the API: a 24x7 case goes to the next region of the owner's pair that is on
// shift (the next-region-on-shift guard), and back to the queue only once the owner or the
// receiving region's handover SME recorded the alignment in the handover meeting. Shifts are
// laid out around the hour the test runs: APAC (the owner's region) has no hours, so the
// owner's shift has ended; IST's next three local days are holidays, so its shift has ended
// too; EMEA is open around the clock.

const API = "/api/v1";
const allDay = () => [{ start: "00:00", end: "24:00" }];
const never = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const always = () => ({
  mon: allDay(),
  tue: allDay(),
  wed: allDay(),
  thu: allDay(),
  fri: allDay(),
  sat: allDay(),
  sun: allDay(),
});

function handoverPolicy(now: DateTime): Policy {
  const policy = structuredClone(presets["follow-the-sun"]);
  const today = now.setZone("Asia/Kolkata").startOf("day");
  for (const region of policy.regions) {
    if (region.code === "APAC") region.businessHours = { ...never };
    if (region.code === "IST") {
      region.businessHours = always();
      region.holidays = [0, 1, 2].map((n) => today.plus({ days: n }).toISODate() as string);
    }
    if (region.code === "EMEA") {
      region.businessHours = always();
      region.holidays = [];
    }
  }
  return policy;
}

interface TransferView {
  id: string;
  state: string;
  version: number;
  nextStep: string | null;
  requiredSteps: string[];
  actions: string[];
}

interface Preview {
  blocked: boolean;
  requiredSteps: string[];
  guards: { id: string; outcome: string; message: string }[];
}

describe.each(databaseKinds)("follow-the-sun hand-off order and alignment (%s)", (kind) => {
  let world: World;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let owner: TestAgent;
  let emeaSme: TestAgent;
  let emeaColleague: TestAgent;
  let apacSme: TestAgent;
  let fields: Record<string, string>;
  let istOpens: DateTime;

  const makeSme = async (agent: TestAgent) =>
    world.database.db
      .update(memberships)
      .set({ handoverSme: true })
      .where(and(eq(memberships.userId, agent.userId), eq(memberships.workspaceId, ws.id)));

  beforeAll(async () => {
    world = await startWorld(kind);
    const now = DateTime.utc();
    istOpens = now.setZone("Asia/Kolkata").startOf("day").plus({ days: 3 });
    ws = await buildWorkspace(world, "follow-the-sun", handoverPolicy(now));
    owner = await buildAgent(world, ws.slug, "agent", { region: "APAC" });
    emeaSme = await buildAgent(world, ws.slug, "agent", { name: "Ryszard SME", region: "EMEA" });
    emeaColleague = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
    apacSme = await buildAgent(world, ws.slug, "agent", { region: "APAC" });
    await makeSme(emeaSme);
    await makeSme(apacSme);
    const fts = ws.policy.transferKinds.find((k) => k.code === "fts-24x7");
    if (!fts) throw new Error("the preset lost fts-24x7");
    fields = Object.fromEntries(
      fts.template.map((f) => [
        f.key,
        f.kind === "yesno" ? "Yes" : f.kind === "choice" ? (f.choices?.[0] ?? "") : `${f.label}.`,
      ]),
    );
  });
  afterAll(() => world.dispose());

  const newCase = async () => {
    const made = await owner.api.post<CaseDetail>(`${API}/cases`, {
      workspace: ws.slug,
      subject: "Spark jobs fail after the runtime upgrade",
      ownerId: owner.userId,
      queue: "in-depth",
      plan: "premier",
      severity: "A",
      product: "spark",
      is24x7: true,
    });
    expect(made.status).toBe(201);
    return made.body;
  };
  const handover = (c: CaseDetail, region: string, reason = "next-shift") => ({
    version: c.version,
    kind: "fts-24x7",
    target: { queue: "in-depth", region },
    reason,
    fields,
    confirmations: { customerNeedsNextShift: true },
  });
  const getCase = async (n: number) => (await owner.api.get<CaseDetail>(`${API}/cases/${n}`)).body;

  it("refuses IST, whose shift has ended, naming EMEA and from when; the preview says so too", async () => {
    const c = await newCase();
    const refused = await owner.api.post(`${API}/cases/${c.number}/transfers`, handover(c, "IST"));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("next-region-on-shift");
    const opens = `${istOpens.toFormat("ccc HH:mm")} Asia/Kolkata (${istOpens.toUTC().toFormat("yyyy-MM-dd'T'HH:mm'Z'")})`;
    expect(refused.body.detail).toBe(
      `A 24x7 case goes from APAC to EMEA, on shift now; IST is not on shift then (its next shift starts ${opens}). Hand it to EMEA.`,
    );
    const shown = await owner.api.post<Preview>(
      `${API}/cases/${c.number}/transfers?preview=true`,
      handover(c, "IST"),
    );
    expect(shown.status).toBe(200);
    expect(shown.body.blocked).toBe(true);
    expect(shown.body.guards).toContainEqual({
      id: "next-region-on-shift",
      outcome: "block",
      message: refused.body.detail,
    });
    const fine = await owner.api.post<Preview>(
      `${API}/cases/${c.number}/transfers?preview=true`,
      handover(c, "EMEA"),
    );
    expect(fine.body.guards.map((g) => g.id)).not.toContain("next-region-on-shift");
    expect(fine.body.requiredSteps).toEqual(["notes_updated", "handover_aligned"]);
    // Nothing was stored by the refusal.
    expect((await getCase(c.number)).version).toBe(c.version);
  });

  it("refuses a region outside the pair, unless the customer chose it", async () => {
    const c = await newCase();
    const refused = await owner.api.post(`${API}/cases/${c.number}/transfers`, handover(c, "US"));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("next-region-on-shift");
    expect(refused.body.detail).toMatch(
      /^A 24x7 case goes from APAC to EMEA, on shift now; US is not a region APAC hands over to\./,
    );
    const chosen = await owner.api.post<TransferView>(
      `${API}/cases/${c.number}/transfers`,
      handover(c, "US", "customer-region-request"),
    );
    expect(chosen.status).toBe(201);
  });

  it("the case waits for the alignment; only the owner or the receiving region's SME records it", async () => {
    const c = await newCase();
    const made = await owner.api.post<TransferView>(
      `${API}/cases/${c.number}/transfers`,
      handover(c, "EMEA"),
    );
    expect(made.status).toBe(201);
    expect(made.body.state).toBe("awaiting_steps");
    expect(made.body.nextStep).toBe("handover_aligned");
    expect(made.body.actions).toContain("step:handover_aligned");
    // Not in the queue yet.
    const waiting = await getCase(c.number);
    expect(waiting.owner?.id).toBe(owner.userId);
    expect(waiting.handoffCount).toBe(0);

    const view = async (who: TestAgent) =>
      (await who.api.get<TransferView>(`${API}/transfers/${made.body.id}`)).body;
    expect((await view(emeaSme)).actions).toContain("step:handover_aligned");
    expect((await view(emeaColleague)).actions).not.toContain("step:handover_aligned");
    expect((await view(apacSme)).actions).not.toContain("step:handover_aligned");

    const step = (who: TestAgent, version: number) =>
      who.api.post<TransferView>(`${API}/transfers/${made.body.id}/steps/handover_aligned`, {
        version,
        how: "meeting",
      });
    for (const outsider of [emeaColleague, apacSme]) {
      const refused = await step(outsider, made.body.version);
      expect(refused.status).toBe(403);
      expect((refused.body as unknown as { detail: string }).detail).toBe(
        "Only the case owner or a handover SME of EMEA records that the hand-off was aligned in the handover meeting",
      );
    }
    expect((await getCase(c.number)).owner?.id).toBe(owner.userId);

    const aligned = await step(emeaSme, made.body.version);
    expect(aligned.status).toBe(200);
    expect(aligned.body.state).toBe("completed");
    const back = await getCase(c.number);
    expect(back.owner).toBeNull();
    expect(back.queue).toBe("in-depth");
    expect(back.region).toBe("EMEA");
    expect(back.internalTitle).toMatch(/^Need EMEA SE/);
  });

  it("the owner records the alignment themself", async () => {
    const c = await newCase();
    const made = await owner.api.post<TransferView>(
      `${API}/cases/${c.number}/transfers`,
      handover(c, "EMEA"),
    );
    expect(made.body.state).toBe("awaiting_steps");
    const aligned = await owner.api.post<TransferView>(
      `${API}/transfers/${made.body.id}/steps/handover_aligned`,
      { version: made.body.version },
    );
    expect(aligned.status).toBe(200);
    expect(aligned.body.state).toBe("completed");
    expect((await getCase(c.number)).owner).toBeNull();
  });
});

describe.each(databaseKinds)("follow the sun only where the policy uses it (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  it("says per workspace whether it follows the sun; elsewhere board, meetings and next holder are 404", async () => {
    const helpdesk = await buildWorkspace(world, "helpdesk-transfer");
    const fts = await buildWorkspace(world, "follow-the-sun");
    const agent = await buildAgent(world, helpdesk.slug, "agent", { region: "EMEA" });
    const ftsAgent = await buildAgent(world, fts.slug, "agent", { region: "EMEA" });
    const features = async (who: TestAgent, slug: string) =>
      (
        await who.api.get<{ features: { followTheSun: boolean } }>(
          `${API}/workspaces/${slug}/policy`,
        )
      ).body.features;
    expect(await features(agent, helpdesk.slug)).toEqual({ followTheSun: false });
    expect(await features(ftsAgent, fts.slug)).toEqual({ followTheSun: true });

    const c = await agent.api.post<CaseDetail>(`${API}/cases`, {
      workspace: helpdesk.slug,
      subject: "Printer offline",
      ownerId: agent.userId,
    });
    expect(c.status).toBe(201);
    for (const url of [
      `${API}/cases/${c.body.number}/next-holder`,
      `${API}/handoff-board?workspace=${helpdesk.slug}&region=EMEA`,
      `${API}/handover-meetings?workspace=${helpdesk.slug}&from=2026-11-23T00:00:00Z&to=2026-11-30T00:00:00Z`,
    ]) {
      const reply = await agent.api.get(url);
      expect(reply.status, url).toBe(404);
      expect(reply.body.code).toBe("follow_the_sun_off");
      expect(reply.body.detail).toMatch(/does not follow the sun/);
    }
    const board = await ftsAgent.api.get(`${API}/handoff-board?workspace=${fts.slug}&region=EMEA`);
    expect(board.status).toBe(200);
  });

  it("offers assignment in next-holder answers only to those who may assign (shift-lead)", async () => {
    const ws = await buildWorkspace(world, "shift-lead");
    const agent = await buildAgent(world, ws.slug, "agent", { region: "EMEA" });
    const lead = await buildAgent(world, ws.slug, "shift_lead", { region: "EMEA" });
    const policy = await agent.api.get<{ features: { followTheSun: boolean } }>(
      `${API}/workspaces/${ws.slug}/policy`,
    );
    expect(policy.body.features.followTheSun).toBe(true);
    const c = await agent.api.post<CaseDetail>(`${API}/cases`, {
      workspace: ws.slug,
      subject: "Cannot sign in to the portal",
      ownerId: agent.userId,
    });
    expect(c.status).toBe(201);
    const ask = (who: TestAgent) =>
      who.api.get<{ mayAssign: boolean; assignNote: string | null }>(
        `${API}/cases/${c.body.number}/next-holder`,
      );
    const asAgent = await ask(agent);
    expect(asAgent.status).toBe(200);
    expect(asAgent.body.mayAssign).toBe(false);
    expect(asAgent.body.assignNote).toBe(
      "Only the shift lead or administrator assigns cases here: the suggestion is for them",
    );
    const asLead = await ask(lead);
    expect(asLead.body).toMatchObject({ mayAssign: true, assignNote: null });
  });
});
