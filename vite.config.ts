import react from "@vitejs/plugin-react";
import { defineConfig, type ProxyOptions } from "vite";
import { precompress } from "./scripts/precompress.ts";

// The web app lives in web/ and builds to web/dist, which the Fastify server serves with an SPA
// fallback. In development `npx vite` serves it on :5173 and proxies the API to a running server.
const api = process.env.BATON_API_URL ?? "http://127.0.0.1:3000";

const apiProxy: ProxyOptions = {
  target: api,
  changeOrigin: false,
  // When the API server stops, end the browser's side of long responses (the event stream)
  // too, so the page notices and reconnects, as it does without the proxy.
  configure: (proxy) => {
    proxy.on("proxyRes", (proxyRes, _req, res) => {
      proxyRes.on("close", () => {
        if (!proxyRes.complete && !res.writableEnded) res.destroy();
      });
    });
  },
};

export default defineConfig({
  root: "web",
  base: "/",
  publicDir: "public",
  plugins: [react(), precompress()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Maps are written for whoever reads a stack trace, but the scripts do not point at them and
    // the server keeps them to itself unless BATON_PUBLIC_SOURCE_MAPS=true (docs/operations.md).
    sourcemap: "hidden",
    target: "es2022",
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own: an upgrade of Baton that changes only its own code
        // leaves their names, and so the browser's year-long cached copies, as they were. The
        // first three every page needs; the charts come only with the report that draws them.
        codeSplitting: {
          groups: [
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/,
              priority: 4,
            },
            { name: "router", test: /node_modules[\\/]react-router[\\/]/, priority: 3 },
            { name: "query", test: /node_modules[\\/]@tanstack[\\/]/, priority: 2 },
            { name: "charts", test: /node_modules[\\/]recharts[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: false,
    proxy: {
      // Server-sent events stream through the proxy too; nothing buffers them.
      "/api": apiProxy,
    },
  },
  preview: { host: "127.0.0.1", port: 4173, proxy: { "/api": apiProxy } },
});
