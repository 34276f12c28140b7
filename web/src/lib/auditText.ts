// An audit entry's summary in the reader's language, from the code and values the server sends
// beside its English `summary` (`because`, docs/api.md): names, the policy's labels and counts as
// they are, the changes of a case from the entry's `changes`. A code this page does not know keeps
// the server's summary.
import { exists, t } from "i18next";
import type { AuditItem, Said } from "../api/types.ts";
import { changeLabel, changeSide } from "./changeText.ts";
import { dateTime } from "./format.ts";
import { stepName } from "./transfers.ts";

type Values = Said["values"];

const str = (v: Values, name: string) => (typeof v[name] === "string" ? (v[name] as string) : "");
const num = (v: Values, name: string) => (typeof v[name] === "number" ? (v[name] as number) : 0);
const when = (v: Values, name: string) => (str(v, name) ? dateTime(str(v, name)) : "—");

/** Sentences whose values are used as they come. */
const PLAIN: Record<string, string> = {
  invitationRevoked: "auditText.invitationRevoked",
  roleChanged: "auditText.roleChanged",
  userReactivated: "auditText.userReactivated",
  cannedReplyWorkspaceCreated: "auditText.cannedReplyWorkspaceCreated",
  cannedReplyWorkspaceUpdated: "auditText.cannedReplyWorkspaceUpdated",
  cannedReplyWorkspaceDeleted: "auditText.cannedReplyWorkspaceDeleted",
  cannedReplyPersonalCreated: "auditText.cannedReplyPersonalCreated",
  cannedReplyPersonalUpdated: "auditText.cannedReplyPersonalUpdated",
  cannedReplyPersonalDeleted: "auditText.cannedReplyPersonalDeleted",
  viewsReordered: "auditText.viewsReordered",
  tokenRevoked: "auditText.tokenRevoked",
  emailReceived: "auditText.emailReceived",
  transferAccepted: "auditText.transferAccepted",
  transferExpiredToApprovers: "auditText.transferExpiredToApprovers",
};

/** A transfer's decisions, which add the note given with them. */
const NOTED: Record<string, string> = {
  transferRejected: "auditText.transferRejected",
  transferDeclined: "auditText.transferDeclined",
  transferWithdrawn: "auditText.transferWithdrawn",
};

const WHY: Record<string, string> = {
  transferred: "auditText.whyTransferred",
  "case opened": "auditText.whyCaseOpened",
  "the customer wrote": "auditText.whyCustomerWrote",
  "status changed": "auditText.whyStatusChanged",
  "case changed": "auditText.whyCaseChanged",
  "auto-assigned": "auditText.whyAutoAssigned",
  "public reply": "auditText.whyPublicReply",
  "agent activity": "auditText.whyAgentActivity",
};

const CLOCKS: Record<string, string> = {
  first_response: "clocks.firstResponse",
  next_update: "clocks.nextUpdate",
  resolution: "clocks.resolution",
  idle: "clocks.idle",
  return: "clocks.return",
};

/** A clock field moved: [its clock when it is set or cleared, or a phrase of its own]. */
const CLOCK_FIELDS: Record<string, [set: string, cleared: string]> = {
  firstResponseDueAt: ["clocks.firstResponse", "clocks.firstResponse"],
  nextUpdateDueAt: ["clocks.nextUpdate", "clocks.nextUpdate"],
  resolutionDueAt: ["clocks.resolution", "clocks.resolution"],
  firstRespondedAt: ["auditText.firstResponseMet", "auditText.firstResponseReopened"],
  customerWaitingSince: ["auditText.customerWaitingSince", "auditText.customerAnswered"],
  pausedAt: ["auditText.clocksPaused", "auditText.clocksResumed"],
  returnDueAt: ["auditText.returnDue", "auditText.returnStopped"],
};

function clockMove(c: NonNullable<AuditItem["changes"]>[number]): string {
  const keys = CLOCK_FIELDS[c.field];
  if (!keys) return c.label;
  const to = typeof c.to.value === "string" ? c.to.value : null;
  const [set, cleared] = keys;
  if (set.startsWith("clocks."))
    return to
      ? t("auditText.clockSet", { clock: t(set), due: dateTime(to) })
      : t("auditText.clockCleared", { clock: t(cleared) });
  return t(to ? set : cleared, { due: to ? dateTime(to) : "" });
}

/** A case's changes as the timeline words them: "Schweregrad: 2 → 1; Betreff geändert". */
function changesText(changes: AuditItem["changes"]): string {
  return (changes ?? [])
    .map((c) =>
      c.long
        ? t("timeline.labelChanged", { label: changeLabel(c) })
        : `${changeLabel(c)}: ${changeSide(c.field, c.from)} → ${changeSide(c.field, c.to)}`,
    )
    .join("; ");
}

const noted = (text: string, v: Values) =>
  str(v, "note") ? t("auditText.withNote", { text, note: str(v, "note") }) : text;

const holder = (v: Values, side: "from" | "to") =>
  str(v, `${side}Owner`) ||
  (str(v, `${side}Queue`) ? t("auditText.holderQueue", { queue: str(v, `${side}Queue`) }) : "—");

function peopleText(code: string, v: Values): string | null {
  const who = str(v, "who") || t("auditText.someoneJoined");
  const email = str(v, "email");
  switch (code) {
    case "invitationSent":
    case "invitationResent":
      return t(`auditText.${code}`, {
        email: email || t("auditText.someone"),
        role: str(v, "role"),
      });
    case "invitationAccepted":
      return t("auditText.invitationAccepted", {
        email: email || t("auditText.someoneJoined"),
        role: str(v, "role"),
      });
    case "memberRemoved":
      return t("auditText.memberRemoved", { who, count: num(v, "count") });
    case "userDeactivated":
      return t("auditText.userDeactivated", {
        who,
        sessions: t("auditText.sessions", { count: num(v, "sessions") }),
        tokens: t("auditText.tokens", { count: num(v, "tokens") }),
        cases: t("auditText.openCases", { count: num(v, "count") }),
      });
    default:
      return null;
  }
}

function viewText(code: string, v: Values): string | null {
  const key = { viewSaved: "viewSaved", viewChanged: "viewChanged", viewDeleted: "viewDeleted" }[
    code
  ];
  if (!key) return null;
  const share = str(v, "share");
  const audience =
    share === "workspace"
      ? t("auditText.sharedWorkspace")
      : share === "queue"
        ? t("auditText.sharedQueue", { queue: str(v, "queue") })
        : t("auditText.personal");
  const fields = str(v, "fields");
  return t(`auditText.${fields && key === "viewChanged" ? "viewChangedFields" : key}`, {
    name: str(v, "name"),
    fields,
    audience,
  });
}

function caseText(code: string, v: Values, changes: AuditItem["changes"]): string | null {
  switch (code) {
    case "caseCreated":
      return `${t("auditText.caseCreated")}${
        str(v, "owner") ? t("auditText.ownerPart", { owner: str(v, "owner") }) : ""
      }${str(v, "queue") ? t("auditText.queuePart", { queue: str(v, "queue") }) : ""}`;
    case "caseUpdated":
      return changes?.length
        ? t("auditText.caseUpdatedChanges", { changes: changesText(changes) })
        : t("auditText.caseUpdated");
    case "noteAdded":
    case "callLogged": {
      const visibility = str(v, "visibility");
      return `${t(`auditText.${code}`)}${
        visibility === "private"
          ? t("auditText.visibilityPrivate")
          : visibility === "public"
            ? t("auditText.visibilityPublic")
            : visibility
              ? ` (${visibility})`
              : ""
      }${str(v, "mentions") ? t("auditText.mentioning", { names: str(v, "mentions") }) : ""}`;
    }
    case "handoverMissed":
      return str(v, "role")
        ? t("auditText.handoverMissedTo", { role: str(v, "role") })
        : t("auditText.handoverMissed");
    case "clocksMoved": {
      const why = str(v, "why") || "case changed";
      return t("auditText.clocksMoved", {
        why: WHY[why] ? t(WHY[why]) : why,
        clocks: (changes ?? []).map(clockMove).join("; "),
      });
    }
    case "slaWarning":
    case "slaBreached": {
      const clock = CLOCKS[str(v, "clock")];
      const text = t(`auditText.${code}`, {
        clock: clock ? t(clock) : str(v, "clock"),
        due: when(v, "dueAt"),
      });
      return v.late ? `${text}${t("auditText.foundLate")}` : text;
    }
    default:
      return null;
  }
}

function transferText(code: string, v: Values): string | null {
  const kind = str(v, "kind");
  switch (code) {
    case "transferRequested":
      return str(v, "target")
        ? t("auditText.transferRequestedTo", { kind, target: str(v, "target") })
        : t("auditText.transferRequested", { kind });
    case "transferStepDone":
      return t("auditText.transferStepDone", { step: stepName(str(v, "step")) });
    case "transferApproved":
      return noted(
        str(v, "assignTo")
          ? t("auditText.transferApprovedTo", { name: str(v, "assignTo") })
          : t("auditText.transferApproved"),
        v,
      );
    case "transferExpiredToQueue":
      return str(v, "queue")
        ? t("auditText.transferExpiredToQueue", { queue: str(v, "queue") })
        : t("auditText.transferExpiredToTheQueue");
    case "transferCompleted":
      return t("auditText.transferCompleted", {
        kind,
        from: holder(v, "from"),
        to: holder(v, "to"),
      });
    default:
      return NOTED[code] ? noted(t(NOTED[code]), v) : null;
  }
}

/** The entry's summary in the reader's language; the server's when it has no words for it. */
export function auditText(entry: Pick<AuditItem, "summary" | "because" | "changes">): string {
  const { code, values: v } = entry.because;
  if (PLAIN[code]) return t(PLAIN[code], v);
  if (code === "policyPublished")
    return t("auditText.policyPublished", {
      version: str(v, "version"),
      count: num(v, "count"),
      restored: v.restored ? t("auditText.restores", { version: v.restored }) : "",
      summary: str(v, "summary") ? ` — ${str(v, "summary")}` : "",
    });
  if (code === "event") {
    const key = `auditEvents.${str(v, "action")}`;
    return exists(key) ? t(key) : entry.summary;
  }
  return (
    peopleText(code, v) ??
    viewText(code, v) ??
    caseText(code, v, entry.changes) ??
    transferText(code, v) ??
    entry.summary
  );
}
