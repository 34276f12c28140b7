import { DateTime } from "luxon";
import {
  type ChangeNames,
  changesIn,
  describeChanges,
  personName,
  queueLabel,
} from "./case-changes.ts";

// The audit log keeps ids and codes in `data` for machines; `summary` is the same event in words,
// with names and the policy's labels, for the person reading the log.

type Data = Record<string, unknown>;

const str = (v: unknown): string | null => (typeof v === "string" && v ? v : null);
const obj = (v: unknown): Data => (typeof v === "object" && v !== null ? (v as Data) : {});

/** The ids of people an audit event's data names, to look their names up in one go. */
export function auditPeople(data: Data): string[] {
  const ids = [
    data.ownerId,
    data.assignTo,
    obj(data.from).ownerId,
    obj(data.to).ownerId,
    ...(Array.isArray(data.mentions) ? data.mentions : []),
  ];
  const changes = changesIn(data);
  if (changes)
    for (const f of ["ownerId", "secondaryOwnerId"]) ids.push(changes[f]?.from, changes[f]?.to);
  return ids.filter((v): v is string => typeof v === "string");
}

function holder(names: ChangeNames, side: Data): string {
  const owner = str(side.ownerId);
  const queue = str(side.queue);
  if (owner) return personName(names, owner);
  return queue ? `queue ${queueLabel(names.policy, queue)}` : "—";
}

const kindName = (names: ChangeNames, code: unknown) => {
  const c = str(code);
  return c ? (names.policy.transferKinds.find((k) => k.code === c)?.name ?? c) : "transfer";
};

const withNote = (text: string, data: Data) =>
  str(data.note) ? `${text}: ${str(data.note)}` : text;

const roleName = (names: ChangeNames, role: unknown) => {
  const r = str(role);
  return r ? (names.policy.roles.find((x) => x.id === r)?.name ?? r) : "a role";
};

const count = (n: unknown, one: string, many: string) =>
  `${typeof n === "number" ? n : 0} ${n === 1 ? one : many}`;

/** One audit event in words; `subject` is the person it is about, for people's events. */
export function auditSummary(
  action: string,
  data: Data,
  names: ChangeNames,
  subject?: string | null,
): string {
  const who = subject ? personName(names, subject) : "Someone";
  switch (action) {
    case "invitation.sent":
      return `Invited ${str(data.email) ?? "someone"} as ${roleName(names, data.role)}${data.resent ? " (a new link)" : ""}`;
    case "invitation.revoked":
      return `Invitation to ${str(data.email) ?? "someone"} withdrawn`;
    case "invitation.accepted":
      return `${str(data.email) ?? "Someone"} joined as ${roleName(names, data.role)}`;
    case "membership.role_changed":
      return `${who}: ${roleName(names, data.from)} → ${roleName(names, data.to)}`;
    case "membership.removed":
      return `${who} removed from the workspace, holding ${count(Array.isArray(data.openCases) ? data.openCases.length : 0, "open case", "open cases")}`;
    case "user.deactivated":
      return `${who} deactivated: ${count(data.revokedSessions, "session", "sessions")} and ${count(data.revokedTokens, "API token", "API tokens")} ended, ${count(Array.isArray(data.openCases) ? data.openCases.length : 0, "open case", "open cases")} to hand off`;
    case "user.reactivated":
      return `${who} reactivated`;
    case "canned_reply.created":
    case "canned_reply.updated":
    case "canned_reply.deleted": {
      const whose = data.scope === "workspace" ? "Workspace" : "Personal";
      const did = { created: "added", updated: "changed", deleted: "deleted" }[
        action.slice("canned_reply.".length) as "created" | "updated" | "deleted"
      ];
      return `${whose} canned reply "${str(data.title) ?? ""}" ${did}`;
    }
    case "view.created":
    case "view.updated":
    case "view.deleted": {
      const queue = str(data.queue);
      const audience =
        data.share === "workspace"
          ? "shared with the workspace"
          : data.share === "queue" && queue
            ? `shared with queue ${queueLabel(names.policy, queue)}`
            : "personal";
      const changed = Array.isArray(data.changed) && data.changed.length > 0;
      const did = {
        "view.created": "saved",
        "view.updated": changed ? `changed (${(data.changed as unknown[]).join(", ")})` : "changed",
        "view.deleted": "deleted",
      }[action];
      return `View "${str(data.name) ?? ""}" ${did}, ${audience}`;
    }
    case "views.reordered": {
      const order = Array.isArray(data.order) ? data.order.map((v) => str(obj(v).name) ?? "") : [];
      return `Views put in order: ${order.join(", ")}`;
    }
    case "token.revoked":
      return `API token "${str(data.name) ?? ""}" revoked`;
    case "case.created": {
      const owner = str(data.ownerId);
      const queue = str(data.queue);
      return [
        "Case created",
        owner ? `owner ${personName(names, owner)}` : null,
        queue ? `queue ${queueLabel(names.policy, queue)}` : null,
      ]
        .filter(Boolean)
        .join(", ");
    }
    case "case.updated": {
      const changes = changesIn(data);
      return changes ? `Case updated: ${describeChanges(changes, names)}` : "Case updated";
    }
    case "case.note_added":
    case "case.call_logged": {
      const what = action === "case.call_logged" ? "Call logged" : "Note added";
      const mentions = Array.isArray(data.mentions)
        ? data.mentions.filter((m): m is string => typeof m === "string")
        : [];
      const visibility = str(data.visibility);
      return `${what}${visibility ? ` (${visibility})` : ""}${
        mentions.length
          ? `, mentioning ${mentions.map((m) => personName(names, m)).join(", ")}`
          : ""
      }`;
    }
    case "policy.published": {
      const restored = typeof data.restoredFrom === "number" ? data.restoredFrom : null;
      const n =
        typeof data.changeCount === "number"
          ? data.changeCount
          : Object.keys(obj(data.changes)).length;
      const said = str(data.summary);
      return [
        `Policy version ${String(data.version)} published`,
        restored ? ` (restores version ${restored})` : "",
        `: ${n} ${n === 1 ? "change" : "changes"}`,
        said ? ` — ${said}` : "",
      ].join("");
    }
    case "case.email_received":
      return "Email received";
    case "case.handover_missed": {
      const role = str(data.raiseTo);
      const roleName = role ? (names.policy.roles.find((r) => r.id === role)?.name ?? role) : null;
      return `Missed handover raised${roleName ? ` to ${roleName}` : ""}`;
    }
    case "case.clocks_moved":
      return `Clocks moved (${str(data.why) ?? "case changed"}): ${clockChanges(changesIn(data))}`;
    case "case.sla_warning":
    case "case.sla_breached": {
      const clock = CLOCK_LABELS[str(data.clock) ?? ""] ?? str(data.clock) ?? "clock";
      const when = utcText(str(data.dueAt));
      const told = data.told === false ? " (found late; nobody told)" : "";
      return action === "case.sla_warning"
        ? `Warning: ${clock} due ${when}${told}`
        : `Breached: ${clock} was due ${when}${told}`;
    }
    case "transfer.requested":
      return `Transfer requested (${kindName(names, data.kind)})${str(data.target) ? ` to ${str(data.target)}` : ""}`;
    case "transfer.step_done":
      return `Transfer step done: ${(str(data.step) ?? "step").replace(/_/g, " ")}`;
    case "transfer.approved": {
      const to = str(data.assignTo);
      return withNote(
        `Transfer approved${to ? `, assigned to ${personName(names, to)}` : ""}`,
        data,
      );
    }
    case "transfer.rejected":
      return withNote("Transfer rejected", data);
    case "transfer.accepted":
      return "Transfer accepted";
    case "transfer.declined":
      return withNote("Transfer declined", data);
    case "transfer.withdrawn":
      return withNote("Transfer withdrawn", data);
    case "transfer.expired": {
      const queue = str(data.queue);
      return data.outcome === "back_to_approver"
        ? "Transfer offer expired; back to the approvers"
        : `Transfer offer expired; back to ${queue ? `queue ${queueLabel(names.policy, queue)}` : "the queue"}`;
    }
    case "transfer.completed":
      return `Transfer completed (${kindName(names, data.kind)}): ${holder(names, obj(data.from))} → ${holder(names, obj(data.to))}`;
    default: {
      const [subject, verb] = action.split(".");
      return `${(subject ?? action).charAt(0).toUpperCase()}${(subject ?? action).slice(1)} ${(verb ?? "").replace(/_/g, " ")}`.trim();
    }
  }
}

const CLOCK_LABELS: Record<string, string> = {
  first_response: "first response",
  next_update: "next update",
  resolution: "resolution",
  idle: "idle limit",
  return: "return to queue",
};

const CLOCK_FIELDS: Record<string, [string, string]> = {
  // field: [when set, when cleared]
  firstResponseDueAt: ["first response due", "first response due cleared"],
  firstRespondedAt: ["first response met", "first response reopened"],
  nextUpdateDueAt: ["next update due", "next update no longer due"],
  resolutionDueAt: ["resolution due", "resolution no longer due"],
  customerWaitingSince: ["customer waiting since", "customer answered"],
  pausedAt: ["paused", "resumed"],
  returnDueAt: ["returns to the queue unless answered by", "return timer stopped"],
};

/** "2026-12-05T14:00:00.000Z" as "5 Dec 2026 14:00 UTC". */
function utcText(value: string | null | undefined): string {
  if (!value) return "—";
  const d = DateTime.fromISO(value, { zone: "UTC" });
  return d.isValid ? `${d.toFormat("d LLL yyyy HH:mm")} UTC` : value;
}

function clockChanges(changes: Record<string, { from: unknown; to: unknown }> | null): string {
  if (!changes) return "";
  return Object.entries(changes)
    .map(([field, { to }]) => {
      const [set, cleared] = CLOCK_FIELDS[field] ?? [field, `${field} cleared`];
      if (typeof to !== "string") return cleared;
      return field === "firstRespondedAt" || field === "pausedAt" ? set : `${set} ${utcText(to)}`;
    })
    .join("; ");
}
