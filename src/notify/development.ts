import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { caseDevelopment, cases, contacts, customers, users } from "../db/schema.ts";
import { isDevelopmentQueue, stageName } from "../domain/development/stages.ts";
import type { EventOf } from "../events/catalogue.ts";
import { developmentMembers } from "../loaders/development.ts";
import { workspaceById } from "../loaders/workspaces.ts";
import { caseLink, email, renderer, writeInApp } from "./in-app.ts";
import { enqueueDeliveries } from "./outbox.ts";
import { developmentOwnerUpdateTopic } from "./templates/development-owner-update.ts";
import { developmentUpdateTopic } from "./templates/development-update.ts";

// Shared ownership while development works on a case (S2.5, docs/development.md): the support
// owner hears of development's stages, development hears of the owner's updates, and the customer
// is told at the stages the policy names.

async function caseFacts(tx: Db, caseId: string) {
  const [c] = await tx
    .select({
      number: cases.number,
      subject: cases.subject,
      queue: cases.queue,
      ownerId: cases.ownerId,
      brand: cases.brand,
      contactName: contacts.name,
      contactEmail: contacts.email,
      language: contacts.language,
      customerLanguage: customers.language,
      supportOwnerId: caseDevelopment.supportOwnerId,
      supportOwnerName: users.name,
      supportOwnerEmail: users.email,
    })
    .from(cases)
    .leftJoin(contacts, eq(contacts.id, cases.contactId))
    .leftJoin(customers, eq(customers.id, cases.customerId))
    .leftJoin(caseDevelopment, eq(caseDevelopment.caseId, cases.id))
    .leftJoin(users, eq(users.id, caseDevelopment.supportOwnerId))
    .where(eq(cases.id, caseId));
  return c;
}

const nameOf = async (tx: Db, userId: string | null) => {
  if (!userId) return "Baton";
  const [u] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return u?.name ?? "Baton";
};

/** The case reached development: its support owner learns they keep the customer. */
export async function developmentEntered(tx: Db, e: EventOf<"development.entered">) {
  if (!e.caseId || !e.workspaceId || !e.data.supportOwnerId) return;
  const c = await caseFacts(tx, e.caseId);
  if (!c) return;
  await writeInApp(tx, [
    {
      userId: e.data.supportOwnerId,
      workspaceId: e.workspaceId,
      caseId: e.caseId,
      caseNumber: c.number,
      kind: "development_update",
      // Each entry into development is told, so the source carries when it happened.
      sourceId: `${e.caseId}:entered:${new Date().toISOString()}`,
      title: `Case ${c.number} is with development: you stay the customer's owner — ${c.subject}`,
      body: "",
      actorId: e.actorId,
    },
  ]);
}

/**
 * Development moved the case on: the support owner is told in-app and by mail, and the customer
 * where the stage says.
 */
export async function developmentStageChanged(tx: Db, e: EventOf<"development.stage_changed">) {
  if (!e.caseId || !e.workspaceId) return;
  const c = await caseFacts(tx, e.caseId);
  if (!c) return;
  const source = `${e.caseId}:${e.data.version}`;
  const ws = await workspaceById(tx, e.workspaceId);
  if (c.supportOwnerId && c.supportOwnerId !== e.actorId && c.supportOwnerEmail) {
    const render = await renderer(
      tx,
      e.workspaceId,
      developmentOwnerUpdateTopic,
      ws.policy.defaults.language,
    );
    const { subject, text } = render({
      caseNumber: c.number,
      caseSubject: c.subject,
      recipientName: c.supportOwnerName ?? "",
      stageName: e.data.stageName,
      previousStageName: stageName(ws.policy, e.data.previous),
      by: e.data.source === "tracker" ? "the tracker" : await nameOf(tx, e.actorId),
      note: e.data.note,
      customerTold: e.data.tellCustomer && c.contactEmail !== null,
      link: caseLink(c.number),
    });
    await enqueueDeliveries(tx, [
      email(
        { workspaceId: e.workspaceId, caseId: e.caseId, caseNumber: c.number },
        "development.stage_changed",
        source,
        "development_owner_update",
        { id: c.supportOwnerId, name: c.supportOwnerName ?? "", email: c.supportOwnerEmail },
        subject,
        text,
      ),
    ]);
  }
  if (c.supportOwnerId)
    await writeInApp(tx, [
      {
        userId: c.supportOwnerId,
        workspaceId: e.workspaceId,
        caseId: e.caseId,
        caseNumber: c.number,
        kind: "development_update",
        sourceId: source,
        title: `Development: case ${c.number} is now “${e.data.stageName}” — ${c.subject}`,
        body: e.data.note ?? "",
        actorId: e.actorId,
      },
    ]);
  if (!e.data.tellCustomer || !c.contactEmail) return;
  const stage = ws.policy.development.stages.find((s) => s.code === e.data.stage);
  const language = c.language ?? c.customerLanguage ?? ws.policy.defaults.language;
  const render = await renderer(tx, e.workspaceId, developmentUpdateTopic, language);
  const { subject, text } = render({
    caseNumber: c.number,
    caseSubject: c.subject,
    contactName: c.contactName ?? "",
    stageName: e.data.stageName,
    stageSentence: stage?.customerSentence || e.data.stageName,
    ownerName: c.supportOwnerName,
    brand: ws.policy.brands.find((b) => b.code === c.brand)?.name ?? c.brand,
  });
  await enqueueDeliveries(tx, [
    {
      workspaceId: e.workspaceId,
      caseId: e.caseId,
      caseNumber: c.number,
      channel: "email",
      topic: "development_update",
      event: "development.stage_changed",
      sourceId: source,
      recipient: c.contactEmail,
      recipientName: c.contactName,
      subject,
      body: text,
    },
  ]);
}

type Written = EventOf<"case.note_added" | "case.call_logged" | "case.email_received">;

/**
 * Someone outside development wrote on a case development works on (the customer's owner, or the
 * customer's mail): development hears of it — the developer holding the case, else everyone
 * working the development queues. Development's own notes tell nobody. "Development" is whoever
 * works a development queue: a holder who does not (the support owner kept as owner, as seed 002
 * has product issues keep theirs, or a triage engineer) neither silences the note nor takes the
 * place of development in hearing of it.
 */
export async function ownerUpdateToDevelopment(tx: Db, e: Written) {
  const { caseId, workspaceId } = e;
  if (!caseId || !workspaceId) return;
  const c = await caseFacts(tx, caseId);
  if (!c || c.supportOwnerId === undefined || c.supportOwnerId === null) return;
  const ws = await workspaceById(tx, workspaceId);
  if (!isDevelopmentQueue(ws.policy, c.queue)) return;
  const team = await developmentMembers(tx, workspaceId, ws.policy.guardOptions.developmentQueues);
  const inDevelopment = (userId: string | null) => team.some((m) => m.id === userId);
  if (e.actorId && inDevelopment(e.actorId)) return;
  const people = (
    inDevelopment(c.ownerId) && c.ownerId ? [c.ownerId] : team.map((m) => m.id)
  ).filter((userId) => userId !== e.actorId);
  const what =
    e.name === "case.email_received" ? "The customer wrote" : "The customer's owner wrote";
  await writeInApp(
    tx,
    people.map((userId) => ({
      userId,
      workspaceId,
      caseId,
      caseNumber: c.number,
      kind: "development_update" as const,
      sourceId: `${e.subjectId}:to-development`,
      title: `${what} on case ${c.number}, which development works on — ${c.subject}`,
      body: "",
      actorId: e.actorId,
    })),
  );
}
