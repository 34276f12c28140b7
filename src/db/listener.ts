import pg from "pg";

// The wait before making a lost LISTEN connection again doubles from the first to the last.
const RELISTEN_FIRST_MS = 200;
const RELISTEN_LAST_MS = 5_000;
// How often the connection is asked a question, and how long its answer may take: a connection
// that died without ending (a cut network, a frozen primary) only reads, and would never notice.
const HEARTBEAT_EVERY_MS = 10_000;
const HEARTBEAT_WITHIN_MS = 5_000;

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

interface Subscription {
  readonly onPayload: (payload: string) => void;
  readonly onReconnect: (() => void) | undefined;
}

/**
 * The process's one LISTEN connection, for every channel it listens on. PostgreSQL wakes every
 * backend that LISTENs in a database at each commit that notifies, whatever the channels (up to
 * version 17 at least), so a connection per channel made each process's live events, in-app
 * notifications and delivery wake-ups three backends woken per commit, two of them to find
 * nothing (docs/performance.md, "One LISTEN connection per process").
 *
 * When the connection ends without being asked to (the server restarted, a failover, an
 * administrator's pg_terminate_backend) it is made again until it works, with every channel
 * listened to again, and each subscriber is told: what was sent in between is lost. Otherwise
 * this process would keep serving requests while its live streams and delivery wake-ups had
 * silently stopped. LISTEN and UNLISTEN run one at a time, in the order they were asked for.
 */
export class SharedListener {
  private readonly channels = new Map<string, Set<Subscription>>();
  private client: pg.Client | undefined;
  /** The connection ended without being asked to, and its subscribers have not been told. */
  private lost = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  /** Times the connection was made again after being lost, for /metrics. */
  reconnects = 0;
  private readonly firstWait: number;
  private wait: number;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly url: string;
  private readonly heartbeat: { everyMs: number; withinMs: number };

  /**
   * `relistenAfterMs`: the first wait before making a lost connection again; `heartbeatMs` and
   * `heartbeatTimeoutMs`: how often the connection must answer a query, and within how long.
   */
  constructor(
    url: string,
    options: { relistenAfterMs?: number; heartbeatMs?: number; heartbeatTimeoutMs?: number } = {},
  ) {
    this.url = url;
    this.firstWait = options.relistenAfterMs ?? RELISTEN_FIRST_MS;
    this.wait = this.firstWait;
    this.heartbeat = {
      everyMs: options.heartbeatMs ?? HEARTBEAT_EVERY_MS,
      withinMs: options.heartbeatTimeoutMs ?? HEARTBEAT_WITHIN_MS,
    };
  }

  /**
   * Listens on `channel` until the returned function is called. The connection's failure at the
   * first LISTEN is the caller's to see, as at start. The connection may already listen on the
   * channel, so a notification committed just before may still reach the new subscriber: every
   * one is a hint to look again, never a change to apply twice.
   */
  async listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>> {
    if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
    if (this.closed) throw new Error("the database was closed");
    const mine: Subscription = { onPayload, onReconnect };
    const known = this.channels.get(channel);
    const subscribers = known ?? new Set<Subscription>();
    subscribers.add(mine);
    this.channels.set(channel, subscribers);
    try {
      await this.serially(async () => {
        const current = this.client;
        if (!current) return this.connect(mine);
        if (known) return;
        try {
          await current.query(`LISTEN ${channel}`);
        } catch {
          // The connection broke before its "end" arrived: make it again, as that would.
          if (this.client === current) this.drop(current);
          await this.connect(mine);
        }
      });
    } catch (error) {
      this.forget(channel, mine);
      throw error;
    }
    let stopped = false;
    return async () => {
      if (stopped) return;
      stopped = true;
      this.forget(channel, mine);
      await this.serially(() => this.settle(channel));
    };
  }

  /** Whether the connection is up (false between losing it and making it again). */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Ends the connection for good. */
  async close(): Promise<void> {
    this.closed = true;
    this.channels.clear();
    await this.serially(() => this.disconnect());
  }

  private forget(channel: string, subscription: Subscription): void {
    const subscribers = this.channels.get(channel);
    subscribers?.delete(subscription);
    if (subscribers?.size === 0) this.channels.delete(channel);
  }

  /** After a subscriber left: UNLISTEN a channel nobody wants, the connection once none is. */
  private async settle(channel: string): Promise<void> {
    if (this.channels.size === 0) return this.disconnect();
    if (!this.channels.has(channel))
      await this.client?.query(`UNLISTEN ${channel}`).catch(() => {});
  }

  private serially<T>(step: () => Promise<T>): Promise<T> {
    const run = this.queue.then(step, step);
    this.queue = run.catch(() => {});
    return run;
  }

  /**
   * Opens the connection and listens on every channel wanted now. Subscribers that were listening
   * when the last connection was lost are told (all but `joining`, who has missed nothing).
   */
  private async connect(joining?: Subscription): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    // TCP keep-alive and the heartbeat (watch): a LISTEN connection only reads, so without them a
    // primary that vanished (failover, a cut network) would leave it waiting instead of ending.
    const next = new pg.Client({
      connectionString: this.url,
      // What pg_stat_activity calls it, unless the URL names the application.
      application_name: "baton-listen",
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // A broken connection emits "error" and then "end"; "end" alone decides what happens next.
    next.on("error", () => {});
    next.on("notification", (n) => {
      if (n.payload === undefined) return;
      for (const subscriber of this.channels.get(n.channel) ?? []) subscriber.onPayload(n.payload);
    });
    try {
      await next.connect();
      for (const channel of [...this.channels.keys()]) await next.query(`LISTEN ${channel}`);
    } catch (error) {
      await next.end().catch(() => {});
      if (this.lost) {
        this.wait = Math.min(this.wait * 2, RELISTEN_LAST_MS);
        this.retry();
      }
      throw error;
    }
    next.once("end", () => {
      if (this.client !== next) return;
      this.drop(next);
      this.retry();
    });
    this.client = next;
    this.watch(next);
    this.wait = this.firstWait;
    if (!this.lost) return;
    this.lost = false;
    this.reconnects++;
    for (const subscribers of [...this.channels.values()])
      for (const subscriber of [...subscribers])
        if (subscriber !== joining) subscriber.onReconnect?.();
  }

  /**
   * LISTENs again on one of its channels now and then, in turn with the other statements, which
   * changes nothing and keeps `pg_stat_activity` showing a LISTEN. A connection that does not
   * answer in time is cut: its pending statements (a LISTEN waiting behind, too) fail, and its
   * "end" makes it again.
   */
  private watch(client: pg.Client): void {
    let asking = false;
    const timer = setInterval(() => {
      if (this.client !== client) return clearInterval(timer);
      if (asking) return;
      asking = true;
      const cut = () => client.connection.stream.destroy();
      // Counted from now, not from its turn: a statement stuck ahead of it is what it must catch.
      const late = setTimeout(cut, this.heartbeat.withinMs);
      late.unref();
      this.serially(async () => {
        const [channel] = this.channels.keys();
        if (this.client === client && channel) await client.query(`LISTEN ${channel}`);
      })
        .catch(cut)
        .finally(() => {
          clearTimeout(late);
          asking = false;
        });
    }, this.heartbeat.everyMs);
    // Watching must not keep a stopping process alive.
    timer.unref();
  }

  /** Forgets a connection that broke; its subscribers are told once the next one is made. */
  private drop(broken: pg.Client): void {
    this.client = undefined;
    this.lost = true;
    void broken.end().catch(() => {});
  }

  private retry(): void {
    if (this.closed || this.timer || this.channels.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.serially(async () => {
        // A failure has already asked for the next attempt, a longer wait away.
        if (!this.client && this.channels.size > 0) await this.connect().catch(() => {});
      });
    }, this.wait);
    // Waiting to reconnect must not keep a stopping process alive.
    this.timer.unref();
  }

  private async disconnect(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.lost = false;
    const last = this.client;
    this.client = undefined;
    await last?.end().catch(() => {});
  }
}
