import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";

export interface Arrival {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The signature checked out with the secret of the path's subscription and a recent timestamp. */
  verified: boolean;
  /** The Standard Webhooks headers checked out with the spec's own verifier library. */
  standardVerified: boolean;
  status: number;
}

/** A webhook receiver on loopback that checks signatures the way docs/notifications.md says. */
export interface TestReceiver {
  url(path: string): string;
  arrivals: Arrival[];
  /** Secrets by path, as a receiver keeps the one shown at creation. */
  secrets: Map<string, string>;
  /** Status to answer per path and attempt (counted per X-Baton-Delivery); 200 unless set. */
  answer: (path: string, attempt: number) => number;
  close(): Promise<void>;
}

export function verifySignature(
  secret: string,
  headers: IncomingHttpHeaders,
  body: string,
  toleranceSeconds = 300,
): boolean {
  const timestamp = String(headers["x-baton-timestamp"] ?? "");
  const signature = String(headers["x-baton-signature"] ?? "");
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What an off-the-shelf Standard Webhooks receiver does with the secret it was shown. */
export function verifyStandard(
  secret: string,
  headers: IncomingHttpHeaders,
  body: string,
): boolean {
  try {
    new Webhook(secret).verify(body, {
      "webhook-id": String(headers["webhook-id"] ?? ""),
      "webhook-timestamp": String(headers["webhook-timestamp"] ?? ""),
      "webhook-signature": String(headers["webhook-signature"] ?? ""),
    });
    return true;
  } catch {
    return false;
  }
}

export async function startReceiver(): Promise<TestReceiver> {
  const attempts = new Map<string, number>();
  const receiver: TestReceiver = {
    url: () => "",
    arrivals: [],
    secrets: new Map(),
    answer: () => 200,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "/";
      const key = String(req.headers["x-baton-delivery"] ?? "");
      const attempt = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, attempt);
      const secret = receiver.secrets.get(path);
      const status = receiver.answer(path, attempt);
      receiver.arrivals.push({
        path,
        headers: req.headers,
        body,
        verified: secret !== undefined && verifySignature(secret, req.headers, body),
        standardVerified: secret !== undefined && verifyStandard(secret, req.headers, body),
        status,
      });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status < 300 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = (path) => `http://127.0.0.1:${port}${path}`;
  return receiver;
}
