import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router";
import { ApiError } from "./api/errors.ts";
import { ToastProvider } from "./components/Toasts.tsx";
import { startI18n } from "./i18n/i18n.ts";
import { router } from "./router.tsx";
import { startTheme } from "./theme/theme.ts";
import "./styles/app.css";

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Live events invalidate what changed, so data may stay fresh for a while.
      staleTime: 20_000,
      // Client errors (404, 403, 401) do not get better by asking again.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});

// Pages are fetched on first use, so a tab opened before an upgrade asks for chunks the new build
// no longer has: load the new version instead. Once a minute at most, so that a chunk really
// missing (or the server down) shows its error rather than reloading for ever.
window.addEventListener("vite:preloadError", () => {
  const key = "baton:reloaded-for-new-version";
  const last = Number(sessionStorage.getItem(key) ?? 0);
  if (Date.now() - last < 60_000) return;
  sessionStorage.setItem(key, String(Date.now()));
  window.location.reload();
});

startTheme();
// The first screen is drawn in the person's language, not English first and then theirs.
await startI18n();

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  </StrictMode>,
);
