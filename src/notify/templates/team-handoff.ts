import type { TemplateTopic } from "./topic.ts";

export interface TeamHandoffItem {
  caseNumber: number;
  subject: string;
  /** Who holds the case now: an agent's name, or the queue. */
  owner: string;
  validated: string;
  next: string;
}

/** S4.5: the hand-off email to the whole team, listing the handed-off items. */
export interface TeamHandoffFacts {
  senderName: string;
  /** The team: the workspace's name. */
  team: string;
  recipientName: string | null;
  note: string | null;
  items: TeamHandoffItem[];
  /** Baton's public URL, for links to the cases; null when not configured. */
  baseUrl: string | null;
}

/** One block per case: the number and subject, then indented labelled lines. */
export function itemsTable(items: readonly TeamHandoffItem[], baseUrl: string | null): string {
  const indent = (text: string) => text.trim().replace(/\n\s*/g, "\n               ");
  return items
    .map((i) =>
      [
        `Case ${i.caseNumber} | ${i.subject}`,
        `  Owner now:   ${i.owner}`,
        `  Validated:   ${indent(i.validated) || "-"}`,
        `  Next:        ${indent(i.next) || "-"}`,
        ...(baseUrl ? [`  Link:        ${baseUrl}/cases/${i.caseNumber}`] : []),
      ].join("\n"),
    )
    .join("\n\n");
}

export const teamHandoffTopic: TemplateTopic<TeamHandoffFacts> = {
  topic: "team_handoff",
  audience: "team",
  title: "The hand-off email to the whole team",
  variables: {
    senderName: "Who sends the hand-off",
    team: "The team (the workspace's name)",
    greeting: 'A line "Hello <name>," for a named recipient, else "Hello team,"',
    count: "How many cases are handed off",
    cases: 'The number of cases in words, e.g. "3 cases"',
    note: "The sender's note; empty if none",
    items:
      "The list: per case its number and subject, the owner now, what was validated, what is next",
  },
  defaults: {
    en: {
      subject: "[{{team}}] Hand-off from {{senderName}}: {{cases}}",
      text: [
        "{{greeting}}",
        "",
        "{{senderName}} hands off {{cases}}; what was validated so far and what is next:",
        "",
        "{{note}}",
        "",
        "{{items}}",
      ].join("\n"),
    },
  },
  values(f) {
    return {
      senderName: f.senderName,
      team: f.team,
      greeting: f.recipientName ? `Hello ${f.recipientName},` : "Hello team,",
      count: String(f.items.length),
      cases: f.items.length === 1 ? "1 case" : `${f.items.length} cases`,
      note: f.note?.trim() ?? "",
      items: itemsTable(f.items, f.baseUrl),
    };
  },
  sample: {
    senderName: "Sam Lee",
    team: "Shift lead support",
    recipientName: null,
    note: "Out Thursday and Friday; Priya covers my queue.",
    items: [
      {
        caseNumber: 100042,
        subject: "Label printer offline in the Duisburg hub",
        owner: "Priya Nair",
        validated: "Firmware 4.2 confirmed; network is fine",
        next: "Roll back one unit and call the customer at 10:00 CET",
      },
      {
        caseNumber: 100057,
        subject: "Invoice export times out",
        owner: "Level 1 (queue)",
        validated: "Reproduced with 10k rows",
        next: "Wait for the customer's sample file",
      },
    ],
    baseUrl: "https://baton.example.com",
  },
};
