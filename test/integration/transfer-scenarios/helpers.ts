import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { Policy } from "../../../src/domain/policy/schema.ts";
import type {
  AuditItem,
  CaseDetail,
  Page,
  TimelineItem,
} from "../../../src/http/routes/case-schemas.ts";
import type { TransferPreview } from "../../../src/presenters/transfer-preview.ts";
import type { TransferView } from "../../../src/presenters/transfer-view.ts";
import type { buildWorkspace, Problem, Reply, TestAgent } from "../../support/world.ts";

// Helpers for the transfer scenarios: the people in each seed's procedure drive Baton through
// its API, so these wrap the calls and the checks every scenario file makes.

export type Kind = Policy["transferKinds"][number];
export type Workspace = Awaited<ReturnType<typeof buildWorkspace>>;

export interface Options {
  caseNumber: number;
  version: number;
  handoffCount: number;
  openTransferId: string | null;
  kinds: {
    code: string;
    available: boolean;
    unavailableBecause: string | null;
    asks24x7Confirmation: boolean;
    template: { key: string; value: string }[];
    blockers: { targetType: string; guards: { id: string; outcome: string }[] }[];
  }[];
}

export interface AgentView {
  id: string;
  version: number;
  availability: { status: string };
}

export interface BulkResult {
  succeeded: number;
  failed: number;
  results: {
    number: number;
    ok: boolean;
    state: string | null;
    error: { code: string; detail: string } | null;
  }[];
}

export const API = "/api/v1";
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const kindOf = (policy: Policy, code: string): Kind => {
  const kind = policy.transferKinds.find((k) => k.code === code);
  if (!kind) throw new Error(`no kind ${code}`);
  return kind;
};

/** Every template field filled the way a careful engineer would. */
export function filled(kind: Kind, overrides: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const f of kind.template) {
    values[f.key] =
      f.kind === "yesno"
        ? "Yes"
        : f.kind === "choice"
          ? (f.choices?.[0] ?? "")
          : `${f.label} — written for the next engineer`;
  }
  return { ...values, ...overrides };
}

/** A refusal is problem+json whose code names the rule (a guard's id where a guard refused). */
export function expectRefusal(
  reply: Reply<unknown>,
  status: number,
  code: string,
  detail?: RegExp,
) {
  const body = reply.body as Partial<Problem> | undefined;
  expect({ status: reply.status, code: body?.code }).toEqual({ status, code });
  expect(body?.detail ?? "").toMatch(detail ?? /(?:)/);
}

export function expectOk<T>(reply: Reply<T>, status = 200): T {
  if (reply.status !== status)
    throw new Error(`expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

export async function newCase(agent: TestAgent, ws: Workspace, body: Record<string, unknown> = {}) {
  return expectOk(
    await agent.api.post<CaseDetail>(`${API}/cases`, {
      workspace: ws.slug,
      subject: `Case ${randomBytes(3).toString("hex")}`,
      ...body,
    }),
    201,
  );
}

export const getCase = async (agent: TestAgent, n: number) =>
  expectOk(await agent.api.get<CaseDetail>(`${API}/cases/${n}`));

export const getTransfer = async (agent: TestAgent, id: string) =>
  expectOk(await agent.api.get<TransferView>(`${API}/transfers/${id}`));

export const request = (agent: TestAgent, n: number, body: Record<string, unknown>) =>
  agent.api.post<TransferView>(`${API}/cases/${n}/transfers`, body);

export const preview = (agent: TestAgent, n: number, body: Record<string, unknown>) =>
  agent.api.post<TransferPreview>(`${API}/cases/${n}/transfers?preview=true`, body);

export const act = (
  agent: TestAgent,
  t: { id: string; version: number },
  action: "approve" | "reject" | "accept" | "decline" | "withdraw",
  extra: Record<string, unknown> = {},
) =>
  agent.api.post<TransferView>(`${API}/transfers/${t.id}/${action}`, {
    version: t.version,
    ...extra,
  });

export const step = (
  agent: TestAgent,
  t: { id: string; version: number },
  name: "notes_updated" | "customer_notified",
  extra: Record<string, unknown> = {},
) =>
  agent.api.post<TransferView>(`${API}/transfers/${t.id}/steps/${name}`, {
    version: t.version,
    ...extra,
  });

export async function auditOf(agent: TestAgent, n: number): Promise<AuditItem[]> {
  return expectOk(await agent.api.get<Page<AuditItem>>(`${API}/cases/${n}/audit?limit=500`)).items;
}

export const transferAudit = async (agent: TestAgent, n: number, transferId?: string) =>
  (await auditOf(agent, n)).filter(
    (e) =>
      e.action.startsWith("transfer.") && (transferId === undefined || e.subjectId === transferId),
  );

export async function timelineOf(agent: TestAgent, n: number): Promise<TimelineItem[]> {
  return expectOk(await agent.api.get<Page<TimelineItem>>(`${API}/cases/${n}/timeline?limit=500`))
    .items;
}

export const options = async (agent: TestAgent, n: number) =>
  expectOk(await agent.api.get<Options>(`${API}/cases/${n}/transfer-options`));

export async function setAvailability(
  by: TestAgent,
  ws: Workspace,
  userId: string,
  body: {
    status: "available" | "off_queue" | "on_leave";
    leaveFrom?: string;
    leaveUntil?: string;
    backupUserId?: string;
  },
) {
  const list = expectOk(
    await by.api.get<{ items: AgentView[] }>(`${API}/workspaces/${ws.slug}/agents`),
  );
  const agent = list.items.find((a) => a.id === userId);
  if (!agent) throw new Error("agent not listed");
  return expectOk(
    await by.api.put<AgentView>(`${API}/workspaces/${ws.slug}/agents/${userId}/availability`, {
      version: agent.version,
      ...body,
    }),
  );
}

export const onLeaveNow = () => ({
  status: "on_leave" as const,
  leaveFrom: new Date(Date.now() - HOUR).toISOString(),
  leaveUntil: new Date(Date.now() + 7 * 24 * HOUR).toISOString(),
});
