import { existsSync } from "node:fs";
import { basename } from "node:path";
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

export interface WebOptions {
  /** The built app; web/dist unless a test builds one elsewhere. */
  dist?: string;
  /** Serve the build's *.map files (BATON_PUBLIC_SOURCE_MAPS); otherwise they answer 404. */
  publicSourceMaps?: boolean;
}

const SOURCE_MAP = /\.map$/;
const COMPRESSED = /\.(?:br|gz)$/;
const FILE_NAME = /\.[a-z0-9]+$/i;

/** The single-page app: static assets, and index.html for every other page URL. */
export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const dist = options.dist ?? WEB_DIST;
  const publicMaps = options.publicSourceMaps ?? false;
  const built = existsSync(`${dist}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root: dist,
      wildcard: false,
      index: false,
      // The build writes a .br and a .gz beside each text file (scripts/precompress.ts): sent by
      // the request's Accept-Encoding, with Vary: Accept-Encoding, and no compression per request.
      preCompressed: true,
      // Only the files themselves get routes: a compressed copy is an encoding of its original,
      // and the build's source maps stay private unless the operator publishes them.
      globIgnore: ["**/*.br", "**/*.gz", ...(publicMaps ? [] : ["**/*.map"])],
      allowedPath: (path) => publicMaps || !SOURCE_MAP.test(path),
      setHeaders: (reply, path) => {
        // Hashed asset names change with content, so browsers may keep them for a year. The rest
        // (index.html above all, which names this build's assets) is checked on every use. Set
        // here, after @fastify/send's own "max-age=0", which would otherwise replace it.
        reply.header(
          "cache-control",
          path.includes("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
        );
        // The scripts carry no sourceMappingURL (a "hidden" build), so published maps are
        // announced by header, which browser developer tools follow as they would the comment.
        const original = path.replace(COMPRESSED, "");
        if (publicMaps && original.endsWith(".js") && existsSync(`${original}.map`))
          reply.header("sourcemap", `${basename(original)}.map`);
      },
    });
  }
  const page = (_request: FastifyRequest, reply: FastifyReply) =>
    built ? reply.sendFile("index.html") : reply.type("text/html; charset=utf-8").send(NOT_BUILT);
  app.get("/", { schema: { hide: true } }, page);
  app.get("/*", { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    // Unknown API paths and missing assets are real 404s, not the app shell. A page URL may end
    // in what looks like a file's extension (an unsubscribe link's signed token does, one time in
    // four), so a browser opening a page, which asks for HTML, always gets the app.
    const opensPage = request.headers.accept?.includes("text/html") ?? false;
    if (
      path.startsWith("/api/") ||
      path.startsWith("/assets/") ||
      (!opensPage && FILE_NAME.test(path))
    )
      return reply.callNotFound();
    return page(request, reply);
  });
};
