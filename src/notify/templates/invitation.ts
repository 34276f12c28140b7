import type { TemplateTopic } from "./topic.ts";

/** Someone is invited to join a workspace: the single-use link to set a password and join. */
export interface InvitationFacts {
  recipientName: string;
  workspaceName: string;
  role: string;
  inviterName: string;
  link: string;
  /** The day the link stops working, written for the reader. */
  expires: string;
}

export const invitationTopic: TemplateTopic<InvitationFacts> = {
  topic: "invitation",
  audience: "person",
  title: "An admin invites someone to the workspace: the link to join",
  variables: {
    recipientName: "The invited person's name, or their email when no name was given",
    workspaceName: "The workspace's name",
    role: 'The role they will have, e.g. "shift lead"',
    inviterName: "The admin who invited them",
    link: "The single-use link to join (it works once, until it expires)",
    expires: "When the link stops working",
  },
  defaults: {
    en: {
      subject: "You are invited to {{workspaceName}} on Baton",
      text: [
        "Hello {{recipientName}},",
        "",
        "{{inviterName}} invites you to {{workspaceName}} on Baton, as {{role}}.",
        "Open this link to choose your password and join:",
        "",
        "{{link}}",
        "",
        "The link works once and until {{expires}}. If you did not expect this, ignore it.",
      ].join("\n"),
    },
  },
  values(f) {
    return {
      recipientName: f.recipientName,
      workspaceName: f.workspaceName,
      role: f.role,
      inviterName: f.inviterName,
      link: f.link,
      expires: f.expires,
    };
  },
  sample: {
    recipientName: "Lena Fischer",
    workspaceName: "Follow the sun",
    role: "agent",
    inviterName: "Alex Admin",
    link: "https://baton.example.com/invite/XXXXXXXX",
    expires: "12 December 2026",
  },
};
