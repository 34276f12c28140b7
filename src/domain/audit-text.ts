import { DateTime } from "luxon";
import {
  type ChangeNames,
  changesIn,
  describeChanges,
  personName,
  queueLabel,
} from "./case-changes.ts";
import { type Said, said } from "./said.ts";

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
  return auditWords(action, data, names, subject).summary;
}

/** The summary in English and, beside it, as a code and its values for the reader's language. */
interface Words {
  summary: string;
  because: Said;
}

const w = (summary: string, code: string, values?: Parameters<typeof said>[1]): Words => ({
  summary,
  because: said(code, values),
});

const openCases = (data: Data) => (Array.isArray(data.openCases) ? data.openCases.length : 0);
const num = (v: unknown) => (typeof v === "number" ? v : 0);

/**
 * One audit event in words, English and coded: the codes name the sentence, the values hold
 * names, the policy's labels, counts and instants as they are; an action without a sentence of
 * its own is coded "event" with its name.
 */
export function auditWords(
  action: string,
  data: Data,
  names: ChangeNames,
  subject?: string | null,
): Words {
  const who = subject ? personName(names, subject) : "Someone";
  const whom = subject ? personName(names, subject) : null;
  switch (action) {
    case "invitation.sent":
      return w(
        `Invited ${str(data.email) ?? "someone"} as ${roleName(names, data.role)}${data.resent ? " (a new link)" : ""}`,
        data.resent ? "invitationResent" : "invitationSent",
        { email: str(data.email), role: roleName(names, data.role) },
      );
    case "invitation.revoked":
      return w(`Invitation to ${str(data.email) ?? "someone"} withdrawn`, "invitationRevoked", {
        email: str(data.email),
      });
    case "invitation.accepted":
      return w(
        `${str(data.email) ?? "Someone"} joined as ${roleName(names, data.role)}`,
        "invitationAccepted",
        { email: str(data.email), role: roleName(names, data.role) },
      );
    case "membership.role_changed":
      return w(
        `${who}: ${roleName(names, data.from)} → ${roleName(names, data.to)}`,
        "roleChanged",
        { who: whom, from: roleName(names, data.from), to: roleName(names, data.to) },
      );
    case "membership.removed":
      return w(
        `${who} removed from the workspace, holding ${count(openCases(data), "open case", "open cases")}`,
        "memberRemoved",
        { who: whom, count: openCases(data) },
      );
    case "user.deactivated":
      return w(
        `${who} deactivated: ${count(data.revokedSessions, "session", "sessions")} and ${count(data.revokedTokens, "API token", "API tokens")} ended, ${count(openCases(data), "open case", "open cases")} to hand off`,
        "userDeactivated",
        {
          who: whom,
          sessions: num(data.revokedSessions),
          tokens: num(data.revokedTokens),
          count: openCases(data),
        },
      );
    case "user.reactivated":
      return w(`${who} reactivated`, "userReactivated", { who: whom });
    case "canned_reply.created":
    case "canned_reply.updated":
    case "canned_reply.deleted": {
      const whose = data.scope === "workspace" ? "Workspace" : "Personal";
      const verb = action.slice("canned_reply.".length) as "created" | "updated" | "deleted";
      const did = { created: "added", updated: "changed", deleted: "deleted" }[verb];
      return w(
        `${whose} canned reply "${str(data.title) ?? ""}" ${did}`,
        `cannedReply${whose}${verb.charAt(0).toUpperCase()}${verb.slice(1)}`,
        { title: str(data.title) ?? "" },
      );
    }
    case "view.created":
    case "view.updated":
    case "view.deleted":
      return viewWords(action, data, names);
    case "views.reordered": {
      const order = Array.isArray(data.order) ? data.order.map((v) => str(obj(v).name) ?? "") : [];
      return w(`Views put in order: ${order.join(", ")}`, "viewsReordered", {
        order: order.join(", "),
      });
    }
    case "token.revoked":
      return w(`API token "${str(data.name) ?? ""}" revoked`, "tokenRevoked", {
        name: str(data.name) ?? "",
      });
    case "case.created": {
      const owner = str(data.ownerId);
      const queue = str(data.queue);
      return w(
        [
          "Case created",
          owner ? `owner ${personName(names, owner)}` : null,
          queue ? `queue ${queueLabel(names.policy, queue)}` : null,
        ]
          .filter(Boolean)
          .join(", "),
        "caseCreated",
        {
          owner: owner ? personName(names, owner) : null,
          queue: queue ? queueLabel(names.policy, queue) : null,
        },
      );
    }
    case "case.updated": {
      // The page words the changes from the entry's `changes`.
      const changes = changesIn(data);
      return changes
        ? w(`Case updated: ${describeChanges(changes, names)}`, "caseUpdated")
        : w("Case updated", "caseUpdated");
    }
    case "case.note_added":
    case "case.call_logged": {
      const what = action === "case.call_logged" ? "Call logged" : "Note added";
      const mentions = Array.isArray(data.mentions)
        ? data.mentions.filter((m): m is string => typeof m === "string")
        : [];
      const visibility = str(data.visibility);
      const mentioned = mentions.map((m) => personName(names, m)).join(", ");
      return w(
        `${what}${visibility ? ` (${visibility})` : ""}${mentions.length ? `, mentioning ${mentioned}` : ""}`,
        action === "case.call_logged" ? "callLogged" : "noteAdded",
        { visibility, mentions: mentions.length ? mentioned : null },
      );
    }
    case "policy.published":
      return policyWords(data);
    case "case.email_received":
      return w("Email received", "emailReceived");
    case "case.handover_missed": {
      const role = str(data.raiseTo);
      const roleName = role ? (names.policy.roles.find((r) => r.id === role)?.name ?? role) : null;
      return w(`Missed handover raised${roleName ? ` to ${roleName}` : ""}`, "handoverMissed", {
        role: roleName,
      });
    }
    case "case.clocks_moved":
      // The page words each clock from the entry's `changes`.
      return w(
        `Clocks moved (${str(data.why) ?? "case changed"}): ${clockChanges(changesIn(data))}`,
        "clocksMoved",
        { why: str(data.why) },
      );
    case "case.sla_warning":
    case "case.sla_breached": {
      const clock = CLOCK_LABELS[str(data.clock) ?? ""] ?? str(data.clock) ?? "clock";
      const when = utcText(str(data.dueAt));
      const told = data.told === false ? " (found late; nobody told)" : "";
      const values = { clock: str(data.clock), dueAt: str(data.dueAt), late: told ? 1 : null };
      return action === "case.sla_warning"
        ? w(`Warning: ${clock} due ${when}${told}`, "slaWarning", values)
        : w(`Breached: ${clock} was due ${when}${told}`, "slaBreached", values);
    }
    default:
      return transferWords(action, data, names);
  }
}

function viewWords(action: string, data: Data, names: ChangeNames): Words {
  const queue = str(data.queue);
  const share =
    data.share === "workspace"
      ? "workspace"
      : data.share === "queue" && queue
        ? "queue"
        : "personal";
  const audience = {
    workspace: "shared with the workspace",
    queue: `shared with queue ${queueLabel(names.policy, queue ?? "")}`,
    personal: "personal",
  }[share];
  const changed = Array.isArray(data.changed) && data.changed.length > 0;
  const fields = changed ? (data.changed as unknown[]).join(", ") : null;
  const did = {
    "view.created": "saved",
    "view.updated": changed ? `changed (${fields})` : "changed",
    "view.deleted": "deleted",
  }[action];
  const verb = { "view.created": "Saved", "view.updated": "Changed", "view.deleted": "Deleted" }[
    action
  ];
  return w(`View "${str(data.name) ?? ""}" ${did}, ${audience}`, `view${verb}`, {
    name: str(data.name) ?? "",
    share,
    queue: share === "queue" ? queueLabel(names.policy, queue ?? "") : null,
    fields,
  });
}

function policyWords(data: Data): Words {
  const restored = typeof data.restoredFrom === "number" ? data.restoredFrom : null;
  const n =
    typeof data.changeCount === "number" ? data.changeCount : Object.keys(obj(data.changes)).length;
  const saidBy = str(data.summary);
  return w(
    [
      `Policy version ${String(data.version)} published`,
      restored ? ` (restores version ${restored})` : "",
      `: ${n} ${n === 1 ? "change" : "changes"}`,
      saidBy ? ` — ${saidBy}` : "",
    ].join(""),
    "policyPublished",
    { version: String(data.version), restored, count: n, summary: saidBy },
  );
}

function transferWords(action: string, data: Data, names: ChangeNames): Words {
  const note = str(data.note);
  switch (action) {
    case "transfer.requested":
      return w(
        `Transfer requested (${kindName(names, data.kind)})${str(data.target) ? ` to ${str(data.target)}` : ""}`,
        "transferRequested",
        { kind: kindName(names, data.kind), target: str(data.target) },
      );
    case "transfer.step_done":
      return w(
        `Transfer step done: ${(str(data.step) ?? "step").replace(/_/g, " ")}`,
        "transferStepDone",
        { step: str(data.step) ?? "step" },
      );
    case "transfer.approved": {
      const to = str(data.assignTo);
      return w(
        withNote(`Transfer approved${to ? `, assigned to ${personName(names, to)}` : ""}`, data),
        "transferApproved",
        { assignTo: to ? personName(names, to) : null, note },
      );
    }
    case "transfer.rejected":
      return w(withNote("Transfer rejected", data), "transferRejected", { note });
    case "transfer.accepted":
      return w("Transfer accepted", "transferAccepted");
    case "transfer.declined":
      return w(withNote("Transfer declined", data), "transferDeclined", { note });
    case "transfer.withdrawn":
      return w(withNote("Transfer withdrawn", data), "transferWithdrawn", { note });
    case "transfer.expired": {
      const queue = str(data.queue);
      if (data.outcome === "back_to_approver")
        return w("Transfer offer expired; back to the approvers", "transferExpiredToApprovers");
      return w(
        `Transfer offer expired; back to ${queue ? `queue ${queueLabel(names.policy, queue)}` : "the queue"}`,
        "transferExpiredToQueue",
        { queue: queue ? queueLabel(names.policy, queue) : null },
      );
    }
    case "transfer.completed":
      return w(
        `Transfer completed (${kindName(names, data.kind)}): ${holder(names, obj(data.from))} → ${holder(names, obj(data.to))}`,
        "transferCompleted",
        {
          kind: kindName(names, data.kind),
          ...holderValues(names, "from", obj(data.from)),
          ...holderValues(names, "to", obj(data.to)),
        },
      );
    default: {
      const [subject, verb] = action.split(".");
      return w(
        `${(subject ?? action).charAt(0).toUpperCase()}${(subject ?? action).slice(1)} ${(verb ?? "").replace(/_/g, " ")}`.trim(),
        "event",
        { action },
      );
    }
  }
}

/** A holder as values: `fromOwner` (a name) or `fromQueue` (the policy's label), or neither. */
function holderValues(names: ChangeNames, side: "from" | "to", data: Data) {
  const owner = str(data.ownerId);
  const queue = str(data.queue);
  if (owner) return { [`${side}Owner`]: personName(names, owner) };
  return queue ? { [`${side}Queue`]: queueLabel(names.policy, queue) } : {};
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
