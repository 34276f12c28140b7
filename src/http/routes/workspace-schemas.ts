import { z } from "zod";

export const viewerSchema = z
  .object({
    role: z.string().nullable(),
    transfer: z.boolean().describe("May transfer cases here"),
    transferRefusal: z.string().nullable().describe("Why not, when transfer is false"),
    assign: z.boolean().describe("May pick who takes a case"),
    bulkEdit: z
      .object({
        fields: z
          .boolean()
          .describe("May change status (close), severity and priority of selected cases"),
        owner: z
          .boolean()
          .describe("May also set their owner: assign permission and direct assignment allowed"),
      })
      .describe("What a bulk edit of a list's selection may change; each case is still checked"),
    approveTransfers: z.boolean().describe("Approves some transfer kind (the approvals inbox)"),
    manageWorkspace: z.boolean().describe("Manages the policy, templates, integrations, mailbox"),
    managePeople: z
      .boolean()
      .describe("Manages the workspace's people: invitations, roles, deactivation, API tokens"),
    reviewInbound: z.boolean().describe("Reviews held inbound mail"),
    readAudit: z.boolean().describe("Reads cases' audit logs"),
    handoffSheet: z.boolean().describe("Reads the hand-off sheet"),
    readReports: z.boolean().describe("Reads the workspace's reports, such as project volume"),
    readAnalytics: z
      .boolean()
      .describe("Opens the handoff analytics; the answer's scope says whose handoffs it covers"),
    manageProjects: z
      .boolean()
      .describe("Runs the workspace's projects: creates projects and tasks, schedules follow-ups"),
    shareViews: z
      .boolean()
      .describe("May share saved views with a queue or the workspace and change shared ones"),
    pullNext: z.boolean().describe('May take the next waiting case ("next case for me")'),
  })
  .describe("What the caller may do in this workspace; the web app shows only that");

export const featuresSchema = z
  .object({
    followTheSun: z
      .boolean()
      .describe(
        "Follow the sun is in use: handoff board, handover meetings, next-holder suggestions",
      ),
  })
  .describe("What parts of Baton this workspace's policy uses");

/** GET /workspaces/{ws}/policy. The policy itself is the domain's type (src/domain/policy). */
export const policyAnswer = z.object({
  workspace: z.string(),
  version: z.number(),
  policy: z.record(z.string(), z.unknown()),
  viewer: viewerSchema,
  features: featuresSchema,
});

export type WorkspaceViewer = z.infer<typeof viewerSchema>;
export type WorkspaceFeatures = z.infer<typeof featuresSchema>;
