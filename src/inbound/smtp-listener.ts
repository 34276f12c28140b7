import { once } from "node:events";
import type { AddressInfo } from "node:net";
import type { FastifyBaseLogger } from "fastify";
import type { Limits, OwnAddresses } from "../domain/inbound.ts";
import type { Envelope } from "./parse.ts";

export interface InboundSettings {
  own: OwnAddresses;
  limits: Limits;
}

export interface InboundListener {
  /** "host:port" as bound (port 0 becomes the real port). */
  readonly address: string;
  readonly port: number;
  stop(): Promise<void>;
}

const reply = (responseCode: number, message: string) =>
  Object.assign(new Error(message), { responseCode });

/**
 * Baton's own SMTP listener: takes replies straight from a mail relay (or a demo user's mail
 * client). A message is answered 250 only once it is committed; a failure to store it is a 451
 * so the sender keeps it and tries again.
 */
export async function startInboundSmtp(options: {
  host: string;
  port: number;
  settings: InboundSettings;
  /** Stores one message (the intake use case); resolves once it is committed. */
  receive: (
    raw: Buffer,
    envelope: Envelope,
    settings: InboundSettings,
  ) => Promise<{ id: number; state: string }>;
  log: Pick<FastifyBaseLogger, "warn" | "info">;
}): Promise<InboundListener> {
  // The attachment limit counts decoded bytes; base64 makes them a third larger on the wire.
  const size = Math.ceil((options.settings.limits.maxMessageBytes * 4) / 3) + 1024 * 1024;
  // Loaded only where inbound mail is on (BATON_INBOUND_SMTP=off skips it).
  const { SMTPServer } = await import("smtp-server");
  const server = new SMTPServer({
    // Plain SMTP, as from a relay in front of it: TLS and authentication belong to that relay.
    disabledCommands: ["STARTTLS", "AUTH"],
    authOptional: true,
    logger: false,
    size,
    banner: "Baton inbound mail",
    maxClients: 100,
    // Shutdown waits this long for a sender in mid-message; an unfinished one is retried by it.
    closeTimeout: 2000,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", (error: Error) =>
        callback(reply(451, `Try again later: ${error.message}`)),
      );
      stream.on("end", () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded)
          return callback(reply(552, `Message exceeds the ${size} byte limit`));
        const mailFrom = session.envelope.mailFrom;
        options
          .receive(
            Buffer.concat(chunks),
            {
              from: mailFrom ? mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            options.settings,
          )
          .then((result) =>
            callback(null, `Stored as inbound message ${result.id} (${result.state})`),
          )
          .catch((error: unknown) => {
            options.log.warn({ err: error }, "inbound mail could not be stored");
            callback(
              reply(451, "Requested action aborted: could not store the message, try again later"),
            );
          });
      });
    },
  });
  // A port that cannot be bound is the caller's to report (one line at start), not a logged trace.
  let listening = false;
  server.on("error", (error) => {
    if (listening) options.log.warn({ err: error }, "inbound SMTP error");
  });
  server.listen(options.port, options.host);
  await Promise.race([
    once(server.server, "listening"),
    once(server.server, "error").then(([error]) => Promise.reject(error)),
  ]);
  listening = true;
  const port = (server.server.address() as AddressInfo).port;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    address: `${host}:${port}`,
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The settings the intake needs, from the server's configuration. */
export function inboundSettings(config: {
  mail: { from: { address: string }; replyTo: string };
  inbound: { limits: InboundSettings["limits"] };
}): InboundSettings {
  return {
    own: { from: config.mail.from.address, replyTo: config.mail.replyTo },
    limits: config.inbound.limits,
  };
}
