import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The web app lives in web/ and builds to web/dist, which the Fastify server serves with an SPA
// fallback. In development `npx vite` serves it on :5173 and proxies the API to a running server.
const api = process.env.BATON_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  root: "web",
  base: "/",
  publicDir: "public",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    target: "es2022",
  },
  server: {
    host: "127.0.0.1",
    port: 5173,
    strictPort: false,
    proxy: {
      // Server-sent events stream through the proxy too; nothing buffers them.
      "/api": { target: api, changeOrigin: false },
    },
  },
  preview: { host: "127.0.0.1", port: 4173, proxy: { "/api": { target: api } } },
});
