import type { MailSettings } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { mailboxMessages } from "../../db/schema.ts";
import type { ChannelSender } from "../channel.ts";
import { caseReplyAddress, composeEmail } from "./compose.ts";
import { lazyTransport } from "./lazy-transport.ts";

/**
 * With no SMTP server configured, mail is kept in the database for an admin to read: the same
 * message, built by the same code, that an SMTP server would have received. Keyed by delivery, so
 * a second attempt after a crash stores nothing new, as a receiver that deduplicates would.
 */
export function mailboxSender(db: Db, mail: MailSettings): ChannelSender {
  const composer = lazyTransport((nodemailer) =>
    nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }),
  );
  return {
    send: async (delivery) => {
      const info = await (await composer.get()).sendMail(composeEmail(delivery, mail));
      const raw = Buffer.isBuffer(info.message) ? info.message.toString("utf8") : "";
      await db
        .insert(mailboxMessages)
        .values({
          deliveryId: delivery.id,
          workspaceId: delivery.workspaceId,
          caseId: delivery.caseId,
          messageId: info.messageId,
          fromAddress: mail.from.address,
          toAddress: delivery.recipient,
          replyTo: delivery.caseNumber ? caseReplyAddress(mail.replyTo, delivery.caseNumber) : null,
          subject: delivery.subject,
          text: delivery.body,
          raw,
        })
        .onConflictDoNothing({ target: mailboxMessages.deliveryId });
      return { response: "kept in the local mailbox" };
    },
    close: () => composer.close(),
  };
}
