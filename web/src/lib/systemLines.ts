// A timeline system line in the reader's language, from the code and values the server keeps
// beside its English sentence (`line` of a timeline item, docs/api.md). Names, labels and the
// policy's words come as written; times come as instants, shown in the reader's zone. Lines
// written before codes existed, and codes this page does not know, keep the server's sentence.
import { t } from "i18next";
import type { Said } from "../api/types.ts";
import { dateTime, durationText } from "./format.ts";

type Values = Said["values"];

const str = (v: Values, name: string) => (typeof v[name] === "string" ? (v[name] as string) : "");
const num = (v: Values, name: string) => (typeof v[name] === "number" ? (v[name] as number) : 0);
const when = (v: Values, name: string) => (str(v, name) ? dateTime(str(v, name)) : "");

const CLOCK_WHAT: Record<string, string> = {
  first_response: "systemLines.whatFirstResponse",
  next_update: "systemLines.whatNextUpdate",
  resolution: "systemLines.whatResolution",
  idle: "systemLines.whatIdle",
  return: "systemLines.whatReturn",
};

const HOW: Record<string, string> = {
  manual: "systemLines.howManual",
  round_robin: "systemLines.howRoundRobin",
  least_loaded: "systemLines.howLeastLoaded",
};

const WHY: Record<string, string> = {
  created: "systemLines.whyCreated",
  transferred: "systemLines.whyTransferred",
  agent_available: "systemLines.whyAgentAvailable",
  return_timer: "systemLines.whyReturnTimer",
  pulled: "systemLines.whyPulled",
  sweep: "systemLines.whySweep",
};

const SHEET_FIELDS: Record<string, string> = {
  needs: "systemLines.sheetNeeds",
  dueAt: "systemLines.sheetDueAt",
  note: "systemLines.sheetNote",
};

const REASONS: Record<string, string> = {
  "second-issue": "systemLines.forSecondIssue",
  "new-issue-on-old-case": "systemLines.forNewIssueOnOldCase",
};

/** "a 2 h training", "the technical session (90 min)": the article and order are the language's. */
function session(v: Values, definite: boolean): string {
  const technical = str(v, "kind") === "technical";
  const key = definite
    ? technical
      ? "systemLines.theTechnicalSession"
      : "systemLines.theTraining"
    : technical
      ? "systemLines.aTechnicalSession"
      : "systemLines.aTraining";
  return t(key, { length: durationText(num(v, "minutes")) });
}

function clockLine(code: string, v: Values): string {
  const what = t(CLOCK_WHAT[str(v, "clock")] ?? "systemLines.whatResolution");
  const due = when(v, "dueAt");
  const head =
    code === "clockWarning"
      ? t("systemLines.clockWarning", { what, due, count: num(v, "minutes") })
      : t("systemLines.clockBreached", { what, due });
  const owner = str(v, "owner")
    ? t("systemLines.clockOwner", { owner: str(v, "owner") })
    : t("systemLines.clockNobodyOwns");
  const raised = str(v, "raisedTo")
    ? t("systemLines.clockRaisedTo", { people: str(v, "raisedTo") })
    : "";
  const decides = v.shiftLeadDecides ? t("systemLines.shiftLeadDecides") : "";
  return `${head}${owner}${raised}${decides}`;
}

function transferLine(code: string, v: Values): string {
  const target =
    code === "transferredToQueue"
      ? `${t("systemLines.queueTarget", { queue: str(v, "queue") })}${
          str(v, "region") ? ` (${str(v, "region")})` : ""
        }${v.autoAssigned ? t("systemLines.autoAssignedSuffix") : ""}`
      : str(v, "target");
  return t("systemLines.transferred", { kind: str(v, "kind"), target });
}

function assignedLine(v: Values): string {
  const method = str(v, "method");
  const matched =
    v.matched === undefined ? null : str(v, "matched") || t("systemLines.matchedNone");
  const how =
    method === "skills"
      ? matched === null
        ? t("systemLines.howSkills")
        : t("systemLines.howSkillsMatching", { matched })
      : HOW[method]
        ? t(HOW[method])
        : method;
  const trigger = str(v, "trigger");
  return t("systemLines.autoAssigned", {
    agent: str(v, "agent"),
    how,
    why: WHY[trigger] ? t(WHY[trigger]) : trigger,
    considered: num(v, "considered"),
  });
}

function handoverLine(v: Values): string {
  return t("systemLines.handoverMissed", {
    role: str(v, "role") || t("systemLines.aLead"),
    people: str(v, "people") ? ` (${str(v, "people")})` : "",
    ended: str(v, "endedAt")
      ? t("systemLines.endedAt", { time: when(v, "endedAt") })
      : t("systemLines.endedEarlier"),
    next: str(v, "next")
      ? t("systemLines.nextCanTake", { name: str(v, "next"), time: when(v, "nextFrom") })
      : "",
  });
}

function sheetLine(code: string, v: Values): string | null {
  const by = str(v, "by");
  switch (code) {
    case "sheetAdded":
      return t("systemLines.sheetAdded", { needs: str(v, "needs") });
    case "sheetClaimed":
      return t("systemLines.sheetClaimed", { by });
    case "sheetDone":
      return t("systemLines.sheetDone", { by });
    case "sheetReleased":
      return v.for === undefined
        ? t("systemLines.sheetReleased", { by })
        : t("systemLines.sheetReleasedFor", {
            by,
            holder: str(v, "for") || t("systemLines.itsHolder"),
          });
    case "sheetChanged": {
      const fields = str(v, "fields")
        .split(",")
        .map((f) => (SHEET_FIELDS[f] ? t(SHEET_FIELDS[f]) : f));
      return t("systemLines.sheetChanged", { by, fields: fields.join(", ") });
    }
    default:
      return null;
  }
}

function sessionLine(code: string, v: Values): string | null {
  const topic = str(v, "topic");
  switch (code) {
    case "sessionAsked":
      return t("systemLines.sessionAsked", {
        asker: t(
          str(v, "askedBy") === "success"
            ? "systemLines.askerSuccess"
            : "systemLines.askerCustomer",
        ),
        session: session(v, false),
        topic,
        waits: t(v.needsLead ? "systemLines.waitsForLead" : "systemLines.anyoneMayTake"),
      });
    case "sessionTaken":
      return t("systemLines.sessionTaken", {
        runner: str(v, "runner"),
        session: session(v, true),
        topic,
      });
    case "sessionApproved":
      return t("systemLines.sessionApproved", {
        by: str(v, "by"),
        runner: str(v, "runner"),
        session: session(v, true),
        topic,
      });
    case "sessionDeclined":
      return t("systemLines.sessionDeclined", { by: str(v, "by"), note: str(v, "note") });
    case "sessionWithdrawn":
      return t("systemLines.sessionWithdrawn", { session: session(v, true), topic });
    default:
      return null;
  }
}

/** The line in the reader's language, or null when this page has no words for its code. */
export function codedLine(line: Said): string | null {
  const { code, values: v } = line;
  const reason = REASONS[str(v, "reason")];
  const why = reason ? t(reason) : "";
  switch (code) {
    case "transferred":
    case "transferredToQueue":
      return transferLine(code, v);
    case "clockWarning":
    case "clockBreached":
      return clockLine(code, v);
    case "returnedToQueue":
      return t(v.nextAgent ? "systemLines.returnedToQueueNext" : "systemLines.returnedToQueue", {
        owner: str(v, "owner") || t("systemLines.theOwner"),
      });
    case "developmentEntered":
      return t("systemLines.developmentEntered", { stage: str(v, "stage") });
    case "developmentStage": {
      const moved = t("systemLines.developmentStage", {
        from: str(v, "from"),
        to: str(v, "to"),
        by: str(v, "by") || t("systemLines.theTracker"),
      });
      return str(v, "note") ? `${moved}\n${str(v, "note")}` : moved;
    }
    case "autoAssigned":
      return assignedLine(v);
    case "callMissed":
      return t("systemLines.callMissed", {
        attendee: str(v, "attendee"),
        at: when(v, "at"),
        runner: str(v, "runner"),
      });
    case "handoverMissed":
      return handoverLine(v);
    case "createdFromCase":
      return t("systemLines.createdFromCase", { number: num(v, "number"), why });
    case "childCaseOpened":
      return t("systemLines.childCaseOpened", { number: num(v, "number"), why, by: str(v, "by") });
    default:
      return sheetLine(code, v) ?? sessionLine(code, v);
  }
}
