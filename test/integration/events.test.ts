import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens } from "../../src/db/schema.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { emit } from "../../src/writes/emit.ts";
import { databaseKinds } from "../support/db.ts";
import { buildAgent, buildWorkspace, startWorld, type World } from "../support/world.ts";

interface Received {
  number: number;
  workspace: string;
  action: string;
}

/** Reads a server-sent event stream into an array until stopped. */
async function openStream(url: string, token: string) {
  const controller = new AbortController();
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
  const events: Received[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        let end = buffer.indexOf("\n\n");
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split("\n").find((l) => l.startsWith("data: "));
          if (block.includes("event: case") && data) events.push(JSON.parse(data.slice(6)));
          end = buffer.indexOf("\n\n");
        }
      }
    } catch {}
  })();
  return {
    events,
    async waitFor(predicate: (e: Received) => boolean, ms = 3_000) {
      const until = Date.now() + ms;
      while (Date.now() < until) {
        if (events.some(predicate)) return true;
        await new Promise((r) => setTimeout(r, 25));
      }
      return false;
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

describe.each(databaseKinds)("live case events (%s)", (kind) => {
  let world: World;
  let base: string;
  beforeAll(async () => {
    world = await startWorld(kind);
    await world.app.listen({ host: "127.0.0.1", port: 0 });
    const address = world.app.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => world.dispose());

  it("streams committed changes of my workspaces only", async () => {
    const ws = await buildWorkspace(world);
    const other = await buildWorkspace(world, "shift-lead");
    const watcher = await buildAgent(world, ws.slug, "agent");
    const colleague = await buildAgent(world, ws.slug, "supervisor");
    const stranger = await buildAgent(world, other.slug, "agent");
    const stream = await openStream(`${base}/api/v1/events`, watcher.token);

    const { body: mine } = await colleague.api.post<CaseDetail>("/api/v1/cases", {
      workspace: ws.slug,
      subject: "Watched case",
    });
    const { body: theirs } = await stranger.api.post<CaseDetail>("/api/v1/cases", {
      workspace: other.slug,
      subject: "Someone else's case",
    });
    await colleague.api.patch(`/api/v1/cases/${mine.number}`, { version: 1, status: "active" });
    expect(
      await stream.waitFor((e) => e.number === mine.number && e.action === "case.updated"),
    ).toBe(true);
    expect(stream.events.find((e) => e.number === mine.number)?.workspace).toBe(ws.slug);
    expect(stream.events.some((e) => e.number === theirs.number)).toBe(false);

    // A change that rolls back must not be announced.
    await world.database.db
      .transaction(async (tx) => {
        await emit(tx, {
          name: "case.updated",
          actorId: null,
          workspaceId: ws.id,
          subjectId: "424242",
          caseNumber: 424242,
          data: { changes: {} },
        });
        throw new Error("rollback");
      })
      .catch(() => {});
    await colleague.api.post(`/api/v1/cases/${mine.number}/notes`, {
      body: "marker",
      visibility: "private",
    });
    expect(await stream.waitFor((e) => e.action === "case.note_added")).toBe(true);
    expect(stream.events.some((e) => e.number === 424242)).toBe(false);
    await stream.close();
  });

  it("holds at most the configured number of streams per person, freeing a place when one ends", async () => {
    const ws = await buildWorkspace(world);
    const greedy = await buildAgent(world, ws.slug, "agent");
    const other = await buildAgent(world, ws.slug, "agent");
    const limit = world.app.baton.config.streamsPerPerson;
    const held = [];
    for (let i = 0; i < limit; i++)
      held.push(await openStream(`${base}/api/v1/events`, greedy.token));
    const refused = await fetch(`${base}/api/v1/events`, {
      headers: { authorization: `Bearer ${greedy.token}` },
    });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: "too_many_streams" });
    // Someone else is not held back by it.
    const theirs = await openStream(`${base}/api/v1/events`, other.token);
    await theirs.close();
    await held.pop()?.close();
    // The server sees the closed socket shortly after the client aborts.
    let again: Response | undefined;
    for (let attempt = 0; attempt < 40; attempt++) {
      const controller = new AbortController();
      const res = await fetch(`${base}/api/v1/events`, {
        headers: { authorization: `Bearer ${greedy.token}` },
        signal: controller.signal,
      });
      if (res.status === 200) {
        again = res;
        controller.abort();
        break;
      }
      await res.body?.cancel();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(again?.status).toBe(200);
    for (const stream of held) await stream.close();
  });

  it("ends a stream within a heartbeat once its token is revoked", async () => {
    const quick = await startWorld(kind, { BATON_STREAM_HEARTBEAT_SECONDS: "1" });
    try {
      await quick.app.listen({ host: "127.0.0.1", port: 0 });
      const address = quick.app.server.address();
      const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      const ws = await buildWorkspace(quick);
      const watcher = await buildAgent(quick, ws.slug, "agent");
      const response = await fetch(`${url}/api/v1/events`, {
        headers: { authorization: `Bearer ${watcher.token}` },
      });
      const text = response.text();
      await quick.database.db
        .update(apiTokens)
        .set({ revokedAt: new Date() })
        .where(eq(apiTokens.userId, watcher.userId));
      // The server ends the stream itself: the body completes.
      const body = await Promise.race([
        text,
        new Promise<string>((_, reject) =>
          setTimeout(() => reject(new Error("still open")), 5_000),
        ),
      ]);
      expect(body).toContain("event: ended");
    } finally {
      await quick.dispose();
    }
  });

  it("refuses an anonymous stream", async () => {
    const response = await fetch(`${base}/api/v1/events`);
    expect(response.status).toBe(401);
  });
});
