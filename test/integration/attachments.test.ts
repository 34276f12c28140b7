import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachments, auditEvents, cases } from "../../src/db/schema.ts";
import type {
  AttachmentItem,
  CaseAttachmentList,
} from "../../src/http/routes/attachment-schemas.ts";
import type { CaseDetail, Page, TimelineItem } from "../../src/http/routes/case-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { multipart, type Part, PNG } from "../support/multipart.ts";
import { ok } from "../support/ok.ts";
import { startS3, type TestS3 } from "../support/s3.ts";
import {
  buildAgent,
  buildWorkspace,
  type Problem,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

// Issue 14, S2.2: engineers attach screenshots and logs to a case and its notes.

const API = "/api/v1";
type Answer = AttachmentItem & Problem;

const upload = (a: TestAgent, number: number, file: Omit<Part, "name">, name = "file") => {
  const { body, headers } = multipart([{ name, ...file }]);
  return a.api.post<Answer>(`${API}/cases/${number}/attachments`, body, headers);
};

async function caseOf(world: World, preset: "regional-cse" = "regional-cse") {
  const ws = await buildWorkspace(world, preset);
  const ana = await buildAgent(world, ws.slug, "agent", { name: "Ana Agent" });
  const ben = await buildAgent(world, ws.slug, "agent", { name: "Ben Agent" });
  const kase = ok(
    await ana.api.post<CaseDetail>(`${API}/cases`, {
      workspace: ws.slug,
      subject: "Dashboard renders blank",
      severity: "normal",
    }),
    201,
  );
  return { ws, ana, ben, number: kase.number };
}

const rowsOf = async (world: World, number: number) =>
  (
    await world.database.db
      .select({ n: count() })
      .from(attachments)
      .innerJoin(cases, eq(cases.id, attachments.caseId))
      .where(eq(cases.number, number))
  )[0]?.n;

describe.each(databaseKinds)("attachments (%s)", (kind) => {
  let world: World;
  beforeAll(async () => {
    // 0.01 MB: the size refusal is tested without sending megabytes.
    world = await startWorld(kind, { BATON_ATTACHMENT_MAX_MB: "0.01" });
  });
  afterAll(() => world.dispose());

  it("stores an upload on the case, lists it, and puts it on the uploader's note", async () => {
    const { ana, number } = await caseOf(world);
    const made = ok(
      await upload(ana, number, { filename: "blank.png", type: "image/png", data: PNG }),
      201,
    );
    expect(made).toMatchObject({
      filename: "blank.png",
      contentType: "image/png",
      size: PNG.length,
      source: "upload",
      uploadedBy: { id: ana.userId, name: "Ana Agent" },
      noteId: null,
      url: `${API}/attachments/${made.id}`,
      previewUrl: `${API}/attachments/${made.id}/preview`,
    });
    const [audit] = await world.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, "case.attachment_added"), eq(auditEvents.subjectId, made.id)),
      );
    expect(audit?.data).toMatchObject({ number, filename: "blank.png", storage: "database" });

    const log = await upload(ana, number, {
      filename: "server.log",
      type: "application/octet-stream",
      data: "2026-01-01 ERROR renderer: canvas lost\n",
    });
    expect(ok(log, 201)).toMatchObject({ contentType: "text/plain", previewUrl: null });

    const note = ok(
      await ana.api.post<{ id: number }>(`${API}/cases/${number}/notes`, {
        body: "Screenshot of the blank dashboard",
        visibility: "private",
        attachmentIds: [made.id],
      }),
      201,
    );
    const timeline = ok(await ana.api.get<Page<TimelineItem>>(`${API}/cases/${number}/timeline`));
    const entry = timeline.items.find((i) => i.id === note.id);
    expect(entry?.data).toEqual({
      attachments: [
        { id: made.id, filename: "blank.png", contentType: "image/png", size: PNG.length },
      ],
    });
    const list = ok(await ana.api.get<CaseAttachmentList>(`${API}/cases/${number}/attachments`));
    expect(list.viewer).toMatchObject({ mayUpload: true, maxBytes: 10_486 });
    expect(list.items.map((i) => [i.filename, i.noteId])).toEqual([
      ["blank.png", note.id],
      ["server.log", null],
    ]);
    const [row] = await world.database.db
      .select({ version: attachments.version })
      .from(attachments)
      .where(eq(attachments.id, made.id));
    expect(row?.version).toBe(2);
    expect(await rowsOf(world, number)).toBe(2);
  });

  it("links only the author's own uploads that are on no note yet", async () => {
    const { ws, ana, ben, number } = await caseOf(world);
    const anas = ok(
      await upload(ana, number, { filename: "a.png", type: "image/png", data: PNG }),
      201,
    );
    const bens = await ben.api.post(`${API}/cases/${number}/notes`, {
      body: "Taking Ana's screenshot",
      visibility: "private",
      attachmentIds: [anas.id],
    });
    expect(bens.status).toBe(422);
    expect(bens.body.errors).toEqual([
      {
        field: "attachmentIds.0",
        message: "is not a file you uploaded to this case, or it is already on a note",
      },
    ]);
    ok(
      await ana.api.post(`${API}/cases/${number}/notes`, {
        body: "Mine",
        visibility: "private",
        attachmentIds: [anas.id],
      }),
      201,
    );
    const again = await ana.api.post(`${API}/cases/${number}/notes`, {
      body: "Mine again",
      visibility: "private",
      attachmentIds: [anas.id],
    });
    expect(again.status).toBe(422);
    // A refused note is not written: Ben's attempt and the second one left no note behind.
    const timeline = ok(await ana.api.get<Page<TimelineItem>>(`${API}/cases/${number}/timeline`));
    expect(timeline.items.filter((i) => i.kind === "note").map((i) => i.body)).toEqual(["Mine"]);

    // A file of another case cannot be put on this case's note either.
    const second = ok(
      await ana.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Another problem",
        severity: "normal",
      }),
      201,
    );
    const elsewhere = ok(
      await upload(ana, second.number, { filename: "b.png", type: "image/png", data: PNG }),
      201,
    );
    const crossed = await ana.api.post(`${API}/cases/${number}/notes`, {
      body: "Wrong case",
      visibility: "private",
      attachmentIds: [elsewhere.id],
    });
    expect(crossed.status).toBe(422);
  });

  it("answers a stranger 404 for the files, the list and the upload", async () => {
    const { ana, number } = await caseOf(world);
    const made = ok(
      await upload(ana, number, { filename: "a.png", type: "image/png", data: PNG }),
      201,
    );
    const elsewhere = await buildWorkspace(world);
    const stranger = await buildAgent(world, elsewhere.slug, "admin");
    for (const url of [
      `${API}/attachments/${made.id}`,
      `${API}/attachments/${made.id}/preview`,
      `${API}/cases/${number}/attachments`,
    ])
      expect((await stranger.api.get(url)).status).toBe(404);
    const sneaked = await upload(stranger, number, {
      filename: "x.png",
      type: "image/png",
      data: PNG,
    });
    expect(sneaked.status).toBe(404);
    expect(await rowsOf(world, number)).toBe(1);
  });

  it("refuses what it does not take, in its own words, and stores nothing", async () => {
    const { ana, number } = await caseOf(world);
    const refusals: [Omit<Part, "name">, number, string, string][] = [
      [
        { filename: "big.log", type: "text/plain", data: "x".repeat(20_000) },
        413,
        "is larger than",
        "too_large",
      ],
      [{ filename: "empty.txt", type: "text/plain", data: "" }, 400, "is empty", "invalid_input"],
      [
        { filename: "shot.png", type: "image/png", data: "<html><script>alert(1)</script></html>" },
        415,
        "is named as an image but its content is text",
        "file_type_mismatch",
      ],
      [
        {
          filename: "logo.svg",
          type: "image/svg+xml",
          data: '<svg xmlns="http://www.w3.org/2000/svg"/>',
        },
        415,
        "web pages, SVG, XML and scripts cannot be attached",
        "file_type_not_allowed",
      ],
      [
        { filename: "page.txt", type: "text/html", data: "<p>hi</p>" },
        415,
        "web pages, SVG, XML and scripts",
        "file_type_not_allowed",
      ],
      [
        {
          filename: "tool.bin",
          type: "application/octet-stream",
          data: Buffer.from([0, 1, 2, 3, 255, 0]),
        },
        415,
        "cannot tell what kind of file this is",
        "file_type_not_allowed",
      ],
      [
        { filename: "data.xml", type: "text/plain", data: '<?xml version="1.0"?><a/>' },
        415,
        "web pages, SVG, XML and scripts",
        "file_type_not_allowed",
      ],
    ];
    for (const [file, status, words, code] of refusals) {
      const reply = await upload(ana, number, file);
      expect({ name: file.filename, status: reply.status }).toEqual({
        name: file.filename,
        status,
      });
      expect(reply.body.errors?.[0]?.field).toBe("file");
      expect(reply.body.detail).toContain(words);
      expect(reply.body.code).toBe(code);
    }
    const wrongPart = await upload(
      ana,
      number,
      { filename: "a.png", type: "image/png", data: PNG },
      "picture",
    );
    expect(wrongPart.status).toBe(400);
    expect(wrongPart.body.detail).toBe(
      "file: is missing: send it as multipart/form-data, in a part named file",
    );
    const json = await ana.api.post(`${API}/cases/${number}/attachments`, { file: "a.png" });
    expect(json.status).toBe(400);
    expect(json.body.errors?.[0]?.field).toBe("file");
    const broken = await ana.api.post(
      `${API}/cases/${number}/attachments`,
      Buffer.from("--nope\r\ngarbage"),
      { "content-type": "multipart/form-data; boundary=other" },
    );
    expect(broken.status).toBe(400);
    expect(await rowsOf(world, number)).toBe(0);
    const events = await world.database.db
      .select({ n: count() })
      .from(auditEvents)
      .innerJoin(cases, eq(cases.id, auditEvents.caseId))
      .where(and(eq(auditEvents.action, "case.attachment_added"), eq(cases.number, number)));
    expect(events[0]?.n).toBe(0);
  });

  it("keeps a clean, short name", async () => {
    const { ana, number } = await caseOf(world);
    const made = ok(
      await upload(ana, number, {
        filename: `..\\..\\etc/pass\u0001wd\u202e${"n".repeat(300)}.txt`,
        type: "text/plain",
        data: "hello",
      }),
      201,
    );
    expect(made.filename.startsWith("passwdnnn")).toBe(true);
    expect(made.filename.endsWith(".txt")).toBe(true);
    expect([...made.filename].length).toBe(200);
  });

  it("gives back every byte value it was given, from the row and as a download", async () => {
    const { ana, ben, number } = await caseOf(world);
    // Every byte value, twice, behind a PNG's header (a file whose type cannot be told is
    // refused), starting inside a larger buffer: what a driver's bytea codec and an offset view
    // could each get wrong.
    const tail = Buffer.alloc(512);
    for (let i = 0; i < tail.length; i++) tail[i] = (i * 7 + 3) % 256;
    const bytes = Buffer.concat([Buffer.alloc(40), PNG, tail]).subarray(40);
    const made = ok(
      await upload(ana, number, { filename: "dump.png", type: "image/png", data: bytes }),
      201,
    );
    expect(made.size).toBe(PNG.length + 512);
    const [row] = await world.database.db
      .select({ content: attachments.content })
      .from(attachments)
      .where(eq(attachments.id, made.id));
    expect(Buffer.from(row?.content ?? []).equals(bytes)).toBe(true);
    const download = await world.app.inject({
      method: "GET",
      url: made.url,
      headers: { authorization: `Bearer ${ben.token}` },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(bytes)).toBe(true);
  });

  it("serves files as downloads that cannot run, and raster images inline as previews", async () => {
    const { ana, ben, number } = await caseOf(world);
    const png = ok(
      await upload(ana, number, { filename: "écran 1.png", type: "image/png", data: PNG }),
      201,
    );
    const csv = ok(
      await upload(ana, number, { filename: "rows.csv", type: "text/csv", data: "a,b\n1,2\n" }),
      201,
    );
    // Anyone who may read the case reads its files, not only the uploader.
    const file = await ben.api.get<string>(png.url);
    expect(file.status).toBe(200);
    expect(file.headers["content-type"]).toBe("image/png");
    expect(file.headers["content-disposition"]).toBe(
      `attachment; filename="_cran 1.png"; filename*=UTF-8''%C3%A9cran%201.png`,
    );
    expect(file.headers["x-content-type-options"]).toBe("nosniff");
    expect(file.headers["content-security-policy"]).toMatch(/^sandbox; default-src 'none'/);
    const preview = await ben.api.get(png.previewUrl ?? "");
    expect(preview.status).toBe(200);
    expect(preview.headers["content-disposition"]).toMatch(/^inline; /);
    expect(preview.headers["content-security-policy"]).toMatch(/^sandbox; default-src 'none'/);

    const text = await ben.api.get<string>(csv.url);
    expect(text.headers["content-type"]).toMatch(/^text\/csv/);
    expect(text.headers["content-disposition"]).toMatch(/^attachment; /);
    expect(text.body).toBe("a,b\n1,2\n");
    expect((await ben.api.get(`${csv.url}/preview`)).status).toBe(404);
  });
});

describe.each(databaseKinds)("attachments in an S3-compatible store (%s)", (kind) => {
  let world: World;
  let s3: TestS3;
  let bucket: S3Client;
  beforeAll(async () => {
    s3 = await startS3();
    world = await startWorld(kind, s3.env);
    bucket = new S3Client({
      endpoint: s3.env.BATON_S3_ENDPOINT,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    });
  });
  afterAll(async () => {
    bucket.destroy();
    await world.dispose();
    await s3.stop();
  });

  const keysIn = async () =>
    ((await bucket.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).Contents ?? []).map(
      (o) => o.Key,
    );

  it("puts the bytes in the bucket, records the key, and serves them back", async () => {
    const { ana, ben, number, ws } = await caseOf(world);
    const made = ok(
      await upload(ana, number, { filename: "s.png", type: "image/png", data: PNG }),
      201,
    );
    const [row] = await world.database.db
      .select({
        storage: attachments.storage,
        key: attachments.storageKey,
        content: attachments.content,
      })
      .from(attachments)
      .where(eq(attachments.id, made.id));
    const key = `attachments/${ws.id}/${made.id}`;
    expect(row).toEqual({ storage: "s3", key, content: null });
    const object = await bucket.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    expect(Buffer.from((await object.Body?.transformToByteArray()) ?? [])).toEqual(PNG);
    expect(object.ContentType).toBe("image/png");

    const served = await ben.api.get(made.url);
    expect(served.status).toBe(200);
    expect(served.headers["content-length"]).toBe(String(PNG.length));

    // Over the JSON body limit (1 MB), within the default file limit (10 MB).
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
    const large = ok(
      await upload(ana, number, { filename: "big.png", type: "image/png", data: big }),
      201,
    );
    expect((await ben.api.get(large.url)).headers["content-length"]).toBe(String(big.length));

    const before = await keysIn();
    const refused = await upload(ana, number, {
      filename: "x.png",
      type: "image/png",
      data: "not an image at all",
    });
    expect(refused.status).toBe(415);
    expect(await keysIn()).toEqual(before);
    expect(await rowsOf(world, number)).toBe(2);
  });
});
