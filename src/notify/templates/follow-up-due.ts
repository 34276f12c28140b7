import { caseValues } from "./format.ts";
import type { TemplateTopic } from "./topic.ts";

/** The project manager is asked to schedule a follow-up once a roadblock's case resolved (S2.4). */
export interface FollowUpDueFacts {
  caseNumber: number;
  caseSubject: string;
  recipientName: string;
  projectName: string;
  /** The draft follow-up and the task it continues, as T-numbers. */
  followUp: string;
  follows: string;
  taskTitle: string;
  /** What finishing takes and by when, as the task recorded it. */
  estimate: string;
  link: string | null;
}

export const followUpDueTopic: TemplateTopic<FollowUpDueFacts> = {
  topic: "follow_up_due",
  audience: "team",
  title: "A roadblock's case is resolved: the project manager schedules the follow-up task",
  variables: {
    caseTag: 'The case tag that leads the subject, e.g. "[Case 100042]"',
    caseNumber: "The resolved case's number",
    caseSubject: "The resolved case's subject",
    recipientName: "The project manager's name",
    projectName: "The project's name",
    followUp: "The draft follow-up task, e.g. T-14",
    follows: "The task it continues, e.g. T-9",
    taskTitle: "The task's title",
    estimate: 'What finishing takes, e.g. "6 h, by 2027-01-29"',
    link: "The case's address in Baton; empty when no public URL is configured",
    linkLine: 'A line "Open the case: <link>"; empty without a link',
  },
  defaults: {
    en: {
      subject: "{{caseTag}} Resolved: schedule {{followUp}} ({{projectName}})",
      text: [
        "Hello {{recipientName}},",
        "",
        'Case {{caseNumber}}, "{{caseSubject}}", which stopped {{follows}} "{{taskTitle}}", is resolved.',
        "The follow-up {{followUp}} waits as a draft for you to schedule. Estimate to finish: {{estimate}}.",
        "",
        "{{linkLine}}",
      ].join("\n"),
    },
  },
  values(f) {
    return {
      ...caseValues(f),
      recipientName: f.recipientName,
      projectName: f.projectName,
      followUp: f.followUp,
      follows: f.follows,
      taskTitle: f.taskTitle,
      estimate: f.estimate,
    };
  },
  sample: {
    caseNumber: 100042,
    caseSubject: "Export drops the last row",
    recipientName: "Pia Manager",
    projectName: "Northwind reporting rollout",
    followUp: "T-14",
    follows: "T-9",
    taskTitle: "Configure the shipments report",
    estimate: "6 h, by 2027-01-29",
    link: "https://baton.example.com/cases/100042",
  },
};
