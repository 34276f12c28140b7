import { z } from "zod";
import { userByEmail } from "../../auth/load-actor.ts";
import { hashPassword, passwordProblem } from "../../auth/passwords.ts";
import type { Db } from "../../db/client.ts";
import { memberships, users } from "../../db/schema.ts";
import { DomainError, type FieldIssue, invalid } from "../../domain/errors.ts";
import { ROLE_IDS, type RoleId } from "../../domain/permissions.ts";
import { issuesFrom } from "../../domain/policy/parse.ts";
import type { Policy } from "../../domain/policy/schema.ts";
import { code, ianaZone, requiredLine, slug } from "../../domain/text.ts";
import { workspaceBySlug } from "../../loaders/workspaces.ts";
import { emit } from "../../writes/emit.ts";

export interface AddUserInput {
  email: string;
  name: string;
  role: string;
  workspaceSlug: string;
  /** Required when the email is new; an existing user keeps their password. */
  password?: string;
  /** Signs in through the identity provider only: a new account needs no password. */
  external?: boolean;
  timeZone?: string;
  region?: string;
  queues?: string[];
  skills?: string[];
  languages?: string[];
}

export interface AddUserResult {
  userId: string;
  workspaceId: string;
  /** False when the email already had an account and only the membership was added. */
  created: boolean;
}

/** The longest name a person may have, in UTF-16 units. */
export const NAME_MAX = 120;

const inputSchema = z.object({
  email: z.email("must be an email address").max(254),
  name: requiredLine(NAME_MAX),
  role: z.enum(ROLE_IDS, `must be one of ${ROLE_IDS.join(", ")}`),
  workspaceSlug: slug,
  password: z.string().optional(),
  external: z.boolean().default(false),
  timeZone: ianaZone.optional(),
  region: code.optional(),
  queues: z.array(code).max(100).default([]),
  skills: z.array(code).max(200).default([]),
  languages: z.array(z.string().max(35)).max(50).default([]),
});

type Valid = z.infer<typeof inputSchema>;

// The membership must name things the workspace's policy defines, or routing would ignore it.
function policyIssues(p: Policy, v: Valid): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const check = (field: string, values: readonly string[], known: Set<string>) => {
    for (const value of values)
      if (!known.has(value)) issues.push({ field, message: `${value} is not in this workspace` });
  };
  check("role", [v.role], new Set(p.roles.map((r) => r.id)));
  check("region", v.region ? [v.region] : [], new Set(p.regions.map((r) => r.code)));
  check("queues", v.queues, new Set(p.queues.map((q) => q.code)));
  check("skills", v.skills, new Set(p.products.map((x) => x.skill)));
  check("languages", v.languages, new Set(p.languages.map((l) => l.code)));
  return issues;
}

function invalidInput(issues: FieldIssue[]): DomainError {
  const message = issues.map((i) => `${i.field}: ${i.message}`).join("; ");
  return new DomainError("validation", "invalid_input", message, { issues });
}

/** Creates the user if the email is new (case-insensitively), then adds the membership. */
export async function addUser(
  db: Db,
  input: AddUserInput,
  actorId: string | null,
): Promise<AddUserResult> {
  const parsed = inputSchema.safeParse(input);
  if (!parsed.success) throw invalidInput(issuesFrom(parsed.error));
  const v = parsed.data;
  const ws = await workspaceBySlug(db, v.workspaceSlug);
  const issues = policyIssues(ws.policy, v);
  if (issues.length > 0) throw invalidInput(issues);
  const existing = await userByEmail(db, v.email);
  let passwordHash: string | undefined;
  if (!existing) {
    if (v.password === undefined && !v.external)
      throw invalid("password", "is required for a new user");
    if (v.password !== undefined) {
      const problem = await passwordProblem(v.password, [v.email, v.name]);
      if (problem) throw invalid("password", problem);
      passwordHash = await hashPassword(v.password);
    }
  }
  const role: RoleId = v.role;
  return db.transaction(async (tx) => {
    let userId = existing?.id;
    let created = false;
    if (!userId) {
      // Another process may create the same email meanwhile; its row then wins, as in a lookup.
      const [row] = await tx
        .insert(users)
        .values({ email: v.email, name: v.name, passwordHash, timeZone: v.timeZone ?? "UTC" })
        .onConflictDoNothing()
        .returning({ id: users.id });
      userId = row?.id ?? (await userByEmail(tx, v.email))?.id;
      if (!userId) throw new Error(`user ${v.email} neither inserted nor found`);
      created = row !== undefined;
      if (created)
        await emit(tx, {
          name: "user.created",
          actorId,
          workspaceId: ws.id,
          subjectId: userId,
          data: { email: v.email, name: v.name, timeZone: v.timeZone ?? "UTC" },
        });
    }
    const membership = {
      role,
      region: v.region ?? null,
      queues: v.queues,
      skills: v.skills,
      languages: v.languages,
    };
    const [added] = await tx
      .insert(memberships)
      .values({ userId, workspaceId: ws.id, ...membership })
      .onConflictDoNothing()
      .returning({ userId: memberships.userId });
    if (!added)
      throw new DomainError(
        "conflict",
        "already_member",
        `${v.email} is already a member of ${ws.slug}`,
      );
    await emit(tx, {
      name: "membership.added",
      actorId,
      workspaceId: ws.id,
      subjectId: userId,
      data: { workspace: ws.slug, ...membership },
    });
    return { userId, workspaceId: ws.id, created };
  });
}
