import type { MailSettings, SmtpSettings } from "../../config.ts";
import { type ChannelSender, DeliveryFailure } from "../channel.ts";
import { composeEmail } from "./compose.ts";
import { lazyTransport } from "./lazy-transport.ts";

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

// Only these are about this one message or recipient (MAIL FROM, RCPT TO, DATA refused). A 5xx
// anywhere else (greeting, AUTH) is the server's or Baton's configuration, which someone will fix,
// so those messages wait and are tried again rather than being lost.
const ABOUT_THIS_MESSAGE = new Set(["EENVELOPE", "EMESSAGE"]);

/** Whether trying the same message again later could succeed (RFC 5321 §4.2.1: 4yz versus 5yz). */
export function classifySmtpError(error: unknown): DeliveryFailure {
  const e = (typeof error === "object" && error !== null ? error : {}) as SmtpError;
  const message = (e.response ?? e.message ?? String(error)).slice(0, 1000);
  const code = e.responseCode;
  const permanent =
    ABOUT_THIS_MESSAGE.has(e.code ?? "") && (code === undefined || (code >= 500 && code < 600));
  return new DeliveryFailure(
    code ? `${code} ${message.replace(/^\d{3}\s*/, "")}` : message,
    permanent,
  );
}

/** Sends through the configured SMTP server, a few connections kept open between messages. */
export function smtpSender(mail: MailSettings, smtp: SmtpSettings): ChannelSender {
  const transporter = lazyTransport((nodemailer) =>
    nodemailer.createTransport({
      pool: true,
      maxConnections: 2,
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      requireTLS: smtp.requireTls,
      ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? "" } } : {}),
      // Bounded well inside the worker's lease, so a hung server cannot leave two attempts running.
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    }),
  );
  return {
    send: async (delivery) => {
      try {
        const info = await (await transporter.get()).sendMail(composeEmail(delivery, mail));
        return { response: String(info.response ?? "accepted") };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close: () => transporter.close(),
  };
}
