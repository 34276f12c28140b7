import { z } from "zod";
import { addUser } from "../commands/accounts/addUser.ts";
import { createToken } from "../commands/accounts/createToken.ts";
import { listTokens } from "../commands/accounts/listTokens.ts";
import { resetPassword } from "../commands/accounts/resetPassword.ts";
import { revokeToken } from "../commands/accounts/revokeToken.ts";
import { refreshAnalytics } from "../commands/analytics/refreshAnalytics.ts";
import { changeRole } from "../commands/people/changeRole.ts";
import { deactivatePerson } from "../commands/people/deactivatePerson.ts";
import { invitePerson } from "../commands/people/invitePerson.ts";
import { listPeople } from "../commands/people/listPeople.ts";
import { reactivatePerson } from "../commands/people/reactivatePerson.ts";
import { removeMember } from "../commands/people/removeMember.ts";
import { getPolicyVersion } from "../commands/policies/getPolicyVersion.ts";
import { listPolicyVersions } from "../commands/policies/listPolicyVersions.ts";
import { replacePolicy } from "../commands/policies/replacePolicy.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import { generateVolume } from "../demo/generate.ts";
import { generateHistory } from "../demo/history.ts";
import { seedDemo } from "../demo/seed.ts";
import { DomainError, notFound } from "../domain/errors.ts";
import { issuesFrom } from "../domain/policy/parse.ts";
import type { Progress } from "../domain/progress.ts";
import { operator, personByEmail } from "./operator.ts";

// Operations the CLI runs on the database: directly when it may open it, or through the running
// server's control channel when that server owns the PGlite folder. One definition serves both.
const schemas = {
  migrate: z.strictObject({}),
  "seed-demo": z.strictObject({}),
  "user-add": z.strictObject({
    email: z.string(),
    name: z.string(),
    role: z.string(),
    workspace: z.string(),
    password: z.string().optional(),
    timeZone: z.string().optional(),
    region: z.string().optional(),
  }),
  "token-create": z.strictObject({
    email: z.string(),
    name: z.string().default("cli"),
    scope: z.enum(["read", "full"]).default("full"),
    days: z.number().int().optional(),
  }),
  "token-list": z.strictObject({ email: z.string().optional(), workspace: z.string().optional() }),
  "token-revoke": z.strictObject({ id: z.string() }),
  "user-reset-password": z.strictObject({
    email: z.string(),
    password: z.string().optional(),
    keepTokens: z.boolean().default(false),
  }),
  "user-list": z.strictObject({ workspace: z.string() }),
  "user-invite": z.strictObject({
    workspace: z.string(),
    email: z.string(),
    role: z.string(),
    name: z.string().optional(),
  }),
  "user-role": z.strictObject({ workspace: z.string(), email: z.string(), role: z.string() }),
  "user-deactivate": z.strictObject({ email: z.string() }),
  "user-reactivate": z.strictObject({ email: z.string() }),
  "user-remove": z.strictObject({ workspace: z.string(), email: z.string() }),
  "policy-import": z.strictObject({
    workspace: z.string(),
    policy: z.record(z.string(), z.unknown()),
    summary: z.string().optional(),
    version: z.number().int().positive().optional(),
  }),
  "policy-export": z.strictObject({
    workspace: z.string(),
    version: z.number().int().positive().optional(),
  }),
  "policy-history": z.strictObject({
    workspace: z.string(),
    limit: z.number().int().min(1).max(200).default(50),
  }),
  "analytics-refresh": z.strictObject({ full: z.boolean().default(false) }),
  generate: z.strictObject({
    workspace: z.string(),
    cases: z.number().int().min(0).max(10_000_000),
    agents: z.number().int().min(0).max(100_000),
  }),
  "generate-history": z.strictObject({
    workspace: z.string(),
    weeks: z.number().int().min(1).max(104).default(6),
    casesPerWeek: z.number().int().min(1).max(5_000).default(20),
    seed: z.number().int().default(1),
  }),
};

export type OperationName = keyof typeof schemas;
export const OPERATION_NAMES = Object.keys(schemas) as OperationName[];

export async function runOperation(
  database: Database,
  name: OperationName,
  rawArgs: unknown,
  config: Pick<Config, "tokens" | "invitationDays" | "publicUrl" | "host" | "port">,
  onProgress?: Progress,
): Promise<unknown> {
  const parsed = schemas[name].safeParse(rawArgs ?? {});
  if (!parsed.success)
    throw new DomainError("validation", "invalid_input", "Invalid arguments", {
      issues: issuesFrom(parsed.error),
    });
  const db = database.db;
  switch (name) {
    case "migrate":
      await database.migrate(onProgress);
      return { migrated: true };
    case "seed-demo":
      return seedDemo(db, onProgress ? { onProgress } : {});
    case "user-add": {
      const a = schemas["user-add"].parse(rawArgs);
      return addUser(
        db,
        {
          email: a.email,
          name: a.name,
          role: a.role,
          workspaceSlug: a.workspace,
          ...(a.password !== undefined ? { password: a.password } : {}),
          ...(a.timeZone !== undefined ? { timeZone: a.timeZone } : {}),
          ...(a.region !== undefined ? { region: a.region } : {}),
        },
        null,
      );
    }
    case "token-create": {
      const a = schemas["token-create"].parse(rawArgs);
      return createToken(db, {
        email: a.email,
        name: a.name,
        scope: a.scope,
        ...(a.days !== undefined ? { days: a.days } : {}),
        lifetime: config.tokens,
      });
    }
    case "token-list": {
      const a = schemas["token-list"].parse(rawArgs);
      return listTokens(db, a);
    }
    case "token-revoke": {
      const a = schemas["token-revoke"].parse(rawArgs);
      const revoked = await revokeToken(db, { tokenId: a.id, actorId: null, by: "operator" });
      if (!revoked) throw notFound(`Token ${a.id} (or it has already ended)`);
      return { revoked: a.id };
    }
    case "user-reset-password": {
      const a = schemas["user-reset-password"].parse(rawArgs);
      return resetPassword(db, {
        email: a.email,
        keepTokens: a.keepTokens,
        ...(a.password !== undefined ? { password: a.password } : {}),
      });
    }
    // The operator holds the database: no member's rights are checked, the rules of the
    // policy are, and the change is audited like an admin's (with no one named).
    case "policy-import": {
      const a = schemas["policy-import"].parse(rawArgs);
      return replacePolicy(db, null, a.workspace, {
        policy: a.policy,
        ...(a.summary !== undefined ? { summary: a.summary } : {}),
        ...(a.version !== undefined ? { version: a.version } : {}),
      });
    }
    case "policy-export": {
      const a = schemas["policy-export"].parse(rawArgs);
      return (await getPolicyVersion(db, null, a.workspace, a.version)).document;
    }
    case "policy-history": {
      const a = schemas["policy-history"].parse(rawArgs);
      return listPolicyVersions(db, null, a.workspace, { limit: a.limit });
    }
    case "user-list": {
      const a = schemas["user-list"].parse(rawArgs);
      return listPeople(db, await operator(db), a.workspace);
    }
    case "user-invite": {
      const a = schemas["user-invite"].parse(rawArgs);
      return invitePerson(
        db,
        await operator(db),
        a.workspace,
        { email: a.email, role: a.role, ...(a.name ? { name: a.name } : {}) },
        {
          baseUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
          days: config.invitationDays,
        },
      );
    }
    case "user-role": {
      const a = schemas["user-role"].parse(rawArgs);
      const p = await personByEmail(db, a.email);
      return changeRole(db, await operator(db), a.workspace, p.id, {
        role: a.role,
        version: p.version,
      });
    }
    case "user-deactivate": {
      const a = schemas["user-deactivate"].parse(rawArgs);
      const p = await personByEmail(db, a.email);
      if (!p.anyWorkspace) throw notFound(`${a.email} in any workspace`);
      return deactivatePerson(db, await operator(db), p.anyWorkspace, p.id, { version: p.version });
    }
    case "user-reactivate": {
      const a = schemas["user-reactivate"].parse(rawArgs);
      const p = await personByEmail(db, a.email);
      if (!p.anyWorkspace) throw notFound(`${a.email} in any workspace`);
      return reactivatePerson(db, await operator(db), p.anyWorkspace, p.id, { version: p.version });
    }
    case "user-remove": {
      const a = schemas["user-remove"].parse(rawArgs);
      const p = await personByEmail(db, a.email);
      return removeMember(db, await operator(db), a.workspace, p.id, { version: p.version });
    }
    case "analytics-refresh": {
      const a = schemas["analytics-refresh"].parse(rawArgs);
      return refreshAnalytics(db, { full: a.full, ...(onProgress ? { onProgress } : {}) });
    }
    case "generate": {
      const a = schemas.generate.parse(rawArgs);
      return generateVolume(db, {
        workspaceSlug: a.workspace,
        cases: a.cases,
        agents: a.agents,
        ...(onProgress ? { onProgress } : {}),
      });
    }
    case "generate-history": {
      const a = schemas["generate-history"].parse(rawArgs);
      return generateHistory(db, {
        workspaceSlug: a.workspace,
        weeks: a.weeks,
        casesPerWeek: a.casesPerWeek,
        seed: a.seed,
        ...(onProgress ? { onProgress } : {}),
      });
    }
  }
}

export const isOperation = (name: string): name is OperationName =>
  (OPERATION_NAMES as string[]).includes(name);
