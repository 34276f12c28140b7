import type { Database } from "../db/client.ts";
import { CASE_EVENTS_CHANNEL, type CaseEvent } from "../events/emit.ts";
import { NOTIFICATIONS_CHANNEL, type NotificationSignal } from "../notify/in-app.ts";

type Subscriber = (event: CaseEvent) => void;
type NotificationSubscriber = (signal: NotificationSignal) => void;

function parse<T>(payload: string): T | undefined {
  try {
    return JSON.parse(payload) as T;
  } catch {
    return undefined;
  }
}

/**
 * One LISTEN per channel and process fans committed changes out to this process's open event
 * streams: case changes to everyone of the workspace, notifications to their recipient only. Every
 * process listens, so a change made through any of them reaches every browser.
 */
export class CaseEventHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly byUser = new Map<string, Set<NotificationSubscriber>>();
  private readonly stops: (() => Promise<void>)[] = [];
  private readonly streams = new Set<() => void>();

  async start(database: Database): Promise<void> {
    // What was committed while a LISTEN connection was away (a database restart) never arrives.
    // Ending the streams makes each page reconnect and refetch what it shows, as after any gap.
    const caughtUp = () => this.endStreams();
    this.stops.push(
      await database.listen(
        CASE_EVENTS_CHANNEL,
        (payload) => {
          // Every transfer notifies three times; with no stream open here, nothing to read.
          if (this.subscribers.size === 0) return;
          const event = parse<CaseEvent>(payload);
          if (!event) return;
          for (const subscriber of this.subscribers) subscriber(event);
        },
        caughtUp,
      ),
      await database.listen(
        NOTIFICATIONS_CHANNEL,
        (payload) => {
          if (this.byUser.size === 0) return;
          const signal = parse<NotificationSignal>(payload);
          if (typeof signal?.userId !== "string") return;
          for (const subscriber of this.byUser.get(signal.userId) ?? []) subscriber(signal);
        },
        caughtUp,
      ),
    );
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Notifications for `userId` only. */
  subscribeNotifications(userId: string, subscriber: NotificationSubscriber): () => void {
    let mine = this.byUser.get(userId);
    if (!mine) {
      mine = new Set();
      this.byUser.set(userId, mine);
    }
    mine.add(subscriber);
    return () => {
      mine.delete(subscriber);
      if (mine.size === 0 && this.byUser.get(userId) === mine) this.byUser.delete(userId);
    };
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** An open stream, with how to end it; the returned function forgets it once it ended anyway. */
  hold(end: () => void): () => void {
    this.streams.add(end);
    return () => this.streams.delete(end);
  }

  /**
   * Ends every open stream, so a shutting-down process does not wait for browser tabs: each page
   * reconnects (the stream's retry) to a process that stays up.
   */
  endStreams(): void {
    for (const end of [...this.streams]) end();
    this.streams.clear();
  }

  async stop(): Promise<void> {
    this.subscribers.clear();
    this.byUser.clear();
    await Promise.all(this.stops.splice(0).map((stop) => stop()));
  }
}
