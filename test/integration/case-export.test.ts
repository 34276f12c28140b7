// Any case list as CSV (issue 17): the list's filters and order, every page, streamed, with
// typed text kept as text in a spreadsheet.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateVolume } from "../../src/demo/generate.ts";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { databaseKinds } from "../support/db.ts";
import { ok } from "../support/ok.ts";
import {
  buildAgent,
  buildWorkspace,
  startWorld,
  type TestAgent,
  type World,
} from "../support/world.ts";

const API = "/api/v1";

describe.each(databaseKinds)("case lists as CSV (%s)", (kind) => {
  let world: World;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let lead: TestAgent;

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world, "shift-lead");
    lead = await buildAgent(world, ws.slug, "shift_lead", { name: "Lee Lead" });
  });
  afterAll(() => world?.dispose());

  const download = async (query: string) => {
    const answer = await world.app.inject({
      method: "GET",
      url: `${API}/cases.csv?${query}`,
      headers: { authorization: `Bearer ${lead.token}` },
    });
    return answer;
  };

  it("writes the list's rows with the policy's names, a formula kept as text", async () => {
    const made = ok(
      await lead.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: '=HYPERLINK("http://x.example","click"), urgent',
      }),
      201,
    );
    const answer = await download(`workspace=${ws.slug}&q=HYPERLINK`);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(answer.headers["content-disposition"]).toMatch(
      new RegExp(`^attachment; filename="cases-${ws.slug}-\\d{4}-\\d\\d-\\d\\d\\.csv"$`),
    );
    const [header, ...rows] = parse(answer.body) as string[][];
    expect(header).toEqual([
      "Case",
      "Workspace",
      "Subject",
      "Status",
      "Severity",
      "Priority",
      "Queue",
      "Region",
      "24x7",
      "Owner",
      "Updated (UTC)",
      "Due (UTC)",
    ]);
    expect(rows).toHaveLength(1);
    const queue = ws.policy.queues.find((q) => q.code === made.queue)?.name;
    expect(rows[0]?.slice(0, 7)).toEqual([
      String(made.number),
      ws.slug,
      `'${made.subject}`,
      made.status,
      ws.policy.severities.find((s) => s.code === made.severity)?.name,
      ws.policy.priorities.find((p) => p.code === made.priority)?.name,
      queue,
    ]);
    expect(answer.body.split("\r\n")).toHaveLength(3);
  });

  it("goes through every page of a long list, in the list's order", async () => {
    await generateVolume(world.database.db, { workspaceSlug: ws.slug, cases: 450, agents: 5 });
    const answer = await download(`workspace=${ws.slug}&sort=updated`);
    expect(answer.statusCode).toBe(200);
    const rows = (parse(answer.body) as string[][]).slice(1);
    expect(rows.length).toBe(451);
    const numbers = rows.map((r) => Number(r[0]));
    expect(new Set(numbers).size).toBe(rows.length);
    const listed: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { number: number }[]; nextCursor: string | null } = ok(
        await lead.api.get(
          `${API}/cases?workspace=${ws.slug}&limit=200${cursor ? `&cursor=${cursor}` : ""}`,
        ),
        200,
      );
      listed.push(...page.items.map((c) => c.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(numbers).toEqual(listed);
  });

  it("refuses a bad filter or a stranger's workspace before sending anything", async () => {
    const bad = await download(`workspace=${ws.slug}&status=bogus`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toMatch(/^application\/problem\+json/);
    const other = await buildWorkspace(world, "regional-cse");
    const hidden = await download(`workspace=${other.slug}`);
    expect(hidden.statusCode).toBe(404);
    const unknown = await download(`workspace=${ws.slug}&limit=5`);
    expect(unknown.statusCode).toBe(400);
  });
});
