// Small helpers the preset walkthroughs share: minimal setup through the API from inside a
// signed-in page (its cookie and CSRF token), and the case page's common locators.
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import type { Agent } from "../../src/http/routes/agent-schemas.ts";

export interface Reply<T> {
  status: number;
  json: T;
}

/** An API call from inside the signed-in page: its cookie, and the CSRF token of its session. */
export async function call<T>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply<T>> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = (await (await fetch("/api/v1/auth/session")).json()) as {
        csrfToken: string;
      };
      const headers: Record<string, string> = { "x-csrf-token": session.csrfToken };
      if (body !== undefined) headers["content-type"] = "application/json";
      const r = await fetch(`/api/v1${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: r.status, json: await r.json() };
    },
    { method, path, body },
  ) as Promise<Reply<T>>;
}

/** An agent as `GET /workspaces/{ws}/agents` answers it: the route's own schema. */
export type AgentRow = Agent;

export async function agentsOf(page: Page, workspace: string): Promise<AgentRow[]> {
  const reply = await call<{ items: AgentRow[] }>(page, "GET", `/workspaces/${workspace}/agents`);
  expect(reply.status).toBe(200);
  return reply.json.items;
}

export async function me(page: Page): Promise<{ id: string; name: string }> {
  return (await call<{ id: string; name: string }>(page, "GET", "/auth/session")).json;
}

export async function createCase(page: Page, body: Record<string, unknown>): Promise<number> {
  const reply = await call<{ number: number }>(page, "POST", "/cases", body);
  expect(reply.status, JSON.stringify(reply.json)).toBe(201);
  return reply.json.number;
}

export interface StoredCase {
  number: number;
  version: number;
  queue: string;
  brand: string;
  priority: string;
  status: string;
  pinned: boolean;
  product: string | null;
  stepsToReproduce: string;
  handoffCount: number;
  owner: { id: string; name: string } | null;
}

export async function storedCase(page: Page, number: number): Promise<StoredCase> {
  const reply = await call<StoredCase>(page, "GET", `/cases/${number}`);
  expect(reply.status).toBe(200);
  return reply.json;
}

export async function openCase(page: Page, number: number): Promise<void> {
  await page.goto(`/cases/${number}`);
  await page.getByRole("heading", { name: /add a note/i }).waitFor();
}

/** The field of a template or form, by the start of its label. */
export const field = (scope: Locator, label: RegExp) => scope.getByLabel(label).first();

/** The case page's owner and queue as shown in its header. */
export const shownOwner = (page: Page) =>
  page.locator(".case-header .meta-row", { hasText: "Owner" }).first().textContent();
export const shownQueue = (page: Page) =>
  page.locator(".case-header .meta-row", { hasText: "Queue" }).first().textContent();

/** Opens the transfer panel of the case open in the page. */
export async function openTransferPanel(page: Page, number: number): Promise<Locator> {
  await page.getByRole("button", { name: "Transfer…" }).click();
  const dialog = page.getByRole("dialog", { name: `Transfer case #${number}` });
  await dialog.getByRole("group", { name: "Kind of transfer" }).waitFor();
  return dialog;
}

/** A guard's finding in the panel, by its id, once the live preview shows it. */
export async function guardShown(dialog: Locator, id: string): Promise<Locator> {
  const finding = dialog.locator(".guard", {
    has: dialog.page().locator("code.guard-id", { hasText: new RegExp(`^${id}$`) }),
  });
  await finding.first().waitFor({ timeout: 10_000 });
  return finding.first();
}

/** A private timeline note whose text contains `text`. */
export const privateNote = (page: Page, text: string | RegExp) =>
  page.locator(".timeline .tl-item.tl-private", { hasText: text });

/**
 * A 24x7 follow-the-sun handover (S1.2) as the owner does it: to the region Baton names as the
 * next one on shift (the `next-region-on-shift` guard refuses any other, and which one it is
 * depends on the hour the test runs), then the alignment in the handover meeting recorded.
 */
export async function handOverToNextRegion(
  page: Page,
  number: number,
  body: { version: number; fields: Record<string, string> },
): Promise<{ region: string; state: string }> {
  const next = await call<{ region: { region: string } | null }>(
    page,
    "GET",
    `/cases/${number}/next-holder`,
  );
  expect(next.status, JSON.stringify(next.json)).toBe(200);
  const region = next.json.region?.region;
  expect(region, "Baton names the next region").toBeDefined();
  const transfer = await call<{ id: string; version: number; state: string }>(
    page,
    "POST",
    `/cases/${number}/transfers`,
    {
      ...body,
      kind: "fts-24x7",
      target: { queue: "in-depth", region },
      reason: "next-shift",
      confirmations: { customerNeedsNextShift: true },
    },
  );
  expect(transfer.status, JSON.stringify(transfer.json)).toBe(201);
  expect(transfer.json.state).toBe("awaiting_steps");
  const aligned = await call<{ state: string }>(
    page,
    "POST",
    `/transfers/${transfer.json.id}/steps/handover_aligned`,
    { version: transfer.json.version, how: "meeting" },
  );
  expect(aligned.status, JSON.stringify(aligned.json)).toBe(200);
  return { region: region ?? "", state: aligned.json.state };
}
