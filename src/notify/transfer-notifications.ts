import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { prepared } from "../db/prepared.ts";
import { qualified } from "../db/qualified.ts";
import { cases, contacts, customers, messageTemplates, users } from "../db/schema.ts";
import { regionNameIn } from "../domain/policy/local-names.ts";
import type { Policy } from "../domain/policy/schema.ts";
import type { CompletedCase, TransferFacts } from "../events/catalogue.ts";
import { workspaceById } from "../loaders/workspaces.ts";
import { type DeliveryDraft, enqueueDeliveries } from "./outbox.ts";
import { customerNoticeTopic } from "./templates/customer-notice.ts";
import { dispatchRequestTopic } from "./templates/dispatch-request.ts";
import { ownerBriefingTopic } from "./templates/owner-briefing.ts";
import { type StoredTemplate, workspaceWording } from "./templates/resolve.ts";
import { renderTopic, type TemplateTopic } from "./templates/topic.ts";

/** The parts of a transfer's stored artifacts that messages use (see request.ts). */
interface StoredArtifacts {
  dispatchSubject?: string | null;
  channelEntry?: string | null;
  handoverNote?: string | null;
}

/**
 * The case as it stands after the change, with the people the messages go to: columns of the
 * case row and subqueries on it, so that a statement that changes the row can return them (the
 * reassignment does, src/writes/complete-transfer.ts) as well as a SELECT. The placeholder
 * `previousOwnerId` names the owner before the change (null: the case came from a queue).
 */
export const caseFactsColumns = {
  id: cases.id,
  workspaceId: cases.workspaceId,
  number: cases.number,
  subject: cases.subject,
  severity: cases.severity,
  priority: cases.priority,
  queue: cases.queue,
  region: cases.region,
  brand: cases.brand,
  nextContactAt: cases.nextContactAt,
  nextUpdateDueAt: cases.nextUpdateDueAt,
  ownerId: cases.ownerId,
  owner: sql<CompletedCase["owner"]>`(select json_build_object('name', ${users.name},
      'email', ${users.email}, 'timeZone', ${users.timeZone})
    from ${users} where ${users.id} = ${qualified(cases.ownerId)})`,
  contact: sql<CompletedCase["contact"]>`(select json_build_object('name', ${contacts.name},
      'email', ${contacts.email}, 'timeZone', ${contacts.timeZone}, 'language', ${contacts.language})
    from ${contacts} where ${contacts.id} = ${qualified(cases.contactId)})`,
  customer: sql<CompletedCase["customer"]>`(select json_build_object('name', ${customers.name},
      'timeZone', ${customers.timeZone}, 'language', ${customers.language})
    from ${customers} where ${customers.id} = ${qualified(cases.customerId)})`,
  previousOwner: sql<string | null>`(select ${users.name} from ${users}
    where ${users.id} = ${sql.placeholder("previousOwnerId")})`,
  // The workspace's own wordings ride along with the case: edited templates cost no statement
  // of their own on this hot path.
  templates: sql<StoredTemplate[]>`coalesce((select json_agg(json_build_object(
      'topic', ${messageTemplates.topic}, 'language', ${messageTemplates.language},
      'subject', ${messageTemplates.subject}, 'text', ${messageTemplates.text}))
    from ${messageTemplates} where ${messageTemplates.workspaceId} = ${qualified(cases.workspaceId)}),
    '[]'::json)`,
};

const caseFactsQuery = prepared("baton_notify_case_facts", (db) =>
  db
    .select(caseFactsColumns)
    .from(cases)
    .where(eq(cases.id, sql.placeholder("caseId"))),
);

async function caseFacts(
  tx: Db,
  caseId: string,
  previousOwnerId: string | null,
): Promise<CompletedCase> {
  const [row] = await caseFactsQuery(tx, { caseId, previousOwnerId });
  if (!row) throw new Error(`case ${caseId} vanished while notifying`);
  return row;
}

const nameIn = (list: readonly { code: string; name: string }[], code: string | null) =>
  (code && list.find((i) => i.code === code)?.name) || code || "";

/** A topic in the workspace's wording for the reader's language, or the built-in one. */
function render<F>(
  c: CompletedCase,
  policy: Policy,
  topic: TemplateTopic<F>,
  facts: F,
  language: string | null,
) {
  const wording = workspaceWording(c.templates, topic.topic, language, policy.defaults.language);
  return renderTopic(topic, facts, language, wording);
}

function customerNotice(c: CompletedCase, policy: Policy, event: string, sourceId: string) {
  if (!c.contact?.email) return [];
  const language = c.contact.language ?? c.customer?.language ?? policy.defaults.language;
  const { text, subject } = render(
    c,
    policy,
    customerNoticeTopic,
    {
      caseNumber: c.number,
      caseSubject: c.subject,
      contactName: c.contact.name,
      language,
      timeZone: c.contact.timeZone ?? c.customer?.timeZone ?? "UTC",
      holder: c.owner
        ? { kind: "agent", name: c.owner.name }
        : {
            kind: "team",
            name: nameIn(policy.queues, c.queue),
            region: c.region ? regionNameIn(policy, c.region, language) : null,
          },
      nextUpdateAt: c.nextContactAt ?? c.nextUpdateDueAt,
      brand: nameIn(policy.brands, c.brand),
    },
    language,
  );
  return [
    draft(c, "customer_notice", event, sourceId, c.contact.email, c.contact.name, subject, text),
  ];
}

function draft(
  c: CompletedCase,
  topic: DeliveryDraft["topic"],
  event: string,
  sourceId: string,
  recipient: string,
  recipientName: string | null,
  subject: string,
  body: string,
): DeliveryDraft {
  return {
    workspaceId: c.workspaceId,
    caseId: c.id,
    caseNumber: c.number,
    channel: "email",
    topic,
    event,
    sourceId,
    recipient,
    recipientName,
    subject,
    body,
  };
}

interface Briefing {
  from: string | null;
  kindName: string | null;
  reason: string | null;
  note: string | null;
}

function ownerBriefing(
  c: CompletedCase,
  policy: Policy,
  about: Briefing,
  event: string,
  sourceId: string,
) {
  if (!c.owner?.email) return [];
  // Engineers have no language of their own: they read the workspace's.
  const { subject, text } = render(
    c,
    policy,
    ownerBriefingTopic,
    {
      caseNumber: c.number,
      caseSubject: c.subject,
      ownerName: c.owner.name,
      ownerTimeZone: c.owner.timeZone,
      ...about,
      severity: nameIn(policy.severities, c.severity),
      priority: nameIn(policy.priorities, c.priority),
      customer: c.customer
        ? { name: c.customer.name, timeZone: c.contact?.timeZone ?? c.customer.timeZone }
        : null,
      nextContactAt: c.nextContactAt,
    },
    policy.defaults.language,
  );
  return [draft(c, "owner_briefing", event, sourceId, c.owner.email, c.owner.name, subject, text)];
}

export interface TransferNotificationInput {
  /** The transfer as completeTransfer stored it. */
  transfer: TransferFacts;
  /** The policy of the workspace the transfer was made in (its kind lives there). */
  policy: Policy;
  /** Who completed it: they are not mailed about their own action. */
  actorId: string | null;
  /** The case as the reassignment returned it; read here when not given. */
  kase?: CompletedCase;
}

interface Completion {
  c: CompletedCase;
  /** A move to another workspace is told in the receiving workspace's words (its queues, brands). */
  here: Policy;
  kind: Policy["transferKinds"][number] | undefined;
  artifacts: StoredArtifacts;
}

const EVENT = "transfer.completed";

// The three messages of one completion read the case once, however many of them are written.
const completions = new WeakMap<object, Promise<Completion>>();

/** `key` is what the messages of one completion share (the event's facts); by default the input. */
function completion(tx: Db, input: TransferNotificationInput, key: object = input) {
  let found = completions.get(key);
  if (!found) {
    found = readCompletion(tx, input);
    completions.set(key, found);
  }
  return found;
}

async function readCompletion(
  tx: Db,
  { transfer, policy, kase }: TransferNotificationInput,
): Promise<Completion> {
  const c = kase ?? (await caseFacts(tx, transfer.caseId, transfer.fromOwnerId));
  const here =
    c.workspaceId === transfer.workspaceId
      ? policy
      : (await workspaceById(tx, c.workspaceId)).policy;
  const kind = policy.transferKinds.find((k) => k.code === transfer.kind);
  return { c, here, kind, artifacts: transfer.artifacts as StoredArtifacts };
}

/** The customer's handoff notice to the case's contact (S0.3.4). */
export async function customerNoticeOnCompletion(
  tx: Db,
  input: TransferNotificationInput,
  key?: object,
): Promise<DeliveryDraft[]> {
  const { c, here, kind } = await completion(tx, input, key);
  // A kind whose procedure has the engineer tell the customer sends no automatic notice as well.
  return kind?.customerNotice === "off" ? [] : customerNotice(c, here, EVENT, input.transfer.id);
}

/** The briefing to the new owner, unless they completed the transfer themselves (S1.2). */
export async function ownerBriefingOnCompletion(
  tx: Db,
  input: TransferNotificationInput,
  key?: object,
): Promise<DeliveryDraft[]> {
  const { c, here, kind, artifacts } = await completion(tx, input, key);
  const { transfer } = input;
  if (!c.ownerId || c.ownerId === input.actorId) return [];
  return ownerBriefing(
    c,
    here,
    {
      from: c.previousOwner,
      kindName: kind?.name ?? transfer.kind,
      reason: kind?.reasons.find((r) => r.code === transfer.reason)?.label ?? transfer.reason,
      note: artifacts.handoverNote ?? null,
    },
    EVENT,
    transfer.id,
  );
}

/**
 * The reassignment request to the kind's dispatch mailbox, with the channel entry, when the
 * transfer rendered a dispatch subject (S2.5).
 */
export async function dispatchRequestOnCompletion(
  tx: Db,
  input: TransferNotificationInput,
  key?: object,
): Promise<DeliveryDraft[]> {
  const { c, here, kind, artifacts } = await completion(tx, input, key);
  const mailbox = kind?.artifacts.dispatchMailbox;
  if (!artifacts.dispatchSubject || !mailbox) return [];
  const { subject, text } = render(
    c,
    here,
    dispatchRequestTopic,
    {
      dispatchSubject: artifacts.dispatchSubject,
      caseNumber: c.number,
      caseSubject: c.subject,
      channelEntry: artifacts.channelEntry ?? null,
      note: artifacts.handoverNote ?? null,
    },
    here.defaults.language,
  );
  return [
    draft(
      c,
      "dispatch_request",
      EVENT,
      input.transfer.id,
      mailbox,
      kind.artifacts.dispatchDesk ?? null,
      subject,
      text,
    ),
  ];
}

/**
 * Every message a completed transfer sends, written at once: what the subscribers of
 * `transfer.completed` write (src/notify/subscribers.ts). Call inside the transaction that
 * completed the transfer, after the case row has its new owner and queue.
 */
export async function enqueueTransferNotifications(
  tx: Db,
  input: TransferNotificationInput,
): Promise<number> {
  return enqueueDeliveries(tx, [
    ...(await customerNoticeOnCompletion(tx, input)),
    ...(await ownerBriefingOnCompletion(tx, input)),
    ...(await dispatchRequestOnCompletion(tx, input)),
  ]);
}

/**
 * The briefing for an owner set without a transfer (a dispatcher assigning a case from the queue,
 * S1.2). `sourceId` names that change (e.g. the case version) so that writing it twice sends once.
 */
export async function ownerBriefingOnAssignment(
  tx: Db,
  input: { caseId: string; policy: Policy; actorId: string | null; sourceId: string },
): Promise<DeliveryDraft[]> {
  const c = await caseFacts(tx, input.caseId, null);
  if (!c.ownerId || c.ownerId === input.actorId) return [];
  return ownerBriefing(
    c,
    input.policy,
    { from: null, kindName: null, reason: null, note: null },
    "case.assigned",
    input.sourceId,
  );
}
