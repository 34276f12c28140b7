import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Fastify from "fastify";
import helmet from "helmet";
import { afterAll, describe, expect, it } from "vitest";
import { addSecurityHeaders, securityOptions } from "../../src/http/security-headers.ts";

// Baton works Helmet's headers out once (src/http/security-headers.ts); a response must carry
// exactly what Helmet's own middleware puts on one, with and without a TLS-terminating proxy.

const HELMET_NAMES =
  /^(content-security-policy|cross-origin-|origin-agent-cluster|referrer-policy|strict-transport-security|x-)/;

function helmetPart(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers].filter(([name]) => HELMET_NAMES.test(name)));
}

describe.each([false, true])("security headers (behind a proxy: %s)", (trustProxy) => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  async function viaHelmet(): Promise<Headers> {
    const middleware = helmet(securityOptions(trustProxy));
    const server: Server = createServer((req, res) => middleware(req, res, () => res.end("ok")));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const { port } = server.address() as AddressInfo;
    return (await fetch(`http://127.0.0.1:${port}/`)).headers;
  }

  async function viaBaton(): Promise<Headers> {
    const app = Fastify();
    addSecurityHeaders(app, securityOptions(trustProxy));
    app.get("/", async () => "ok");
    const url = await app.listen({ port: 0, host: "127.0.0.1" });
    closers.push(() => app.close());
    return (await fetch(`${url}/`)).headers;
  }

  it("are Helmet's own, every one of them", async () => {
    const expected = helmetPart(await viaHelmet());
    expect(Object.keys(expected).length).toBeGreaterThan(8);
    expect(expected["content-security-policy"]).toMatch(/default-src 'self'/);
    expect("strict-transport-security" in expected).toBe(trustProxy);
    expect(helmetPart(await viaBaton())).toEqual(expected);
  });
});
