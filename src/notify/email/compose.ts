import type { SendMailOptions } from "nodemailer";
import type { MailSettings } from "../../config.ts";
import { headerText } from "../../domain/mail-text.ts";
import type { DeliveryRow } from "../channel.ts";

/** `local+100042@domain`: a reply finds its case by the address it was sent to. */
export function caseReplyAddress(replyTo: string, caseNumber: number): string {
  const at = replyTo.lastIndexOf("@");
  const local = replyTo.slice(0, at).replace(/\+.*$/, "");
  return `${local}+${caseNumber}@${replyTo.slice(at + 1)}`;
}

/**
 * The message for one delivery, the same for the SMTP server and the local mailbox. Every header
 * value from stored data passes through headerText; the envelope names only the one recipient.
 */
export function composeEmail(d: DeliveryRow, settings: MailSettings): SendMailOptions {
  const { from } = settings;
  const domain = from.address.slice(from.address.lastIndexOf("@") + 1);
  const name = d.recipientName ? headerText(d.recipientName, 120) : "";
  return {
    from: { name: headerText(from.name, 120), address: from.address },
    to: name ? { name, address: d.recipient } : d.recipient,
    ...(d.caseNumber ? { replyTo: caseReplyAddress(settings.replyTo, d.caseNumber) } : {}),
    subject: headerText(d.subject, 250),
    text: d.body,
    messageId: `<${d.key}@${domain}>`,
    headers: {
      // The idempotency key: a receiver that sees it twice has the same message twice.
      "X-Baton-Delivery": d.key,
      ...(d.caseNumber ? { "X-Baton-Case": String(d.caseNumber) } : {}),
      // RFC 3834: out-of-office replies to a notification would otherwise loop back into the case.
      "Auto-Submitted": "auto-generated",
    },
    envelope: { from: from.address, to: [d.recipient] },
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
