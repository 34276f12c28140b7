import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import type { WorkspaceViewer } from "../../src/http/routes/workspace-schemas.ts";
import { presets } from "../../src/presets/index.ts";
import { databaseKinds } from "../support/db.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

const API = "/api/v1";

// The web app shows only what the server says the caller may do; these are its answers.
describe.each(databaseKinds)("what the caller may do in a workspace (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world?.dispose());

  const viewerOf = async (agent: TestAgent, slug: string) => {
    const answer = await agent.api.get<{ viewer: WorkspaceViewer }>(
      `${API}/workspaces/${slug}/policy`,
    );
    expect(answer.status).toBe(200);
    return answer.body.viewer;
  };

  it("answers per role: transfer, assign, approve, manage", async () => {
    const ws = await buildWorkspace(world, "shift-lead");
    const agent = await buildAgent(world, ws.slug, "agent");
    const lead = await buildAgent(world, ws.slug, "shift_lead");
    const admin = await buildAgent(world, ws.slug, "admin");
    expect(await viewerOf(agent, ws.slug)).toEqual({
      role: "agent",
      transfer: true,
      transferRefusal: null,
      assign: false,
      // Their own cases' status, severity and priority, in bulk; never the owner.
      bulkEdit: { fields: true, owner: false },
      approveTransfers: false,
      manageWorkspace: false,
      managePeople: false,
      reviewInbound: false,
      readAudit: true,
      handoffSheet: true,
      readReports: false,
      // Analytics of their own handoffs (the answer's scope says so).
      readAnalytics: true,
      manageProjects: false,
      // Views of their own only; sharing one is a lead's.
      shareViews: false,
      // The shift lead places every ticket: no queue assigns itself, so nobody pulls.
      pullNext: false,
    });
    // The help desk lets agents take the next waiting ticket themselves.
    const desk = await buildWorkspace(world, "helpdesk-transfer");
    const deskAgent = await buildAgent(world, desk.slug, "agent");
    expect(await viewerOf(deskAgent, desk.slug)).toMatchObject({ pullNext: true });
    expect(await viewerOf(lead, ws.slug)).toMatchObject({
      role: "shift_lead",
      assign: true,
      bulkEdit: { fields: true, owner: true },
      approveTransfers: true,
      manageWorkspace: false,
      managePeople: false,
      shareViews: true,
      readAnalytics: true,
    });
    expect(await viewerOf(admin, ws.slug)).toMatchObject({
      role: "admin",
      manageWorkspace: true,
      managePeople: true,
      reviewInbound: true,
      readAudit: true,
    });
  });

  it("refuses transfer to a group the policy excludes, says why, and the case agrees", async () => {
    const policy = structuredClone(presets["helpdesk-transfer"]);
    const group = policy.queues[0]?.code;
    if (!group) throw new Error("helpdesk-transfer has no queues");
    policy.transferExcludedGroups = [group];
    const ws = await buildWorkspace(world, "helpdesk-transfer", policy);
    const excluded = await buildAgent(world, ws.slug, "agent", { queues: [group] });
    const other = await buildAgent(world, ws.slug, "agent");
    expect(await viewerOf(excluded, ws.slug)).toMatchObject({
      transfer: false,
      transferRefusal: `your group ${group} may not transfer cases`,
    });
    expect(await viewerOf(other, ws.slug)).toMatchObject({ transfer: true, transferRefusal: null });

    const made = await excluded.api.post<CaseDetail>(`${API}/cases`, {
      workspace: ws.slug,
      subject: "Printer offline",
      ownerId: excluded.userId,
    });
    expect(made.status).toBe(201);
    expect(made.body.allowed).not.toContain("case.transfer");
    const seen = await other.api.get<CaseDetail>(`${API}/cases/${made.body.number}`);
    expect(seen.body.allowed).toContain("case.transfer");
  });
});
