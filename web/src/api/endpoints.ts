// Typed calls, one per endpoint the page uses.
import { api } from "./client.ts";
import type {
  AddNoteBody,
  Agent,
  CaseDetail,
  CaseSummary,
  CreateCaseBody,
  Page,
  PolicyResponse,
  SessionUser,
  TimelineItem,
  UpdateCaseBody,
} from "./types.ts";

const ws = (slug: string) => `/workspaces/${encodeURIComponent(slug)}`;

export const endpoints = {
  signIn: (email: string, password: string) =>
    api.post<SessionUser>("/auth/login", { email, password }, { skipUnauthorizedHandler: true }),
  session: (signal?: AbortSignal) =>
    api.get<SessionUser>("/auth/session", {
      skipUnauthorizedHandler: true,
      ...(signal ? { signal } : {}),
    }),
  signOut: () => api.post<void>("/auth/logout", undefined, { skipUnauthorizedHandler: true }),

  policy: (slug: string) => api.get<PolicyResponse>(`${ws(slug)}/policy`),
  agents: (slug: string) => api.get<{ items: Agent[] }>(`${ws(slug)}/agents`),

  listCases: (query: URLSearchParams, signal?: AbortSignal) =>
    api.get<Page<CaseSummary>>("/cases", { query, ...(signal ? { signal } : {}) }),
  getCase: (number: number, signal?: AbortSignal) =>
    api.get<CaseDetail>(`/cases/${number}`, signal ? { signal } : {}),
  updateCase: (number: number, body: UpdateCaseBody) =>
    api.patch<CaseDetail>(`/cases/${number}`, body),
  createCase: (body: CreateCaseBody, idempotencyKey: string) =>
    api.post<CaseDetail>("/cases", body, { headers: { "idempotency-key": idempotencyKey } }),
  timeline: (number: number, after?: string | null, signal?: AbortSignal) =>
    api.get<Page<TimelineItem>>(`/cases/${number}/timeline`, {
      query: { after: after ?? undefined, limit: 200 },
      ...(signal ? { signal } : {}),
    }),
  addNote: (number: number, body: AddNoteBody) =>
    api.post<{ id: number }>(`/cases/${number}/notes`, body),
};
