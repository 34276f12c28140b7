import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { listAgents } from "../../src/commands/agents/listAgents.ts";
import { createCustomer } from "../../src/commands/customers/createCustomer.ts";
import { listCustomers } from "../../src/commands/customers/listCustomers.ts";
import { listNotifications } from "../../src/commands/notifications/listNotifications.ts";
import { listTemplates } from "../../src/commands/templates/listTemplates.ts";
import { readTemplate } from "../../src/commands/templates/readTemplate.ts";
import { createWebhook } from "../../src/commands/webhooks/createWebhook.ts";
import { listWebhooks } from "../../src/commands/webhooks/listWebhooks.ts";
import { agentList } from "../../src/http/routes/agent-schemas.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { customer, customerList } from "../../src/http/routes/customer-schemas.ts";
import { notificationPage } from "../../src/http/routes/notification-schemas.ts";
import { sessionUser } from "../../src/http/routes/session-schemas.ts";
import { effectiveTemplate, templateTopics } from "../../src/http/routes/template-schemas.ts";
import { createdWebhook, webhookList } from "../../src/http/routes/webhook-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { actorOf as actorOfUser, bodyOf, strictly, wire } from "../support/strict-schema.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

const API = "/api/v1";

function conforms(schema: z.ZodType, value: unknown) {
  const result = strictly(schema).safeParse(value);
  expect(result.success ? [] : result.error.issues).toEqual([]);
}

// The web app's types for these answers are the routes' schemas (web/src/api/types.ts); what the
// commands return must be exactly what the schemas name, or the web would never see a field.
describe.each(databaseKinds)("the web's other response contracts (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld(kind);
  });
  afterAll(() => world.dispose());

  const actorOf = (agent: TestAgent) => actorOfUser(world.database.db, agent.userId);

  it("holds for the session, agents, notifications, templates, webhooks and customers", async () => {
    const db = world.database.db;
    const ws = await buildWorkspace(world, "helpdesk-transfer");
    const admin = await buildAgent(world, ws.slug, "admin");
    const agent = await buildAgent(world, ws.slug, "agent");
    const adminActor = await actorOf(admin);
    const agentActor = await actorOf(agent);

    conforms(sessionUser, bodyOf(await agent.api.get(`${API}/auth/session`)));

    const agents = await listAgents(db, agentActor, ws.slug);
    conforms(agentList, { items: agents });
    expect(bodyOf(await agent.api.get(`${API}/workspaces/${ws.slug}/agents`))).toEqual(
      wire({ items: agents }),
    );

    const c = bodyOf(
      await admin.api.post<CaseDetail>(`${API}/cases`, { workspace: ws.slug, subject: "Mention" }),
      201,
    );
    bodyOf(
      await admin.api.post(`${API}/cases/${c.number}/notes`, {
        body: "Please have a look",
        visibility: "private",
        mentions: [agent.userId],
      }),
      201,
    );
    const notifications = await listNotifications(db, agentActor, { limit: 20 });
    expect(notifications.items.length).toBeGreaterThan(0);
    conforms(notificationPage, notifications);
    expect(bodyOf(await agent.api.get(`${API}/notifications`))).toEqual(wire(notifications));

    const topics = await listTemplates(db, adminActor, ws.slug);
    conforms(templateTopics, topics);
    const topic = topics.items[0]!.topic;
    bodyOf(
      await admin.api.put(`${API}/workspaces/${ws.slug}/templates/${topic}/en`, {
        subject: "Our subject",
        text: "Our text",
      }),
    );
    const listed = await listTemplates(db, adminActor, ws.slug);
    expect(listed.items.some((t) => t.overrides.length > 0)).toBe(true);
    conforms(templateTopics, listed);
    const effective = await readTemplate(db, adminActor, ws.slug, topic, "en");
    conforms(effectiveTemplate, effective);
    expect(
      bodyOf(await admin.api.get(`${API}/workspaces/${ws.slug}/templates/${topic}/en`)),
    ).toEqual(wire(effective));

    const hook = await createWebhook(db, adminActor, ws.slug, {
      url: "https://hooks.test.example/baton",
      format: "baton",
      events: ["*"],
    });
    conforms(createdWebhook, wire(hook));
    const hooks = await listWebhooks(db, adminActor, ws.slug);
    conforms(webhookList, wire(hooks));

    const made = await createCustomer(db, adminActor, ws.slug, {
      name: "Acme",
      timeZone: "Europe/Berlin",
      language: "de",
      contacts: [{ name: "Ada", email: "ada@acme.test.example" }],
    });
    conforms(customer, made);
    const customers = await listCustomers(db, adminActor, ws.slug, { limit: 50 });
    conforms(customerList, { items: customers });
  });
});
