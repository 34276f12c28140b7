import type { FastifyPluginAsync } from "fastify";

// Until the web app lands, the root explains where things are instead of answering 404.
export const homeRoutes: FastifyPluginAsync = async (app) => {
  app.get("/", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baton</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; line-height: 1.5">
<h1>Baton</h1>
<p>Baton moves support cases between engineers, queues, regions and teams without losing context,
time or the customer's trust.</p>
<ul>
<li><a href="/docs">API reference</a> (interactive)</li>
<li><a href="/api/v1/openapi.json">OpenAPI document</a></li>
<li><a href="/api/v1/health">Health</a></li>
</ul>
</body></html>`),
  );
};
