import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { diffPolicyVersions } from "../../commands/policies/diffPolicyVersions.ts";
import { getPolicyVersion } from "../../commands/policies/getPolicyVersion.ts";
import { listPolicyVersions } from "../../commands/policies/listPolicyVersions.ts";
import { previewPolicy, previewPolicyInput } from "../../commands/policies/previewPolicy.ts";
import { replacePolicy, replacePolicyInput } from "../../commands/policies/replacePolicy.ts";
import { rollbackPolicy, rollbackPolicyInput } from "../../commands/policies/rollbackPolicy.ts";
import { listWorkspaceAudit } from "../../commands/workspaces/listWorkspaceAudit.ts";
import { slug } from "../../domain/text.ts";
import { requireActor } from "../context.ts";
import {
  policyDiffAnswer,
  policyPreview,
  policyPublished,
  policyVersionDetail,
  policyVersionList,
  workspaceAuditPage,
} from "./policy-schemas.ts";

const tags = ["workspaces"];
const params = z.strictObject({ workspace: slug });
const versionNumber = z.coerce.number().int().min(1).max(2_147_483_647);

export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;

  app.put(
    "/workspaces/:workspace/policy",
    {
      schema: {
        operationId: "replacePolicy",
        tags,
        summary: "Replace the whole policy (admins; also how a file is imported): a new version",
        params,
        body: replacePolicyInput,
        response: { 200: policyPublished },
      },
    },
    async (request) =>
      replacePolicy(db(), requireActor(request), request.params.workspace, request.body),
  );

  app.post(
    "/workspaces/:workspace/policy/preview",
    {
      schema: {
        operationId: "previewPolicy",
        tags,
        summary: "Check a policy document and list what saving it would change; stores nothing",
        params,
        body: previewPolicyInput,
        response: { 200: policyPreview },
      },
    },
    async (request) =>
      previewPolicy(db(), requireActor(request), request.params.workspace, request.body),
  );

  app.post(
    "/workspaces/:workspace/policy/rollback",
    {
      schema: {
        operationId: "rollbackPolicy",
        tags,
        summary: "Restore an earlier version (admins): its document becomes a new version",
        params,
        body: rollbackPolicyInput,
        response: { 200: policyPublished },
      },
    },
    async (request) =>
      rollbackPolicy(db(), requireActor(request), request.params.workspace, request.body),
  );

  app.get(
    "/workspaces/:workspace/policy/versions",
    {
      schema: {
        operationId: "listPolicyVersions",
        tags,
        summary: "The policy's versions, newest first: who, when, what they said (admins)",
        params,
        querystring: z.strictObject({
          before: versionNumber.optional().describe("Versions older than this one"),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: policyVersionList },
      },
    },
    async (request) =>
      listPolicyVersions(db(), requireActor(request), request.params.workspace, request.query),
  );

  app.get(
    "/workspaces/:workspace/policy/versions/:version",
    {
      schema: {
        operationId: "getPolicyVersion",
        tags,
        summary: "One version's document as stored: the export (admins)",
        params: params.extend({ version: versionNumber }),
        response: { 200: policyVersionDetail },
      },
    },
    async (request) =>
      getPolicyVersion(
        db(),
        requireActor(request),
        request.params.workspace,
        request.params.version,
      ),
  );

  app.get(
    "/workspaces/:workspace/policy/diff",
    {
      schema: {
        operationId: "diffPolicyVersions",
        tags,
        summary: "What changed between two versions, by path (admins)",
        params,
        querystring: z.strictObject({
          from: versionNumber,
          to: versionNumber.optional().describe("Default: the current version"),
        }),
        response: { 200: policyDiffAnswer },
      },
    },
    async (request) =>
      diffPolicyVersions(db(), requireActor(request), request.params.workspace, request.query),
  );

  app.get(
    "/workspaces/:workspace/audit",
    {
      schema: {
        operationId: "getWorkspaceAuditLog",
        tags,
        summary: "The workspace's audit trail, newest first: policy versions, people (admins)",
        params,
        querystring: z.strictObject({
          before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          cases: z
            .enum(["include", "exclude"])
            .default("exclude")
            .describe("Also every case's events"),
        }),
        response: { 200: workspaceAuditPage },
      },
    },
    async (request) =>
      listWorkspaceAudit(db(), requireActor(request), request.params.workspace, request.query),
  );
};
