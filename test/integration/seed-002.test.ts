import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signTrackerBody } from "../../src/auth/tracker-signature.ts";
import { deliveries, notifications } from "../../src/db/schema.ts";
import type {
  AttachmentItem,
  CaseAttachmentList,
} from "../../src/http/routes/attachment-schemas.ts";
import type { CaseDetail, Page, TimelineItem } from "../../src/http/routes/case-schemas.ts";
import type {
  CaseFromTask,
  Project,
  Task,
  TaskDetail,
  TaskNote,
} from "../../src/http/routes/project-schemas.ts";
import type { ProjectVolumeAnswer } from "../../src/http/routes/report-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { multipart, PNG } from "../support/multipart.ts";
import { ok } from "../support/ok.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";
import { filled, kindOf } from "./transfer-scenarios/helpers.ts";

// Seed 002 ("transfer a case to development"), replayed step by step through Baton's API on the
// professional-services preset: a consultant's task hits a roadblock, a quick call is logged on
// the task, the rest becomes a case opened from the task, the task updates itself, the case goes
// to development only through triage, development's stages reach the owner and the customer,
// and the project manager schedules the follow-up once the case resolves. Each test names the
// rule it shows by its id in DESIGN.md.

const API = "/api/v1";
type Refusal = Problem & { errors?: { field: string }[] };

describe.each(databaseKinds)("seed 002, step by step (%s)", (kind) => {
  let world: World;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let consultant: TestAgent;
  let colleague: TestAgent;
  let triage: TestAgent;
  let pm: TestAgent;
  let admin: TestAgent;
  let customerId: string;
  let contact: { id: string; email: string };
  /** The case the roadblock became; the scenario carries it from rule to rule. */
  let caseNumber = 0;
  let taskNumber = 0;
  let projectCode = "";
  let developer: TestAgent;

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world, "ps-escalation");
    // Consultants and their colleague work in professional services, so Support L1 keeps the case.
    consultant = await buildAgent(world, ws.slug, "agent", {
      name: "Cora Consultant",
      queues: ["professional-services"],
    });
    colleague = await buildAgent(world, ws.slug, "agent", {
      name: "Sven Support",
      queues: ["professional-services"],
    });
    triage = await buildAgent(world, ws.slug, "triage", {
      name: "Tariq Triage",
      queues: ["triage"],
    });
    pm = await buildAgent(world, ws.slug, "project_manager", { name: "Pia Manager" });
    developer = await buildAgent(world, ws.slug, "agent", {
      name: "Dev Eloper",
      queues: ["development"],
    });
    admin = await buildAgent(world, ws.slug, "admin");
    const email = `dana-${randomBytes(3).toString("hex")}@northwind.example`;
    const customer = ok(
      await admin.api.post<{ id: string; contacts: { id: string }[] }>(
        `${API}/workspaces/${ws.slug}/customers`,
        {
          name: "Northwind Freight",
          timeZone: "America/Chicago",
          language: "en",
          contacts: [{ name: "Dana Lee", email }],
        },
      ),
      201,
    );
    customerId = customer.id;
    contact = { id: customer.contacts[0]?.id ?? "", email };
  });
  afterAll(() => world.dispose());

  const getCase = async (who: TestAgent, n = caseNumber) =>
    ok(await who.api.get<CaseDetail>(`${API}/cases/${n}`));
  const timeline = async (who: TestAgent, n = caseNumber) =>
    ok(await who.api.get<Page<TimelineItem>>(`${API}/cases/${n}/timeline`)).items;
  const inbox = (who: TestAgent, what: string) =>
    world.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, who.userId), eq(notifications.kind, what)));
  const mailTo = (who: TestAgent, topic: string) =>
    world.database.db
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.caseNumber, caseNumber),
          eq(deliveries.recipient, who.email),
          eq(deliveries.topic, topic),
        ),
      );
  const toCustomer = () =>
    world.database.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.caseNumber, caseNumber), eq(deliveries.recipient, contact.email)));

  it("S2.1 a quick call on the blocked task is logged in the task's own activity", async () => {
    const p = ok(
      await pm.api.post<Project>(`${API}/workspaces/${ws.slug}/projects`, {
        code: "NW-REPORTING",
        name: "Northwind reporting rollout",
        customerId,
        managerId: pm.userId,
        startsOn: "2026-11-02",
        endsOn: "2027-01-22",
      }),
      201,
    );
    projectCode = p.code;
    const t = ok(
      await pm.api.post<Task>(`${API}/workspaces/${ws.slug}/projects/${p.code}/tasks`, {
        title: "Configure the shipments report",
        assigneeId: consultant.userId,
        estimateMinutes: 16 * 60,
        dueOn: "2027-01-08",
      }),
      201,
    );
    taskNumber = t.number;
    const call = ok(
      await consultant.api.post<TaskNote>(`${API}/tasks/${taskNumber}/notes`, {
        kind: "call",
        withWhom: "Sven Support",
        minutes: 10,
        body: "Quick call: the CSV export loses a row; not a setting. Needs a case.",
      }),
      201,
    );
    const task = ok(await consultant.api.get<TaskDetail>(`${API}/tasks/${taskNumber}`));
    expect(task.activity.map((a) => [a.kind, a.id])).toEqual([["call", call.id]]);
    expect(task.activity[0]?.call).toEqual({ withWhom: "Sven Support", minutes: 10 });
  });

  it("S2.2 the assignee opens the case from the task: contact, secondary owner, subject, description with a screenshot, impact, priority, product, owned by Support L1", async () => {
    const task = ok(await consultant.api.get<TaskDetail>(`${API}/tasks/${taskNumber}`));
    expect(task.can.openCase).toBe(true);
    // Development is not a queue a new case may start in (S2.5).
    const straight = ok<Refusal>(
      await consultant.api.post(`${API}/tasks/${taskNumber}/case`, {
        version: task.version,
        subject: "CSV export drops the last row",
        product: "reporting",
        queue: "development",
        minutesDelivered: 600,
      }),
      422,
    );
    expect(straight.code).toBe("development-only-via-triage");
    // "The Sub Product field can be left blank"; one that is named must be the product's.
    const wrongSub = ok<Refusal>(
      await consultant.api.post(`${API}/tasks/${taskNumber}/case`, {
        version: task.version,
        subject: "CSV export drops the last row",
        product: "reporting",
        subProduct: "rest-api",
        minutesDelivered: 600,
      }),
      422,
    );
    expect(wrongSub.errors?.map((e) => e.field)).toEqual(["subProduct"]);
    const opened = ok(
      await consultant.api.post<CaseFromTask>(`${API}/tasks/${taskNumber}/case`, {
        version: task.version,
        subject: "CSV export drops the last row",
        description: "Exporting the shipments report (120 rows) to CSV gives 119 rows.",
        contactId: contact.id,
        impact: "Go-live of the reporting module blocked",
        priority: "high",
        product: "reporting",
        subProduct: "exports",
        queue: "support-l1",
        minutesDelivered: 600,
        minutesToFinish: 360,
        finishOn: "2027-01-29",
      }),
      201,
    );
    caseNumber = opened.caseNumber;
    const c = await getCase(consultant);
    expect(c).toMatchObject({
      subject: "CSV export drops the last row",
      customer: { id: customerId },
      contact: { id: contact.id },
      secondaryOwner: { id: consultant.userId },
      impact: "Go-live of the reporting module blocked",
      priority: "high",
      product: "reporting",
      subProduct: "exports",
      queue: "support-l1",
      owner: null,
      origin: { task: taskNumber, project: { code: projectCode } },
    });
    // "Description: provide full details on the issue including any screenshots".
    const { body, headers } = multipart([
      { name: "file", filename: "export-119-rows.png", type: "image/png", data: PNG },
    ]);
    const shot = ok(
      await consultant.api.post<AttachmentItem>(
        `${API}/cases/${caseNumber}/attachments`,
        body,
        headers,
      ),
      201,
    );
    ok(
      await consultant.api.post(`${API}/cases/${caseNumber}/notes`, {
        body: "Screenshot of the export: 119 rows where the report shows 120.",
        visibility: "private",
        attachmentIds: [shot.id],
      }),
      201,
    );
    const files = ok(
      await triage.api.get<CaseAttachmentList>(`${API}/cases/${caseNumber}/attachments`),
    ).items;
    expect(files.map((f) => [f.filename, f.contentType, f.noteId !== null])).toEqual([
      ["export-119-rows.png", "image/png", true],
    ]);
    expect(files[0]?.previewUrl).toBeTruthy();
  });

  it("S2.4 the task updates itself: the case linked, time delivered, estimate to finish and date, the PM @mentioned, closed", async () => {
    const pmMentions = await inbox(pm, "mention");
    expect(pmMentions.map((m) => m.caseNumber)).toContain(caseNumber);
    const task = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${taskNumber}`));
    expect(task).toMatchObject({
      status: "closed",
      case: { number: caseNumber },
      minutesDelivered: 600,
      minutesToFinish: 360,
      finishOn: "2027-01-29",
    });
    const note = task.activity.find((a) => a.kind === "system");
    expect(note?.body).toContain(`case #${caseNumber}`);
    expect(note?.body).toContain("Time delivered so far: 10 h.");
    expect(note?.body).toContain("Estimate to finish: 6 h, by 2027-01-29.");
    expect(note?.body).toContain(`@${pm.handle}`);
  });

  it("S2.3 all discussion lives on the case: call notes, @mentions instead of side emails, emails copied in", async () => {
    // The phone call with the customer, with its notes.
    ok(
      await consultant.api.post(`${API}/cases/${caseNumber}/calls`, {
        body: "Dana walked me through the export; the last row is missing every time.",
        direction: "outbound",
        durationMinutes: 15,
        contactName: "Dana Lee",
      }),
      201,
    );
    // A question to a colleague is an @mention on the case, and the colleague is told.
    const before = (await inbox(colleague, "mention")).length;
    ok(
      await consultant.api.post(`${API}/cases/${caseNumber}/notes`, {
        body: `@${colleague.handle} have you seen the CSV export drop a row before?`,
        visibility: "private",
      }),
      201,
    );
    expect(await inbox(colleague, "mention")).toHaveLength(before + 1);
    // An email thread about it is copied in by sending it to the case's own address.
    const messageId = `<thread-${randomBytes(6).toString("hex")}@ps.example>`;
    const raw = [
      `From: ${consultant.email}`,
      `To: notifications+${caseNumber}@baton.localhost`,
      "Subject: Fwd: CSV export",
      `Message-ID: ${messageId}`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Forwarding the customer's mail: the export of 120 rows gives 119.",
      "",
    ].join("\r\n");
    const copied = await world.app.inject({
      method: "POST",
      url: `${API}/inbound/messages`,
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "message/rfc822" },
      payload: raw,
    });
    expect(copied.statusCode).toBe(201);
    expect(copied.json()).toMatchObject({ state: "attached", caseNumber });
    const items = await timeline(consultant);
    const bodies = items.map((i) => i.body).join("\n");
    expect(bodies).toContain("the last row is missing every time");
    expect(bodies).toContain("have you seen the CSV export drop a row");
    expect(bodies).toContain("the export of 120 rows gives 119");
    expect(items.some((i) => i.kind === "call")).toBe(true);
  });

  it("S2.5 development only through triage: the bypass is refused; Steps to Reproduce and the product first; the customer is told", async () => {
    const c = await getCase(consultant);
    // "If you are instructed to bypass this step": Baton refuses it and says why.
    const bypass = ok<Problem>(
      await consultant.api.post(`${API}/cases/${caseNumber}/transfers`, {
        version: c.version,
        kind: "to-queue",
        target: { queue: "development" },
        reason: "wrong-queue",
      }),
      422,
    );
    expect(bypass.code).toBe("development-only-via-triage");
    expect(bypass.detail).toMatch(/only through triage/);
    // The Bug Submission Template is filled from what the customer said.
    const toTriage = kindOf(ws.policy, "to-triage");
    const ready = ok(
      await consultant.api.patch<CaseDetail>(`${API}/cases/${caseNumber}`, {
        version: c.version,
        stepsToReproduce:
          "1. Open the shipments report\n2. Export 120 rows to CSV\n3. Count the rows",
      }),
    );
    const inTriage = ok<{ state: string }>(
      await consultant.api.post(`${API}/cases/${caseNumber}/transfers`, {
        version: ready.version,
        kind: "to-triage",
        target: { queue: "triage" },
        reason: "product-defect",
        fields: filled(toTriage, {
          steps_to_reproduce: ready.stepsToReproduce,
          product: ready.product ?? "",
          expected_result: "120 rows",
          actual_result: "119 rows; the last one is missing",
        }),
      }),
      201,
    );
    expect(inTriage.state).toBe("completed");
    const atTriage = await getCase(triage);
    expect(atTriage.queue).toBe("triage");
    // Triage readies it and hands it on; the customer notice goes out with the hand-on.
    const toDev = kindOf(ws.policy, "triage-to-development");
    const handOn = ok<{ id: string; version: number; state: string }>(
      await triage.api.post(`${API}/cases/${caseNumber}/transfers`, {
        version: atTriage.version,
        kind: "triage-to-development",
        target: { queue: "development" },
        reason: "confirmed-defect",
        fields: filled(toDev, {
          triage_findings: "Reproduced on 7.2: the pager drops the last page's final row",
          steps_to_reproduce: atTriage.stepsToReproduce,
          product: atTriage.product ?? "",
        }),
      }),
      201,
    );
    const done = ok<{ state: string }>(
      await triage.api.post(`${API}/transfers/${handOn.id}/steps/customer_notified`, {
        version: handOn.version,
        how: "email",
      }),
    );
    expect(done.state).toBe("completed");
    expect((await getCase(consultant)).queue).toBe("development");
    expect((await toCustomer()).length).toBeGreaterThan(0);
  });

  it("S2.5 while development works the consultant stays the customer's owner; stages reach the owner, the customer, and come back from the tracker", async () => {
    const c = await getCase(consultant);
    expect(c.development).toMatchObject({
      stage: { code: "received" },
      supportOwner: { id: consultant.userId },
      active: true,
    });
    const mailsBefore = (await toCustomer()).length;
    const moved = ok<{ version: number }>(
      await triage.api.post(`${API}/cases/${caseNumber}/development`, {
        version: c.development?.version,
        stage: "fix_in_progress",
        note: "Off-by-one in the CSV pager.",
      }),
    );
    expect(moved.version).toBeGreaterThan(c.development?.version ?? 0);
    expect((await getCase(consultant)).development?.stage.code).toBe("fix_in_progress");
    expect((await inbox(consultant, "development_update")).length).toBeGreaterThanOrEqual(2);
    // The owner is mailed too: the stages, who moved it, the note, and that the customer was told.
    const ownerMail = await mailTo(consultant, "development_owner_update");
    expect(ownerMail).toHaveLength(1);
    expect(ownerMail[0]?.subject).toContain("Development: Fix in progress");
    expect(ownerMail[0]?.body).toMatch(
      /from Received by development to Fix in progress \(Tariq Triage\)/,
    );
    expect(ownerMail[0]?.body).toContain("Their note: Off-by-one in the CSV pager.");
    expect(ownerMail[0]?.body).toContain("The customer was told of this stage by email.");
    // The owner's update reaches development; the customer is told of the stage.
    ok(
      await consultant.api.post(`${API}/cases/${caseNumber}/notes`, {
        body: "Customer asks whether 7.3 will carry the fix.",
        visibility: "private",
      }),
      201,
    );
    expect((await inbox(developer, "development_update")).length).toBe(1);
    const mails = await toCustomer();
    expect(mails.length).toBe(mailsBefore + 1);
    expect(mails.at(-1)?.body).toContain("working on a fix");
    // The tracker posts "released" back, signed.
    const { secret } = ok<{ secret: string }>(
      await admin.api.post(`${API}/workspaces/${ws.slug}/tracker-hook/secret`),
      201,
    );
    const body = JSON.stringify({ case: caseNumber, stage: "released", note: "Shipped in 7.3" });
    const id = `msg_${randomBytes(4).toString("hex")}`;
    const at = String(Math.floor(Date.now() / 1000));
    const posted = await world.app.inject({
      method: "POST",
      url: `${API}/hooks/tracker/${ws.slug}`,
      headers: {
        "content-type": "application/json",
        "webhook-id": id,
        "webhook-timestamp": at,
        "webhook-signature": `v1,${signTrackerBody(secret, id, at, body)}`,
      },
      payload: body,
    });
    expect(posted.statusCode).toBe(200);
    const after = await getCase(consultant);
    expect(after.development?.stage.code).toBe("released");
    expect((await mailTo(consultant, "development_owner_update")).at(-1)?.body).toMatch(
      /from Fix in progress to Released \(the tracker\)/,
    );
    // The owner reads development's way so far on the case itself: who moved it, and why.
    expect(
      after.development?.history.map((h) => ({ stage: h.stage.code, by: h.by, note: h.note })),
    ).toEqual([
      { stage: "received", by: "Tariq Triage", note: null },
      { stage: "fix_in_progress", by: "Tariq Triage", note: "Off-by-one in the CSV pager." },
      { stage: "released", by: "the tracker", note: "Shipped in 7.3" },
    ]);
  });

  it("S2.4 once the case resolves, the PM is told to schedule the follow-up, which waits as a draft with the resolution", async () => {
    ok(
      await consultant.api.post(`${API}/cases/${caseNumber}/notes`, {
        body: "Fixed in 7.3: the export now writes every row. Upgrade to 7.3 to get it.",
        visibility: "public",
      }),
      201,
    );
    const c = await getCase(consultant);
    ok(
      await consultant.api.patch(`${API}/cases/${caseNumber}`, {
        version: c.version,
        status: "resolved",
      }),
    );
    const told = await inbox(pm, "task_follow_up");
    expect(told).toHaveLength(1);
    const blocked = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${taskNumber}`));
    expect(blocked.caseResolvedAt).not.toBeNull();
    const draft = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${blocked.followUp}`));
    expect(draft).toMatchObject({
      status: "draft",
      follows: taskNumber,
      estimateMinutes: 360,
      dueOn: "2027-01-29",
    });
    expect(draft.description).toContain("Fixed in 7.3");
    const scheduled = ok<Task>(
      await pm.api.post(`${API}/tasks/${draft.number}/schedule`, {
        version: draft.version,
        scheduledOn: "2027-01-25",
      }),
    );
    expect(scheduled).toMatchObject({ status: "open", assignee: { id: consultant.userId } });
  });

  it("S2.6 the cases give volume for capacity planning: by product, queue and week; roadblock to resolution; the timeline that moved", async () => {
    const report = ok<ProjectVolumeAnswer>(
      await pm.api.get(`${API}/workspaces/${ws.slug}/reports/project-volume`),
    );
    expect(report.volume.cases).toBe(1);
    expect(report.volume.byProduct.map((p) => [p.code, p.cases])).toEqual([["reporting", 1]]);
    expect(report.volume.byQueue.map((q) => [q.code, q.cases])).toEqual([["support-l1", 1]]);
    expect(report.resolution.overall.resolved).toBe(1);
    expect(report.resolution.overall.medianHours).not.toBeNull();
    // Finishing on 29 January moves the task past its due date and the project past its end.
    const moved = report.movedProjects.find((p) => p.code === projectCode);
    expect(
      moved?.tasks.map((t) => [t.number, t.caseNumber, t.daysPastDue, t.daysPastProjectEnd]),
    ).toEqual([[taskNumber, caseNumber, 21, 7]]);
    // A consultant does not read reports.
    expect(
      (await consultant.api.get(`${API}/workspaces/${ws.slug}/reports/project-volume`)).status,
    ).toBe(403);
  });
});
