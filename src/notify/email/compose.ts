import type { SendMailOptions } from "nodemailer";
import type { MailSettings } from "../../config.ts";
import { mailHtml } from "../../domain/mail-html.ts";
import { headerText } from "../../domain/mail-text.ts";
import type { DeliveryRow } from "../channel.ts";
import { approvalsLink, caseLink, publicBase, unsubscribeLink } from "../in-app.ts";
import { templateTopic } from "../templates/registry.ts";

/** `local+100042@domain`: a reply finds its case by the address it was sent to. */
export function caseReplyAddress(replyTo: string, caseNumber: number): string {
  const at = replyTo.lastIndexOf("@");
  const local = replyTo.slice(0, at).replace(/\+.*$/, "");
  return `${local}+${caseNumber}@${replyTo.slice(at + 1)}`;
}

/**
 * Where a team message points in Baton: the approvals page for an approval request, else the
 * case. Customers get no link: they cannot sign in.
 */
function linkOf(d: DeliveryRow): string | null {
  if (!publicBase()) return null;
  if (d.topic === "approval_request") return approvalsLink();
  return d.caseNumber ? caseLink(d.caseNumber) : null;
}

/** The thread every message about one case belongs to (RFC 5322 In-Reply-To and References). */
const caseThreadId = (caseNumber: number, domain: string) => `<case-${caseNumber}@${domain}>`;

/**
 * The message for one delivery, the same for the SMTP server and the local mailbox. Every header
 * value from stored data passes through headerText; the envelope names only the one recipient.
 */
export function composeEmail(d: DeliveryRow, settings: MailSettings): SendMailOptions {
  const { from } = settings;
  const domain = from.address.slice(from.address.lastIndexOf("@") + 1);
  const name = d.recipientName ? headerText(d.recipientName, 120) : "";
  const audience = templateTopic(d.topic)?.audience ?? "team";
  const link = audience === "team" ? linkOf(d) : null;
  const text = link ? `${d.body.trimEnd()}\n\n-- \nOpen in Baton: ${link}\n` : d.body;
  const thread = d.caseNumber ? caseThreadId(d.caseNumber, domain) : null;
  // RFC 8058 asks for an https link; a plain-http install (a LAN, the demo) offers none.
  const unsubscribe =
    audience === "team" && d.unsubscribeToken ? unsubscribeLink(d.unsubscribeToken) : null;
  const oneClick = unsubscribe?.startsWith("https://") ? unsubscribe : null;
  return {
    from: { name: headerText(from.name, 120), address: from.address },
    to: name ? { name, address: d.recipient } : d.recipient,
    ...(d.caseNumber ? { replyTo: caseReplyAddress(settings.replyTo, d.caseNumber) } : {}),
    subject: headerText(d.subject, 250),
    text,
    html: mailHtml(text),
    messageId: `<${d.key}@${domain}>`,
    // Not a reply to a message anyone has, but to the case's thread: mail clients group every
    // message about the case under it, customers' and the team's alike.
    ...(thread ? { inReplyTo: thread, references: [thread] } : {}),
    headers: {
      // The idempotency key: a receiver that sees it twice has the same message twice.
      "X-Baton-Delivery": d.key,
      ...(d.caseNumber ? { "X-Baton-Case": String(d.caseNumber) } : {}),
      // RFC 3834: out-of-office replies to a notification would otherwise loop back into the case.
      "Auto-Submitted": "auto-generated",
      // RFC 2919: team mail is a workspace's list, for mail filters and clients' list handling.
      ...(audience === "team"
        ? { "List-Id": `Baton team mail <${d.workspaceId}.notifications.${domain}>` }
        : {}),
      // RFC 2369 and RFC 8058: mail clients offer "unsubscribe", which turns this topic off for
      // the recipient in one POST, without signing in (the link itself is signed).
      ...(oneClick
        ? {
            "List-Unsubscribe": `<${oneClick}>`,
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
          }
        : {}),
    },
    envelope: { from: from.address, to: [d.recipient] },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
