import { z } from "zod";
import { CLOCK_NAMES, CLOCK_STATES } from "../../domain/sla/clocks.ts";
import { bulkResult } from "./bulk-schemas.ts";
import { person } from "./params.ts";

export const caseSummary = z.object({
  number: z.number(),
  workspace: z.string(),
  subject: z.string(),
  internalTitle: z.string(),
  status: z.string(),
  severity: z.string(),
  priority: z.string(),
  is24x7: z.boolean(),
  queue: z.string(),
  region: z.string().nullable(),
  owner: person,
  updatedAt: z.string(),
  version: z.number().describe("Send back on updates; a stale one gets 409"),
  due: z
    .object({
      dueAt: z.string().nullable().describe("The soonest deadline of a running case"),
      paused: z.boolean().describe("Clocks stopped while the case waits on the customer"),
      firstResponseDueAt: z.string().nullable().describe("Null once answered"),
      nextUpdateDueAt: z.string().nullable(),
      resolutionDueAt: z.string().nullable(),
    })
    .describe("The case's SLA deadlines, UTC"),
});

export const searchMatch = z
  .object({
    field: z
      .enum(["subject", "customer", "contact", "description", "note"])
      .describe("Where the words were found; for notes, the newest matching note"),
    segments: z
      .array(z.object({ text: z.string(), mark: z.boolean().describe("A matching word") }))
      .describe("The matching text (or an excerpt) in pieces, plain text: never HTML"),
  })
  .describe("Where a case matched the search");

export const caseListItem = caseSummary.extend({
  match: searchMatch
    .nullable()
    .optional()
    .describe("Only when searching (q): where the case matched"),
});

const timeZoned = { timeZone: z.string(), language: z.string() };

export const caseDetail = caseSummary.extend({
  description: z.string(),
  impact: z.string(),
  product: z.string().nullable(),
  subProduct: z.string().nullable().describe("Optional, one of the product's sub-products"),
  plan: z.string().nullable(),
  brand: z.string(),
  customer: z.object({ id: z.string(), name: z.string(), ...timeZoned }).nullable(),
  contact: z
    .object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      ...timeZoned,
    })
    .nullable(),
  secondaryOwner: person,
  pinned: z.boolean(),
  pinnedUntil: z.string().nullable(),
  parentCaseNumber: z.number().nullable(),
  parent: z
    .object({ number: z.number(), subject: z.string() })
    .nullable()
    .describe("The case this one was opened from"),
  children: z
    .array(z.object({ number: z.number(), subject: z.string(), status: z.string(), owner: person }))
    .describe("The cases opened from this one, oldest first"),
  origin: z
    .object({
      task: z.number().describe("The task number (T-…)"),
      title: z.string(),
      project: z.object({ code: z.string(), name: z.string() }),
      manager: z.object({ id: z.string(), name: z.string() }),
    })
    .nullable()
    .describe("The project task whose roadblock this case is"),
  partnerTicket: z.string().nullable(),
  trackerUrl: z.string().nullable().describe("The issue in the team's tracker"),
  development: z
    .object({
      stage: z.object({ code: z.string(), name: z.string() }),
      since: z.string(),
      enteredAt: z.string(),
      supportOwner: z
        .object({ id: z.string(), name: z.string() })
        .nullable()
        .describe("Who stays the customer's owner while development works"),
      active: z.boolean().describe("The case is in a development queue now"),
      stages: z.array(z.object({ code: z.string(), name: z.string(), tellCustomer: z.boolean() })),
      maySetStage: z.boolean().describe("Whether I may move it to another stage"),
      history: z
        .array(
          z.object({
            at: z.string(),
            stage: z.object({ code: z.string(), name: z.string() }),
            by: z.string().describe("Who moved it: a person's name, or the tracker"),
            note: z.string().nullable(),
          }),
        )
        .describe("The stages the case went through in development, oldest first"),
      version: z.number(),
    })
    .nullable()
    .describe("Development's work on the case (shared ownership), once it went to development"),
  incidentId: z.string().nullable(),
  stepsToReproduce: z.string(),
  nextContactAt: z.string().nullable().describe("Next customer contact, UTC"),
  sla: z.object({
    firstResponseDueAt: z.string().nullable(),
    nextUpdateDueAt: z.string().nullable(),
    idleSince: z.string(),
    calendar: z.string().describe('Whose hours count: "around the clock", "EMEA business hours"'),
    dueAt: z.string().nullable().describe("The soonest deadline while the clocks run"),
    paused: z.boolean(),
    pausedSince: z.string().nullable(),
    customerWaitingSince: z
      .string()
      .nullable()
      .describe("The customer wrote and no agent has replied in public since"),
    clocks: z.array(
      z.object({
        clock: z.enum(CLOCK_NAMES),
        state: z.enum(CLOCK_STATES),
        dueAt: z.string().nullable(),
        since: z.string().nullable(),
        metAt: z.string().nullable(),
      }),
    ),
    targets: z.object({
      firstResponseMinutes: z.number().nullable(),
      nextUpdateMinutes: z.number().nullable(),
      resolutionMinutes: z.number().nullable(),
      idleLimitMinutes: z.number().nullable(),
      warnBeforeMinutes: z.number(),
    }),
  }),
  handoffCount: z.number(),
  assignment: z
    .object({
      method: z.string().describe("round_robin, least_loaded or skills"),
      trigger: z
        .string()
        .describe("created, transferred, agent_available, return_timer, pulled, sweep"),
      at: z.string(),
      agent: z.object({ id: z.string(), name: z.string() }),
      matched: z.array(z.string()).nullable().describe("Skills routing: the criteria matched"),
      considered: z.array(
        z.object({
          agentId: z.string(),
          name: z.string(),
          passed: z.string().nullable().describe("Why not this agent; null for the one chosen"),
        }),
      ),
    })
    .nullable()
    .describe("The latest automatic assignment and why that agent"),
  createdAt: z.string(),
  allowed: z.array(z.string()).describe("Actions this caller may take on the case"),
  reassign: z
    .object({
      direct: z.boolean().describe("May change owner and queue by editing the case"),
      takeFromQueue: z.boolean().describe("May take the unowned case for themselves"),
      why: z
        .string()
        .nullable()
        .describe("Why owner and queue change only through a transfer, in English"),
      roles: z
        .array(z.string())
        .describe(
          "The policy's names of the roles that may change owner and queue directly, when direct is false",
        ),
    })
    .describe("Whether hand-offs outside a transfer are allowed here (policy directAssignment)"),
  newCase: z
    .object({
      allowed: z.boolean().describe("May open a new case from this one"),
      needsApproval: z
        .boolean()
        .describe("It waits for the shift lead's approval (policy childCases)"),
    })
    .describe("New case from this one: a second issue, or a new issue on an old case"),
});

const changeSide = z.object({
  value: z.unknown().describe("As stored: an id, a code, a date or text"),
  text: z.string().describe("As a person reads it: a name or the policy's label"),
});

/** One changed field, with both sides in words (names, queue and region labels). */
export const changeItem = z.object({
  field: z.string(),
  label: z.string(),
  from: changeSide,
  to: changeSide,
  long: z.boolean().describe("Long text: shown as changed, not quoted"),
});

/** A sentence as a code and its values, beside the English, for a page in the reader's language. */
export const saidSchema = z.object({
  code: z.string(),
  values: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .describe("Names and labels as written, counts, ISO times and codes; never English prose"),
});

export const timelineItem = z.object({
  id: z.number(),
  kind: z.string(),
  visibility: z.string(),
  body: z.string().describe("The text; a system line names people and labels, never ids"),
  changes: z.array(changeItem).nullable().describe("For a system line that changed fields"),
  line: saidSchema
    .nullable()
    .describe(
      "A system line as a code and its values (docs/api.md, Sentences in the reader's language); null for other kinds, lines told by `changes` and lines written before codes existed",
    ),
  author: person,
  mentions: z.array(z.object({ id: z.string(), name: z.string() })),
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});

export const auditItem = z.object({
  id: z.number(),
  action: z.string(),
  actor: person,
  summary: z.string().describe("The event in words, with names and the policy's labels"),
  because: saidSchema.describe(
    "The summary as a code and its values, for a page in the reader's language (docs/api.md, Sentences in the reader's language)",
  ),
  changes: z.array(changeItem).nullable(),
  subjectType: z.string(),
  subjectId: z.string(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export type CaseSummary = z.infer<typeof caseSummary>;
export type CaseListItem = z.infer<typeof caseListItem>;
export type SearchMatch = z.infer<typeof searchMatch>;
export type CaseDetail = z.infer<typeof caseDetail>;
export type TimelineItem = z.infer<typeof timelineItem>;
export type AuditItem = z.infer<typeof auditItem>;
export type ChangeItem = z.infer<typeof changeItem>;
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What `POST /cases/bulk` answers: per case, changed or why not. */
export const bulkUpdateResult = bulkResult({});

export type BulkUpdateResult = z.infer<typeof bulkUpdateResult>;
