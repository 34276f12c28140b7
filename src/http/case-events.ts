import { CASE_EVENTS_CHANNEL, type CaseEvent } from "../commands/audit.ts";
import type { Database } from "../db/client.ts";

type Subscriber = (event: CaseEvent) => void;

/**
 * One LISTEN per process fans committed case changes out to this process's open event streams.
 * Every process listens, so a change made through any of them reaches every browser.
 */
export class CaseEventHub {
  private readonly subscribers = new Set<Subscriber>();
  private stopListening: (() => Promise<void>) | undefined;

  async start(database: Database): Promise<void> {
    this.stopListening = await database.listen(CASE_EVENTS_CHANNEL, (payload) => {
      let event: CaseEvent;
      try {
        event = JSON.parse(payload) as CaseEvent;
      } catch {
        return;
      }
      for (const subscriber of this.subscribers) subscriber(event);
    });
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  get size(): number {
    return this.subscribers.size;
  }

  async stop(): Promise<void> {
    this.subscribers.clear();
    await this.stopListening?.();
  }
}
