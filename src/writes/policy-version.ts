import type { Db } from "../db/client.ts";
import { policies } from "../db/schema.ts";
import { conflict, DomainError, type FieldIssue } from "../domain/errors.ts";
import { changeRecord, type PolicyChange, policyDiff } from "../domain/policy/diff.ts";
import { parsePolicy } from "../domain/policy/parse.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { inUseIssues, lockoutIssues, removedCodes } from "../domain/policy/versions.ts";
import { openUse } from "../loaders/policy-usage.ts";
import type { WorkspaceWithPolicy } from "../loaders/workspaces.ts";
import { emit } from "./emit.ts";

export interface PublishedPolicy {
  workspace: string;
  version: number;
  changed: boolean;
  changes: PolicyChange[];
}

/** A document refused as a policy: every problem named by its field under `policy.`. */
export function invalidPolicy(issues: readonly FieldIssue[], prefix = "policy."): DomainError {
  const named = issues.map((i) => ({
    field: i.field.startsWith(prefix) ? i.field : `${prefix}${i.field}`,
    message: i.message,
  }));
  return new DomainError(
    "rule",
    "invalid_policy",
    named.length === 1
      ? `${named[0]?.field}: ${named[0]?.message}`
      : "The policy would not be valid",
    { issues: named },
  );
}

/** The version the client read must still be the newest; else 409 and nothing is written. */
export function checkPolicyVersion(ws: WorkspaceWithPolicy, sent: number | undefined): void {
  if (sent !== undefined && ws.policyVersion !== sent)
    throw conflict(
      `The policy changed meanwhile (version ${ws.policyVersion}, you sent ${sent}); reload and try again`,
      { currentVersion: ws.policyVersion },
    );
}

/** A document as the next policy: valid under today's schema, or 422 naming each field. */
export function policyFrom(document: unknown): Policy {
  const parsed = parsePolicy(document);
  if (!parsed.ok) throw invalidPolicy(parsed.issues);
  return parsed.policy;
}

/**
 * Writes `next` as the workspace's next policy version, inside the caller's transaction with the
 * workspace locked (lockedWorkspacePolicy). The same document again writes nothing. A version
 * that removes what open cases, transfers or members still use is refused: those cases were
 * made under the older version and must stay readable, editable and transferable.
 */
export async function publishPolicyVersion(
  tx: Db,
  ws: WorkspaceWithPolicy,
  next: Policy,
  by: { actorId: string | null; summary: string | null; restoredFrom?: number },
): Promise<PublishedPolicy> {
  const changes = policyDiff(ws.policy, next);
  if (changes.length === 0)
    return { workspace: ws.slug, version: ws.policyVersion, changed: false, changes };
  const issues = [
    ...lockoutIssues(next),
    ...inUseIssues(await openUse(tx, ws.id, removedCodes(ws.policy, next))),
  ];
  if (issues.length) throw invalidPolicy(issues);
  const version = ws.policyVersion + 1;
  const [row] = await tx
    .insert(policies)
    .values({
      workspaceId: ws.id,
      version,
      document: next,
      createdBy: by.actorId,
      summary: by.summary,
      restoredFrom: by.restoredFrom ?? null,
    })
    .returning({ id: policies.id });
  if (!row) throw new Error("policy insert returned nothing");
  await emit(tx, {
    name: "policy.published",
    actorId: by.actorId,
    workspaceId: ws.id,
    subjectId: row.id,
    data: {
      version,
      previousVersion: ws.policyVersion,
      changes: changeRecord(changes),
      changeCount: changes.length,
      summary: by.summary,
      restoredFrom: by.restoredFrom ?? null,
    },
  });
  return { workspace: ws.slug, version, changed: true, changes };
}
