import multipart, { type MultipartFile } from "@fastify/multipart";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { listCaseAttachments } from "../../commands/attachments/listCaseAttachments.ts";
import { readAttachment } from "../../commands/attachments/readAttachment.ts";
import { uploadAttachment } from "../../commands/attachments/uploadAttachment.ts";
import { openFileStore } from "../../db/file-store.ts";
import { invalid, tooLarge } from "../../domain/errors.ts";
import { contentDisposition, FILE_CSP } from "../../presenters/attachments.ts";
import { requireActor } from "../context.ts";
import { attachmentItem, caseAttachmentList } from "./attachment-schemas.ts";
import { caseNumberParams } from "./params.ts";

const tags = ["attachments"];
const NO_FILE = "is missing: send it as multipart/form-data, in a part named file";
const idParams = z.strictObject({ id: z.uuid("must be an attachment id") });

const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = () => app.baton.database.db;
  const { limits, s3 } = app.baton.config.attachments;
  const store = openFileStore(s3);
  // Only these routes take multipart bodies; one file per request, cut off past the limit.
  await app.register(multipart, {
    limits: { fileSize: limits.maxBytes, files: 1, fields: 5, parts: 6, fieldNameSize: 100 },
  });

  /** The one file of the request, read whole within the limit, in Baton's words when not. */
  const readFile = async (part: MultipartFile | undefined) => {
    if (part?.fieldname !== "file") throw invalid("file", NO_FILE);
    try {
      return await part.toBuffer();
    } catch (error) {
      if (error instanceof app.multipartErrors.RequestFileTooLargeError)
        throw tooLarge("file", `is larger than the ${mb(limits.maxBytes)} a file may be`);
      throw invalid("file", "could not be read from the multipart body");
    }
  };

  app.post(
    "/cases/:number/attachments",
    {
      schema: {
        operationId: "uploadAttachment",
        tags,
        summary:
          "Upload a file to a case (multipart/form-data, part `file`); put it on a note with " +
          "the note's attachmentIds",
        params: caseNumberParams,
        consumes: ["multipart/form-data"],
        response: { 201: attachmentItem },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw invalid("file", NO_FILE);
      let part: MultipartFile | undefined;
      try {
        part = await request.file();
      } catch {
        throw invalid("file", "could not be read from the multipart body");
      }
      const bytes = await readFile(part);
      const made = await uploadAttachment(
        db(),
        store,
        actor,
        request.params.number,
        { filename: part?.filename ?? "", declaredType: part?.mimetype ?? "", bytes },
        limits,
      );
      reply.header("location", made.url);
      return reply.code(201).send(made);
    },
  );

  app.get(
    "/cases/:number/attachments",
    {
      schema: {
        operationId: "listCaseAttachments",
        tags,
        summary: "A case's files, oldest first, and whether I may upload (anyone who may read it)",
        params: caseNumberParams,
        response: { 200: caseAttachmentList },
      },
    },
    async (request) =>
      listCaseAttachments(db(), requireActor(request), request.params.number, limits),
  );

  const send = (reply: FastifyReply, file: Awaited<ReturnType<typeof readAttachment>>) =>
    reply
      .header("content-type", file.contentType)
      .header("content-disposition", contentDisposition(file.filename, file.inline))
      .header("x-content-type-options", "nosniff")
      .header("content-security-policy", FILE_CSP)
      .header("cache-control", "private, no-store")
      .header("digest", `sha-256=${Buffer.from(file.sha256, "hex").toString("base64")}`)
      .send(file.content);

  app.get(
    "/attachments/:id",
    {
      schema: {
        operationId: "downloadAttachment",
        tags,
        summary: "Download a file of a case (anyone who may read the case)",
        produces: ["application/octet-stream"],
        params: idParams,
      },
    },
    async (request, reply) =>
      send(reply, await readAttachment(db(), store, requireActor(request), request.params.id)),
  );

  app.get(
    "/attachments/:id/preview",
    {
      schema: {
        operationId: "previewAttachment",
        tags,
        summary: "A raster image of a case shown inline, for a preview; other files have none",
        produces: ["application/octet-stream"],
        params: idParams,
      },
    },
    async (request, reply) =>
      send(
        reply,
        await readAttachment(db(), store, requireActor(request), request.params.id, "preview"),
      ),
  );
};
