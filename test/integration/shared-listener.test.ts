// A process LISTENs on one connection for all its channels (src/db/listener.ts): PostgreSQL wakes
// every listening backend at each notifying commit, whatever the channels.
import { connect, createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SharedListener } from "../../src/db/listener.ts";
import { databaseKinds, scratchPostgres } from "../support/db.ts";

const APP = "baton_shared_listener_test";

describe.skipIf(!databaseKinds.includes("postgres"))("one LISTEN connection per process", () => {
  let scratch: Awaited<ReturnType<typeof scratchPostgres>>;
  let admin: pg.Client;
  let listener: SharedListener;

  const connections = async () =>
    Number(
      (
        await admin.query<{ n: string }>(
          "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1",
          [APP],
        )
      ).rows[0]?.n,
    );
  const notify = (channel: string, payload: string) =>
    admin.query("SELECT pg_notify($1, $2)", [channel, payload]);

  beforeAll(async () => {
    scratch = await scratchPostgres();
    admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
  });
  afterEach(async () => {
    await listener.close();
  });
  afterAll(async () => {
    await admin.end();
    await scratch.drop();
  });

  const open = (relistenAfterMs?: number) => {
    const url = new URL(scratch.url);
    url.searchParams.set("application_name", APP);
    listener = new SharedListener(url.toString(), { relistenAfterMs });
    return listener;
  };

  it("listens on several channels through one connection, each payload to its own subscribers", async () => {
    open();
    const a: string[] = [];
    const b: string[] = [];
    const alsoB: string[] = [];
    await listener.listen("baton_test_a", (p) => a.push(p));
    await listener.listen("baton_test_b", (p) => b.push(p));
    const stopAlsoB = await listener.listen("baton_test_b", (p) => alsoB.push(p));
    expect(await connections()).toBe(1);

    await notify("baton_test_a", "a1");
    await notify("baton_test_b", "b1");
    await notify("baton_test_other", "nobody");
    await expect.poll(() => [a, b, alsoB]).toEqual([["a1"], ["b1"], ["b1"]]);

    // One subscriber of a channel leaving leaves the other listening.
    await stopAlsoB();
    await notify("baton_test_b", "b2");
    await expect.poll(() => b).toEqual(["b1", "b2"]);
    expect(alsoB).toEqual(["b1"]);
  });

  it("stops hearing a channel nobody wants, and ends the connection once no channel is wanted", async () => {
    open();
    const a: string[] = [];
    const b: string[] = [];
    const stopA = await listener.listen("baton_test_a", (p) => a.push(p));
    const stopB = await listener.listen("baton_test_b", (p) => b.push(p));
    await stopA();
    // Notifications arrive in commit order: once b's arrived, a's would have, had it been heard.
    await notify("baton_test_a", "unheard");
    await notify("baton_test_b", "heard");
    await expect.poll(() => b).toEqual(["heard"]);
    expect(a).toEqual([]);
    expect(await connections()).toBe(1);

    await stopB();
    expect(listener.connected).toBe(false);
    await expect.poll(connections).toBe(0);

    // A channel listened to afterwards opens it again.
    await listener.listen("baton_test_a", (p) => a.push(p));
    await notify("baton_test_a", "again");
    await expect.poll(() => a).toEqual(["again"]);
    expect(await connections()).toBe(1);
  });

  /** Channels a and b, each payload into `got` marked with its channel, each reconnect counted. */
  const listenToAAndB = async (got: string[], reconnected: { a: number; b: number }) => {
    for (const name of ["a", "b"] as const)
      await listener.listen(
        `baton_test_${name}`,
        (p) => got.push(`${name}:${p}`),
        () => reconnected[name]++,
      );
  };

  it("listens on every channel again after the connection ends, and tells each subscriber once", async () => {
    open();
    const got: string[] = [];
    const reconnected = { a: 0, b: 0 };
    await listenToAAndB(got, reconnected);
    const ended = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
      [APP],
    );
    expect(ended.rowCount).toBe(1);
    await expect.poll(() => reconnected, { timeout: 10_000 }).toEqual({ a: 1, b: 1 });
    await notify("baton_test_a", "1");
    await notify("baton_test_b", "2");
    await expect.poll(() => got, { timeout: 5_000 }).toEqual(["a:1", "b:2"]);
    expect(await connections()).toBe(1);
  });

  it("opens the connection at once for a channel asked for while it is away", async () => {
    // The next attempt of its own a minute away: only the new channel can bring it back here.
    open(60_000);
    const got: string[] = [];
    const reconnected = { a: 0, b: 0 };
    let joinerTold = 0;
    await listenToAAndB(got, reconnected);
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
      [APP],
    );
    await expect.poll(() => listener.connected).toBe(false);
    expect(await connections()).toBe(0);
    expect(reconnected).toEqual({ a: 0, b: 0 });
    await listener.listen(
      "baton_test_c",
      (p) => got.push(`c:${p}`),
      () => joinerTold++,
    );
    // The subscriber who joined then has missed nothing; the others are told they may have.
    expect(reconnected).toEqual({ a: 1, b: 1 });
    await notify("baton_test_c", "3");
    await notify("baton_test_b", "4");
    await expect.poll(() => got).toEqual(["c:3", "b:4"]);
    expect(joinerTold).toBe(0);
    expect(await connections()).toBe(1);
  });

  it("takes a channel asked for just as the connection ends, whichever comes first", async () => {
    open();
    const got: string[] = [];
    const reconnected = { a: 0, b: 0 };
    await listenToAAndB(got, reconnected);
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
      [APP],
    );
    // Before or after this process hears of the end: the LISTEN either fails on the broken
    // connection, which is then made again, or goes on the new one.
    await listener.listen("baton_test_c", (p) => got.push(`c:${p}`));
    await expect.poll(() => reconnected, { timeout: 10_000 }).toEqual({ a: 1, b: 1 });
    await notify("baton_test_c", "1");
    await notify("baton_test_b", "2");
    await expect.poll(() => got).toEqual(["c:1", "b:2"]);
    expect(await connections()).toBe(1);
  });

  it("cuts a connection that stops answering without ending, and listens again", async () => {
    // A proxy to PostgreSQL whose open connections can be frozen: nothing passes and nothing
    // ends, as when a network is cut or a primary hangs. Connections made afterwards pass.
    const pairs: [Socket, Socket][] = [];
    const target = new URL(scratch.url);
    const proxy: Server = createServer((inner) => {
      const outer = connect(Number(target.port || 5432), target.hostname);
      inner.pipe(outer).pipe(inner);
      inner.on("error", () => outer.destroy());
      outer.on("error", () => inner.destroy());
      pairs.push([inner, outer]);
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    try {
      const address = proxy.address();
      if (!address || typeof address === "string") throw new Error("no port");
      const url = new URL(scratch.url);
      url.host = `127.0.0.1:${address.port}`;
      url.searchParams.set("application_name", APP);
      listener = new SharedListener(url.toString(), {
        relistenAfterMs: 50,
        heartbeatMs: 200,
        heartbeatTimeoutMs: 400,
      });
      const got: string[] = [];
      const reconnected = { a: 0, b: 0 };
      await listenToAAndB(got, reconnected);
      for (const [inner, outer] of [...pairs]) {
        inner.unpipe(outer);
        outer.unpipe(inner);
        inner.pause();
        outer.pause();
      }
      // Asked for while the connection is frozen: answered once it is cut and made again.
      await listener.listen("baton_test_c", (p) => got.push(`c:${p}`));
      await expect.poll(() => reconnected, { timeout: 10_000 }).toEqual({ a: 1, b: 1 });
      expect(listener.connected).toBe(true);
      expect(listener.reconnects).toBe(1);
      await notify("baton_test_a", "1");
      await notify("baton_test_c", "2");
      await expect.poll(() => got, { timeout: 5_000 }).toEqual(["a:1", "c:2"]);
      // The frozen backend is still there (nothing ended it); the new one listens.
      await expect.poll(connections).toBe(2);
    } finally {
      await listener.close();
      for (const [inner, outer] of pairs) {
        inner.destroy();
        outer.destroy();
      }
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 20_000);

  it("refuses a channel name it could not LISTEN on safely, and tells the caller a failed first connection", async () => {
    open();
    await expect(listener.listen("Baton; DROP", () => {})).rejects.toThrow(/bad channel name/);
    const refused = new SharedListener("postgres://postgres@127.0.0.1:1/none");
    listener = refused;
    await expect(refused.listen("baton_test_a", () => {})).rejects.toThrow();
  });
});
