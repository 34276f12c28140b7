import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";

export const WEB_DIST = fileURLToPath(new URL("../../../web/dist", import.meta.url));

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baton</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto">
<h1>Baton</h1>
<p>The web app is not built yet: run <code>npm run build</code> (npm start does it for you).</p>
<p>The <a href="/docs">API reference</a> works without it.</p>
</body></html>`;

/** The single-page app: static assets, and index.html for every other page URL. */
export const webRoutes: FastifyPluginAsync<{ dist?: string }> = async (app, options) => {
  const dist = options.dist ?? WEB_DIST;
  const built = existsSync(`${dist}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: false,
      // Hashed asset names change with content, so browsers may keep them for a year.
      setHeaders: (res, path) => {
        if (path.includes("/assets/"))
          res.header("cache-control", "public, max-age=31536000, immutable");
      },
    });
  }
  const page = (_request: FastifyRequest, reply: FastifyReply) =>
    built
      ? reply.header("cache-control", "no-cache").sendFile("index.html")
      : reply.type("text/html; charset=utf-8").send(NOT_BUILT);
  app.get("/", { schema: { hide: true } }, page);
  app.get("/*", { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    // Unknown API paths and missing assets are real 404s, not the app shell.
    if (path.startsWith("/api/") || path.startsWith("/assets/") || /\.[a-z0-9]+$/i.test(path))
      return reply.callNotFound();
    return page(request, reply);
  });
};
