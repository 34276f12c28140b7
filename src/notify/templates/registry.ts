import { approvalRequestTopic } from "./approval-request.ts";
import { callAlertTopic } from "./call-alert.ts";
import { clockAlertTopic } from "./clock-alert.ts";
import { customerNoticeTopic } from "./customer-notice.ts";
import { developmentOwnerUpdateTopic } from "./development-owner-update.ts";
import { developmentUpdateTopic } from "./development-update.ts";
import { dispatchRequestTopic } from "./dispatch-request.ts";
import { followUpDueTopic } from "./follow-up-due.ts";
import { handoverEscalationTopic } from "./handover-escalation.ts";
import { invitationTopic } from "./invitation.ts";
import { mentionTopic } from "./mention.ts";
import { ownerBriefingTopic } from "./owner-briefing.ts";
import { teamHandoffTopic } from "./team-handoff.ts";
import type { TemplateTopic } from "./topic.ts";

/**
 * Every message whose wording a workspace may edit (docs/notifications.md, Templates). Add a topic
 * with one line; its `topic` must be unique. (The element type is `unknown` facts: a topic's
 * `values` is a method, so any TemplateTopic<F> fits, and its own `sample` feeds it for previews.)
 */
export const TEMPLATE_TOPICS: readonly TemplateTopic<unknown>[] = [
  customerNoticeTopic,
  ownerBriefingTopic,
  dispatchRequestTopic,
  mentionTopic,
  approvalRequestTopic,
  teamHandoffTopic,
  handoverEscalationTopic,
  clockAlertTopic,
  callAlertTopic,
  developmentUpdateTopic,
  developmentOwnerUpdateTopic,
  followUpDueTopic,
  invitationTopic,
];

/** The editable topic by its name, or undefined. */
export function templateTopic(name: string): TemplateTopic<unknown> | undefined {
  return TEMPLATE_TOPICS.find((t) => t.topic === name);
}
