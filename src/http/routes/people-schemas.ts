import { z } from "zod";

// What the people routes answer; the web app's types are these.

export const personView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  roleName: z.string(),
  region: z.string().nullable(),
  queues: z.array(z.string()),
  active: z.boolean().describe("False once deactivated: cannot sign in"),
  deactivatedAt: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  openCases: z.number().describe("Open cases they own or co-own in this workspace"),
  version: z.number().describe("Send it back with a change; a stale one answers 409"),
  you: z.boolean(),
});

export const invitationView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.string(),
  roleName: z.string(),
  state: z.enum(["pending", "accepted", "revoked", "expired"]),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  version: z.number(),
});

export const peopleList = z.object({
  workspace: z.string(),
  roles: z.array(z.object({ id: z.string(), name: z.string() })),
  people: z.array(personView),
  invitations: z.array(invitationView),
});

export const invitationSent = z.object({
  invitation: invitationView,
  link: z.string().describe("The link mailed to them, to hand over another way if mail fails"),
});

export const openCaseView = z.object({
  number: z.number(),
  subject: z.string(),
  workspace: z.string(),
  role: z.enum(["owner", "secondary"]),
});

export const deactivated = z.object({
  person: personView,
  openCases: z.array(openCaseView).describe("Cases they still hold, to hand off"),
});

export const removed = z.object({
  removed: z.string(),
  openCases: z.array(openCaseView).describe("Cases they still hold here, to hand off"),
});

export const invitationOffer = z.object({
  email: z.string(),
  name: z.string().nullable(),
  workspace: z.object({ slug: z.string(), name: z.string() }),
  role: z.string(),
  roleName: z.string(),
  expiresAt: z.string(),
  accountExists: z.boolean().describe("Sign in with the existing account to join"),
});

export const invitationAccepted = z.object({
  workspace: z.string(),
  newAccount: z.boolean(),
  signedIn: z.boolean().describe("A new account is signed in at once (the cookie is set)"),
});

export type PersonView = z.infer<typeof personView>;
export type InvitationView = z.infer<typeof invitationView>;
export type PeopleList = z.infer<typeof peopleList>;
export type InvitationSent = z.infer<typeof invitationSent>;
export type Deactivated = z.infer<typeof deactivated>;
export type Removed = z.infer<typeof removed>;
export type OpenCaseView = z.infer<typeof openCaseView>;
export type InvitationOffer = z.infer<typeof invitationOffer>;
export type InvitationAccepted = z.infer<typeof invitationAccepted>;
