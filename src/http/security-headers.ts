import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

/** What Helmet sends: behind a TLS-terminating proxy (`trustProxy`) also HSTS and https upgrades. */
export function securityOptions(trustProxy: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Plain-HTTP installs on a LAN would otherwise have every sub-resource rewritten to https.
        upgradeInsecureRequests: trustProxy ? [] : null,
      },
    },
    // Only meaningful behind TLS; harmless otherwise.
    strictTransportSecurity: trustProxy,
  };
}

/**
 * The headers Helmet's middleware sets for `options`, read once by running it against a response
 * that only records them. Nothing in these options depends on the request (no CSP nonces).
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error) => {
    if (error) throw error;
    finished = true;
  });
  // Helmet's middlewares are synchronous; one that was not would have been skipped here.
  if (!finished) throw new Error("Helmet did not finish at once");
  return headers;
}

/**
 * Helmet's headers on every response. @fastify/helmet built Helmet's middleware again for each
 * request (parsing the Content-Security-Policy's directives each time), and running the built
 * middleware still cost 3-4 % of a transfer's server CPU in Node's per-header checks
 * (docs/performance.md); the headers are the same for every request, so they are worked out
 * once and handed to each reply.
 */
export function addSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = helmetHeaders(options);
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
