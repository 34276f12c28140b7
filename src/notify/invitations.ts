import type { Db } from "../db/client.ts";
import { renderer } from "./in-app.ts";
import { enqueueDeliveries } from "./outbox.ts";
import { type InvitationFacts, invitationTopic } from "./templates/invitation.ts";

export interface InvitationMail extends InvitationFacts {
  workspaceId: string;
  invitationId: string;
  email: string;
  language: string;
}

/**
 * Queues the invitation email in the inviting transaction. Unlike other mail it is not written by
 * an event's subscriber: the link holds a secret that exists only in this transaction and must
 * not reach the audit log or webhooks, which carry events.
 */
export async function queueInvitationMail(tx: Db, mail: InvitationMail): Promise<void> {
  const render = await renderer(tx, mail.workspaceId, invitationTopic, mail.language);
  const { subject, text } = render(mail);
  await enqueueDeliveries(tx, [
    {
      workspaceId: mail.workspaceId,
      caseId: null,
      caseNumber: null,
      channel: "email",
      topic: "invitation",
      event: "invitation.sent",
      sourceId: mail.invitationId,
      recipient: mail.email,
      recipientName: mail.recipientName,
      subject,
      body: text,
    },
  ]);
}
