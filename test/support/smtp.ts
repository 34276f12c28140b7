import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerAddress } from "smtp-server";

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  parsed: ParsedMail;
  raw: string;
}

/**
 * How the server answers. `greeting-421`: "service not available" on connect; `rcpt-451`: every
 * recipient deferred; `accept`: every recipient taken except those in `rejecting` (550);
 * `never-answer-data`: the whole message is read but never acknowledged, as when the sender dies
 * before the server's 250 reaches it (kept in `unacknowledged`, not `received`).
 */
export type SmtpMode = "accept" | "greeting-421" | "rcpt-451" | "never-answer-data";

/** A real SMTP server on a loopback port, as Baton's SMTP transport meets one in production. */
export interface TestSmtpServer {
  readonly port: number;
  readonly received: ReceivedMail[];
  readonly unacknowledged: ReceivedMail[];
  mode: SmtpMode;
  rejecting: Set<string>;
  /** Stops listening: connections are refused until `listen` (the same port). */
  close(): Promise<void>;
  listen(): Promise<void>;
  /** Resolves once `count` messages arrived, or fails after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
}

const smtpError = (code: number, message: string) =>
  Object.assign(new Error(message), { responseCode: code });

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const unacknowledged: ReceivedMail[] = [];
  let port = 0;
  let server: SMTPServer | undefined;
  const state = { mode: "accept" as SmtpMode, rejecting: new Set<string>() };

  const make = () =>
    new SMTPServer({
      // Plain SMTP on loopback, as from a relay inside the network: no TLS, no login.
      disabledCommands: ["STARTTLS", "AUTH"],
      authOptional: true,
      logger: false,
      onConnect: (_session, callback) =>
        callback(
          state.mode === "greeting-421" ? smtpError(421, "Service not available, try later") : null,
        ),
      onRcptTo: (address: SMTPServerAddress, _session, callback) => {
        if (state.mode === "rcpt-451")
          return callback(smtpError(451, "Requested action aborted: try again later"));
        if (state.rejecting.has(address.address.toLowerCase()))
          return callback(smtpError(550, "No such user here"));
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          simpleParser(raw)
            .then((parsed) => {
              const from = session.envelope.mailFrom;
              const mail = {
                envelope: {
                  from: from ? from.address : "",
                  to: session.envelope.rcptTo.map((r) => r.address),
                },
                parsed,
                raw,
              };
              if (state.mode === "never-answer-data") return unacknowledged.push(mail);
              received.push(mail);
              callback();
            })
            .catch(callback);
        });
      },
    });

  const listen = async () => {
    server = make();
    server.listen(port, "127.0.0.1");
    await once(server.server, "listening");
    port = (server.server.address() as AddressInfo).port;
  };
  await listen();

  return {
    get port() {
      return port;
    },
    received,
    unacknowledged,
    get mode() {
      return state.mode;
    },
    set mode(m: SmtpMode) {
      state.mode = m;
    },
    get rejecting() {
      return state.rejecting;
    },
    set rejecting(s: Set<string>) {
      state.rejecting = s;
    },
    close: async () => {
      const s = server;
      server = undefined;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    listen,
    waitFor: async (count, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} messages, got ${received.length} in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return received;
    },
  };
}
