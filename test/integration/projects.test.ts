import { randomBytes } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, deliveries, notifications, projectTasks } from "../../src/db/schema.ts";
import type { CaseDetail, Page, TimelineItem } from "../../src/http/routes/case-schemas.ts";
import type {
  CaseFromTask,
  Project,
  ProjectDetail,
  ProjectList,
  Task,
  TaskDetail,
  TaskNote,
} from "../../src/http/routes/project-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 14, seed 002 S2.1 and S2.4: customer projects with tasks; a quick call is logged on the
// task; a roadblock becomes a case opened from the task, which records it and closes; when that
// case resolves, a draft follow-up waits for the project manager.

const API = "/api/v1";
type Refusal = Problem & { errors?: { field: string }[] };
/** The fields a refusal names, each once (one field may break two rules). */
const fieldsOf = (r: { body: Refusal }) => [...new Set(r.body.errors?.map((e) => e.field))].sort();

describe.each(databaseKinds)("projects and tasks (%s)", (kind) => {
  let world: World;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let pm: TestAgent;
  let cora: TestAgent;
  let ben: TestAgent;
  let stranger: TestAgent;
  let customerId: string;
  let contactId: string;

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world, "ps-escalation");
    pm = await buildAgent(world, ws.slug, "project_manager", { name: "Pia Manager" });
    // Consultants work in professional services, not in Support L1, so routing leaves the case
    // with the queue.
    cora = await buildAgent(world, ws.slug, "agent", {
      name: "Cora Consultant",
      queues: ["professional-services"],
    });
    ben = await buildAgent(world, ws.slug, "agent", {
      name: "Ben Consultant",
      queues: ["professional-services"],
    });
    const elsewhere = await buildWorkspace(world, "ps-escalation");
    stranger = await buildAgent(world, elsewhere.slug, "project_manager");
    const customer = ok(
      await pm.api.post<{ id: string; contacts: { id: string }[] }>(
        `${API}/workspaces/${ws.slug}/customers`,
        {
          name: "Northwind Freight",
          timeZone: "America/Chicago",
          language: "en",
          contacts: [
            { name: "Dana Lee", email: `dana-${randomBytes(3).toString("hex")}@nw.example` },
          ],
        },
      ),
      201,
    );
    customerId = customer.id;
    contactId = customer.contacts[0]?.id ?? "";
  });
  afterAll(() => world.dispose());

  const code = () => `NW-${randomBytes(3).toString("hex").toUpperCase()}`;
  const newProject = async (endsOn = "2027-03-31") =>
    ok(
      await pm.api.post<Project>(`${API}/workspaces/${ws.slug}/projects`, {
        code: code(),
        name: "Northwind rollout",
        customerId,
        managerId: pm.userId,
        startsOn: "2026-11-01",
        endsOn,
      }),
      201,
    );
  const newTask = async (p: Project, assignee: TestAgent = cora) =>
    ok(
      await pm.api.post<Task>(`${API}/workspaces/${ws.slug}/projects/${p.code}/tasks`, {
        title: "Configure the shipments report",
        assigneeId: assignee.userId,
        estimateMinutes: 960,
        dueOn: "2027-01-15",
      }),
      201,
    );
  const taskCount = async () =>
    Number(
      (
        await world.database.db
          .select({ n: count() })
          .from(projectTasks)
          .where(eq(projectTasks.workspaceId, ws.id))
      )[0]?.n,
    );
  const caseCount = async () =>
    Number(
      (
        await world.database.db
          .select({ n: count() })
          .from(cases)
          .where(eq(cases.workspaceId, ws.id))
      )[0]?.n,
    );
  const inbox = (who: TestAgent, what: string) =>
    world.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, who.userId), eq(notifications.kind, what)));

  it("keeps projects and tasks, refusing stale versions, bad fields and consultants who are not PMs", async () => {
    const p = await newProject();
    expect(p).toMatchObject({ status: "active", manager: { id: pm.userId }, version: 1 });
    // Codes are unique in the workspace.
    const twice = await pm.api.post<Problem>(`${API}/workspaces/${ws.slug}/projects`, {
      code: p.code,
      name: "Again",
      customerId,
      managerId: pm.userId,
    });
    expect(twice.status).toBe(409);
    // Field-named refusals, nothing stored.
    const bad = await pm.api.post<Refusal>(`${API}/workspaces/${ws.slug}/projects`, {
      code: "lower case",
      name: "",
      customerId,
      managerId: pm.userId,
      endsOn: "2027-02-30",
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(["code", "endsOn", "name"]);
    const backwards = await pm.api.post<Refusal>(`${API}/workspaces/${ws.slug}/projects`, {
      code: code(),
      name: "Backwards",
      customerId,
      managerId: pm.userId,
      startsOn: "2027-02-01",
      endsOn: "2027-01-01",
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors?.[0]?.field).toBe("endsOn");
    // A consultant sees projects but does not run them.
    expect(
      (
        await cora.api.post(`${API}/workspaces/${ws.slug}/projects`, {
          code: code(),
          name: "x",
          customerId,
          managerId: pm.userId,
        })
      ).status,
    ).toBe(403);
    expect(
      ok(await cora.api.get<ProjectList>(`${API}/workspaces/${ws.slug}/projects`)).viewer,
    ).toEqual({
      manage: false,
    });
    // Another workspace's people learn nothing of it.
    expect((await stranger.api.get(`${API}/workspaces/${ws.slug}/projects/${p.code}`)).status).toBe(
      404,
    );

    const moved = ok(
      await pm.api.patch<Project>(`${API}/workspaces/${ws.slug}/projects/${p.code}`, {
        version: p.version,
        endsOn: "2027-04-30",
      }),
    );
    expect(moved).toMatchObject({ endsOn: "2027-04-30", version: 2 });
    const stale = await pm.api.patch<Problem>(`${API}/workspaces/${ws.slug}/projects/${p.code}`, {
      version: p.version,
      name: "Lost update",
    });
    expect(stale.status).toBe(409);

    const t = await newTask(p);
    expect(t).toMatchObject({
      ref: `T-${t.number}`,
      status: "open",
      assignee: { id: cora.userId },
    });
    expect(t.can).toEqual({ edit: true, note: true, openCase: false, schedule: false });
    const asCora = ok(await cora.api.get<TaskDetail>(`${API}/tasks/${t.number}`));
    expect(asCora.can).toEqual({ edit: true, note: true, openCase: true, schedule: false });
    // The assignee keeps their own task's time; re-planning it is the PM's.
    const worked = ok(
      await cora.api.patch<Task>(`${API}/tasks/${t.number}`, {
        version: t.version,
        status: "in_progress",
        minutesDelivered: 240,
      }),
    );
    expect(worked).toMatchObject({ status: "in_progress", minutesDelivered: 240 });
    const replan = await cora.api.patch<Problem>(`${API}/tasks/${t.number}`, {
      version: worked.version,
      dueOn: "2027-02-01",
    });
    expect(replan.status).toBe(403);
    expect(
      (
        await ben.api.patch(`${API}/tasks/${t.number}`, {
          version: worked.version,
          minutesDelivered: 1,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await cora.api.patch(`${API}/tasks/${t.number}`, {
          version: t.version,
          minutesDelivered: 300,
        })
      ).status,
    ).toBe(409);
    expect((await stranger.api.get(`${API}/tasks/${t.number}`)).status).toBe(404);
    const detail = ok(
      await pm.api.get<ProjectDetail>(`${API}/workspaces/${ws.slug}/projects/${p.code}`),
    );
    expect(detail.items.map((i) => i.number)).toEqual([t.number]);
    expect(detail.tasks).toEqual({ draft: 0, open: 1, closed: 0 });
  });

  it("S2.1 logs a quick call on the task itself, with its notes; a note's @mention is told", async () => {
    const t = await newTask(await newProject());
    const call = ok(
      await cora.api.post<TaskNote>(`${API}/tasks/${t.number}/notes`, {
        kind: "call",
        withWhom: "Dana Lee (Northwind)",
        minutes: 10,
        body: "Walked through the filters; works once the region is set.",
      }),
      201,
    );
    expect(call).toMatchObject({
      kind: "call",
      call: { withWhom: "Dana Lee (Northwind)", minutes: 10 },
    });
    const before = (await inbox(ben, "task_mention")).length;
    ok(
      await cora.api.post(`${API}/tasks/${t.number}/notes`, {
        kind: "note",
        body: `@${ben.handle} you set up the filters at Contoso, anything to watch for?`,
      }),
      201,
    );
    expect(await inbox(ben, "task_mention")).toHaveLength(before + 1);
    const bad = await cora.api.post<Refusal>(`${API}/tasks/${t.number}/notes`, {
      kind: "call",
      body: "   ",
      minutes: 0,
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(["body", "minutes", "withWhom"]);
    // Only the task's people write on it.
    expect(
      (await ben.api.post(`${API}/tasks/${t.number}/notes`, { kind: "note", body: "hi" })).status,
    ).toBe(403);
    const activity = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${t.number}`)).activity;
    expect(activity.map((a) => a.kind)).toEqual(["note", "call"]);
    // A person's words carry no code: they are shown as written.
    expect(activity.map((a) => a.line)).toEqual([null, null]);
  });

  it("S2.2, S2.4 a roadblock becomes a case from the task; the task records it, tells the PM and closes, in one go", async () => {
    const p = await newProject();
    const t = await newTask(p);
    const pmMentions = (await inbox(pm, "mention")).length;
    const [tasksBefore, casesBefore] = [await taskCount(), await caseCount()];
    // Refusals store nothing: development is behind triage; someone else's task; bad fields.
    const toDev = await cora.api.post<Refusal>(`${API}/tasks/${t.number}/case`, {
      version: t.version,
      subject: "Export drops the last row",
      product: "reporting",
      queue: "development",
      minutesDelivered: 300,
    });
    expect(toDev.status).toBe(422);
    expect(toDev.body.code).toBe("development-only-via-triage");
    expect(
      (
        await ben.api.post(`${API}/tasks/${t.number}/case`, {
          version: t.version,
          subject: "Not mine",
          product: "reporting",
          minutesDelivered: 0,
        })
      ).status,
    ).toBe(403);
    const bad = await cora.api.post<Refusal>(`${API}/tasks/${t.number}/case`, {
      version: t.version,
      subject: "",
      product: "no such product",
      minutesDelivered: -5,
      finishOn: "soon",
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(["finishOn", "minutesDelivered", "product", "subject"]);
    const unknown = await cora.api.post<Refusal>(`${API}/tasks/${t.number}/case`, {
      version: t.version,
      subject: "Export drops the last row",
      product: "toaster",
      minutesDelivered: 300,
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors?.[0]?.field).toBe("product");
    expect([await taskCount(), await caseCount()]).toEqual([tasksBefore, casesBefore]);

    const opened = ok(
      await cora.api.post<CaseFromTask>(`${API}/tasks/${t.number}/case`, {
        version: t.version,
        subject: "Export drops the last row",
        description: "Exporting 120 shipments to CSV gives 119 rows.",
        contactId,
        impact: "Go-live of the reporting module blocked",
        priority: "high",
        severity: "high",
        product: "reporting",
        queue: "support-l1",
        minutesDelivered: 300,
        minutesToFinish: 240,
        finishOn: "2027-01-29",
      }),
      201,
    );
    // S2.2: the case is the customer's, owned by the queue, the consultant as secondary owner.
    const kase = ok(await cora.api.get<CaseDetail>(`${API}/cases/${opened.caseNumber}`));
    expect(kase).toMatchObject({
      subject: "Export drops the last row",
      impact: "Go-live of the reporting module blocked",
      priority: "high",
      severity: "high",
      product: "reporting",
      queue: "support-l1",
      owner: null,
      secondaryOwner: { id: cora.userId },
      customer: { id: customerId },
      contact: { id: contactId },
      origin: { task: t.number, project: { code: p.code } },
    });
    // S2.4: the task links the case, keeps the time delivered and what is left, and closes.
    expect(opened.task).toMatchObject({
      status: "closed",
      case: { number: opened.caseNumber, status: "new" },
      minutesDelivered: 300,
      minutesToFinish: 240,
      finishOn: "2027-01-29",
      can: { openCase: false },
    });
    expect(opened.task.blockedAt).not.toBeNull();
    expect(opened.task.closedAt).not.toBeNull();
    const note = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${t.number}`)).activity[0];
    expect(note?.kind).toBe("system");
    expect(note?.caseNumber).toBe(opened.caseNumber);
    expect(note?.body).toContain(`case #${opened.caseNumber}`);
    expect(note?.body).toContain("Time delivered so far: 5 h");
    expect(note?.body).toContain("Estimate to finish: 4 h, by 2027-01-29");
    expect(note?.body).toContain(`@${pm.handle}`);
    // Beside the English, the note as a code and its values, for a page in its reader's language.
    expect(note?.line).toEqual({
      code: "taskRoadblock",
      values: {
        case: opened.caseNumber,
        delivered: 300,
        toFinish: 240,
        finishOn: "2027-01-29",
        manager: pm.handle,
      },
    });
    // The PM is @mentioned the usual way: in-app, about the case.
    const mentions = await inbox(pm, "mention");
    expect(mentions).toHaveLength(pmMentions + 1);
    expect(mentions.at(-1)?.caseNumber).toBe(opened.caseNumber);
    const timeline = ok(
      await pm.api.get<Page<TimelineItem>>(`${API}/cases/${opened.caseNumber}/timeline`),
    ).items;
    expect(timeline.some((i) => i.body.includes(`Opened from task T-${t.number}`))).toBe(true);
    // Once only.
    const again = await cora.api.post<Problem>(`${API}/tasks/${t.number}/case`, {
      version: opened.task.version,
      subject: "Twice",
      product: "reporting",
      minutesDelivered: 300,
    });
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain("already opened a case");
    expect([await taskCount(), await caseCount()]).toEqual([tasksBefore, casesBefore + 1]);
  });

  it("S2.4 a closed task, a draft and another workspace's task open no case, storing nothing", async () => {
    const p = await newProject();
    const t = await newTask(p);
    const closed = ok(
      await pm.api.patch<Task>(`${API}/tasks/${t.number}`, {
        version: t.version,
        status: "closed",
      }),
    );
    expect(closed.can.openCase).toBe(false);
    const [tasksBefore, casesBefore] = [await taskCount(), await caseCount()];
    const notesBefore = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${t.number}`)).activity;
    const refused = await cora.api.post<Problem>(`${API}/tasks/${t.number}/case`, {
      version: closed.version,
      subject: "Too late",
      product: "reporting",
      minutesDelivered: 60,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain(`T-${t.number} is closed`);
    const stranger404 = await stranger.api.post(`${API}/tasks/${t.number}/case`, {
      version: closed.version,
      subject: "Not my workspace",
      product: "reporting",
      minutesDelivered: 0,
    });
    expect(stranger404.status).toBe(404);
    expect([await taskCount(), await caseCount()]).toEqual([tasksBefore, casesBefore]);
    const after = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${t.number}`));
    expect(after).toMatchObject({ status: "closed", case: null, blockedAt: null });
    expect(after.activity).toHaveLength(notesBefore.length);
  });

  it("S2.4 when the case resolves, a draft follow-up waits for the PM, once; the PM schedules it", async () => {
    const p = await newProject();
    const t = await newTask(p);
    const opened = ok(
      await cora.api.post<CaseFromTask>(`${API}/tasks/${t.number}/case`, {
        version: t.version,
        subject: "Label printer driver rejects the template",
        product: "integrations",
        minutesDelivered: 120,
        minutesToFinish: 180,
        finishOn: "2027-02-12",
      }),
      201,
    );
    const n = opened.caseNumber;
    ok(
      await cora.api.post(`${API}/cases/${n}/notes`, {
        body: "Fixed in driver 4.2: set the template's DPI to 300.",
        visibility: "public",
      }),
      201,
    );
    const before = (await inbox(pm, "task_follow_up")).length;
    const setStatus = async (status: string) => {
      const c = ok(await cora.api.get<CaseDetail>(`${API}/cases/${n}`));
      ok(await cora.api.patch(`${API}/cases/${n}`, { version: c.version, status }));
    };
    await setStatus("resolved");
    // Reopened and resolved again: still one follow-up, one notice.
    await setStatus("active");
    await setStatus("resolved");
    const told = await inbox(pm, "task_follow_up");
    expect(told).toHaveLength(before + 1);
    const blocked = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${t.number}`));
    expect(blocked.caseResolvedAt).not.toBeNull();
    expect(blocked.followUp).not.toBeNull();
    expect(blocked.activity[0]).toMatchObject({
      kind: "system",
      body: `Case #${n} is resolved; follow-up T-${blocked.followUp} waits for the project manager to schedule it.`,
      line: { code: "taskFollowUpDrafted", values: { case: n, followUp: blocked.followUp } },
    });
    const draft = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${blocked.followUp}`));
    expect(draft).toMatchObject({
      status: "draft",
      title: `Follow-up: ${t.title}`,
      follows: t.number,
      estimateMinutes: 180,
      dueOn: "2027-02-12",
      can: { schedule: true },
    });
    expect(draft.description).toContain(`Case #${n}`);
    expect(draft.description).toContain("Fixed in driver 4.2");
    expect(told.at(-1)?.title).toContain(`schedule T-${draft.number}`);
    const mail = await world.database.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.topic, "follow_up_due"), eq(deliveries.caseNumber, n)));
    expect(mail.map((m) => m.recipient)).toEqual([pm.email]);
    expect(mail[0]?.subject).toContain(`Resolved: schedule T-${draft.number}`);
    expect(mail[0]?.body).toContain("Estimate to finish: 3 h, by 2027-02-12.");
    // Only a PM schedules; a draft is not opened by editing it.
    expect(
      (
        await cora.api.post(`${API}/tasks/${draft.number}/schedule`, {
          version: draft.version,
          scheduledOn: "2027-02-01",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await pm.api.patch(`${API}/tasks/${draft.number}`, {
          version: draft.version,
          status: "open",
        })
      ).status,
    ).toBe(422);
    const scheduled = ok(
      await pm.api.post<Task>(`${API}/tasks/${draft.number}/schedule`, {
        version: draft.version,
        scheduledOn: "2027-02-01",
        assigneeId: ben.userId,
      }),
    );
    expect(scheduled).toMatchObject({
      status: "open",
      scheduledOn: "2027-02-01",
      assignee: { id: ben.userId },
    });
    const scheduledNote = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${draft.number}`))
      .activity[0];
    expect(scheduledNote).toMatchObject({
      kind: "system",
      body: "Scheduled for 2027-02-01 by Pia Manager.",
      line: { code: "taskScheduled", values: { on: "2027-02-01", by: "Pia Manager" } },
    });
    // The PM's call to action is answered.
    const after = await inbox(pm, "task_follow_up");
    expect(after.at(-1)?.readAt).not.toBeNull();
    const twice = await pm.api.post<Problem>(`${API}/tasks/${draft.number}/schedule`, {
      version: scheduled.version,
      scheduledOn: "2027-02-02",
    });
    expect(twice.status).toBe(422);
  });

  it("S2.4 a case closed by a transfer that sets its status also drafts the follow-up, once", async () => {
    const t = await newTask(await newProject());
    const opened = ok(
      await cora.api.post<CaseFromTask>(`${API}/tasks/${t.number}/case`, {
        version: t.version,
        subject: "Mobile sync stops after the upgrade",
        product: "mobile",
        minutesDelivered: 60,
        minutesToFinish: 90,
      }),
      201,
    );
    const n = opened.caseNumber;
    ok(
      await cora.api.post(`${API}/cases/${n}/notes`, {
        body: "Clearing the app cache brings sync back.",
        visibility: "public",
      }),
      201,
    );
    const before = (await inbox(pm, "task_follow_up")).length;
    const c = ok(await cora.api.get<CaseDetail>(`${API}/cases/${n}`));
    ok(
      await cora.api.post(`${API}/cases/${n}/transfers`, {
        version: c.version,
        kind: "to-queue",
        target: { queue: "professional-services" },
        reason: "wrong-queue",
        newStatus: "closed",
      }),
      201,
    );
    expect(ok(await cora.api.get<CaseDetail>(`${API}/cases/${n}`)).status).toBe("closed");
    const blocked = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${t.number}`));
    expect(blocked.caseResolvedAt).not.toBeNull();
    expect(blocked.followUp).not.toBeNull();
    const draft = ok(await pm.api.get<TaskDetail>(`${API}/tasks/${blocked.followUp}`));
    expect(draft).toMatchObject({ status: "draft", follows: t.number, estimateMinutes: 90 });
    expect(draft.description).toContain("Clearing the app cache");
    expect(await inbox(pm, "task_follow_up")).toHaveLength(before + 1);
  });
});
