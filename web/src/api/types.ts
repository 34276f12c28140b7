// Response shapes. Case shapes come straight from the server's schemas (type-only imports, so
// nothing of the server is bundled); the rest mirror routes whose schemas are not exported.
import type {
  AuditItem,
  CaseDetail,
  CaseSummary,
  Page,
  TimelineItem,
} from "../../../src/http/routes/case-schemas.ts";

export type { AuditItem, CaseDetail, CaseSummary, Page, TimelineItem };

export type Person = { id: string; name: string } | null;

export interface WorkspaceMembership {
  id: string;
  slug: string;
  role: string;
}

/** POST /auth/login and GET /auth/session. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  workspaces: WorkspaceMembership[];
  csrfToken: string | null;
}

export interface Agent {
  id: string;
  name: string;
  email: string;
  handle: string;
  timeZone: string;
  role: string;
  region: string | null;
  queues: string[];
  skills: string[];
  languages: string[];
  capacity: number;
  availability: {
    status: "available" | "off_queue" | "on_leave";
    leaveFrom: string | null;
    leaveUntil: string | null;
    backupUserId: string | null;
    callDiversion: string | null;
  };
  version: number;
}

export interface Coded {
  code: string;
  name: string;
}

/** The parts of a workspace policy the web app reads. */
export interface PolicyView {
  name: string;
  regions: (Coded & { timeZone: string })[];
  queues: (Coded & { description?: string; region?: string })[];
  severities: (Coded & { description?: string })[];
  priorities: Coded[];
  plans: (Coded & { allows24x7: boolean })[];
  products: Coded[];
  statusLabels: Partial<Record<string, string>>;
  defaults: { queue: string; severity: string; priority: string; plan: string; brand: string };
}

export interface PolicyResponse {
  workspace: string;
  version: number;
  policy: PolicyView;
}

export interface CreateCaseBody {
  workspace: string;
  subject: string;
  description?: string;
  severity?: string;
  priority?: string;
  queue?: string;
  ownerId?: string | null;
}

export interface UpdateCaseBody {
  version: number;
  status?: string;
  severity?: string;
  priority?: string;
  is24x7?: boolean;
  queue?: string;
  ownerId?: string | null;
}

export interface AddNoteBody {
  body: string;
  visibility: "public" | "private";
  mentions?: string[];
}
