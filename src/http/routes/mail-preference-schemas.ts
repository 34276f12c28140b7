import { z } from "zod";

const topicChoice = z.object({
  topic: z.string().describe("The delivery topic, e.g. owner_briefing"),
  title: z.string().describe("What its mail is about, in one line"),
  on: z.boolean().describe("The person gets it by email"),
});

export const mailPreferences = z
  .object({
    workspace: z.string(),
    name: z.string(),
    version: z.number().int().describe("Send it back to change them; 0 while never chosen"),
    topics: z.array(topicChoice),
  })
  .meta({ id: "MailPreferences", description: "My team mail in one workspace, topic by topic" });

export const mailPreferenceList = z
  .object({ items: z.array(mailPreferences) })
  .meta({ id: "MailPreferenceList", description: "My team mail in each of my workspaces" });

export const unsubscribeLinkAnswer = z
  .object({
    workspace: z.string(),
    workspaceName: z.string(),
    topic: z.string(),
    title: z.string(),
    unsubscribed: z.boolean().describe("The link's person no longer gets this topic by email"),
  })
  .meta({ id: "UnsubscribeLink", description: "What a team message's unsubscribe link is for" });

export type MailPreferences = z.infer<typeof mailPreferences>;
export type MailPreferenceList = z.infer<typeof mailPreferenceList>;
export type UnsubscribeLinkAnswer = z.infer<typeof unsubscribeLinkAnswer>;
