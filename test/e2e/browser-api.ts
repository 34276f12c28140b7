// Small helpers the preset walkthroughs share: minimal setup through the API from inside a
// signed-in page (its cookie and CSRF token), and the case page's common locators.
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";

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

export interface AgentRow {
  id: string;
  email: string;
  name: string;
  role: string;
  region: string | null;
  queues: string[];
  availability: { status: string };
}

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
