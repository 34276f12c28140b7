import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { useParams } from "react-router";
import { endpoints } from "../api/endpoints.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { SessionUser } from "../api/types.ts";
import { useUser } from "../auth/AuthProvider.tsx";

// The workspace the person last worked in, so the nav stays put on a case page and "/" returns
// there. Kept in localStorage and shared with every component through a tiny store.
const KEY = "baton.workspace";
const listeners = new Set<() => void>();

function readLast(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function rememberWorkspace(slug: string): void {
  if (readLast() === slug) return;
  try {
    localStorage.setItem(KEY, slug);
  } catch {}
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function pickWorkspace(user: SessionUser, wanted: string | null | undefined): string | null {
  const slugs = user.workspaces.map((w) => w.slug);
  if (wanted && slugs.includes(wanted)) return wanted;
  return slugs[0] ?? null;
}

/** The current workspace: the one in the URL, else the last used, else the first. */
export function useCurrentWorkspace(): string | null {
  const user = useUser();
  const params = useParams();
  const last = useSyncExternalStore(subscribe, readLast, () => null);
  const fromUrl = params.workspace;
  if (fromUrl && user.workspaces.some((w) => w.slug === fromUrl)) return fromUrl;
  return pickWorkspace(user, last);
}

export function usePolicy(slug: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.policy(slug ?? ""),
    queryFn: async () => {
      const answer = await endpoints.policy(slug ?? "");
      return { ...answer.policy, features: answer.features, viewer: answer.viewer };
    },
    enabled: Boolean(slug),
    staleTime: 10 * 60_000,
  });
}

export function useAgents(slug: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.agents(slug ?? ""),
    queryFn: async () => (await endpoints.agents(slug ?? "")).items,
    enabled: Boolean(slug),
    staleTime: 5 * 60_000,
  });
}
