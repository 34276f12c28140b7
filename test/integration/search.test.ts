// Case search (issue 17): full text over subject, description, notes, customer and contact,
// ranked, highlighted, combined with the list's filters, paged, and never another workspace's.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseDetail } from "../../src/http/routes/case-schemas.ts";
import { presets } from "../../src/presets/index.ts";
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

interface Segment {
  text: string;
  mark: boolean;
}
interface Item {
  number: number;
  status: string;
  queue: string;
  match?: { field: string; segments: Segment[] } | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

const marked = (item: Item | undefined) =>
  item?.match?.segments.filter((s) => s.mark).map((s) => s.text) ?? [];

describe.each(databaseKinds)("case search (%s)", (kind) => {
  let world: World;
  let ws: Awaited<ReturnType<typeof buildWorkspace>>;
  let other: Awaited<ReturnType<typeof buildWorkspace>>;
  let agent: TestAgent;
  let stranger: TestAgent;
  let lead: TestAgent;
  let byCustomer: CaseDetail;
  let byNote: CaseDetail;
  let german: CaseDetail;

  const search = async (who: TestAgent, query: string) =>
    ok(await who.api.get<Page>(`${API}/cases?${query}`), 200);
  const numbers = (page: Page) => page.items.map((i) => i.number);

  beforeAll(async () => {
    world = await startWorld(kind);
    ws = await buildWorkspace(world, "regional-cse");
    other = await buildWorkspace(world, "regional-cse");
    agent = await buildAgent(world, ws.slug, "agent", { name: "Ada Agent" });
    stranger = await buildAgent(world, other.slug, "agent", { name: "Otto Other" });
    lead = await buildAgent(world, ws.slug, "shift_lead", { name: "Lee Lead" });

    const customer = ok(
      await agent.api.post<{ id: string; contacts: { id: string }[] }>(
        `${API}/workspaces/${ws.slug}/customers`,
        {
          name: "Müller Maschinenbau GmbH",
          timeZone: "Europe/Berlin",
          language: "de",
          contacts: [{ name: "Jürgen Müller", email: "juergen.mueller@example.de" }],
        },
      ),
      201,
    );
    byCustomer = ok(
      await agent.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Licence server unreachable",
        customerId: customer.id,
        contactId: customer.contacts[0]?.id,
      }),
      201,
    );
    byNote = ok(
      await agent.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Weekly export is slow",
      }),
      201,
    );
    ok(
      await agent.api.post(`${API}/cases/${byNote.number}/notes`, {
        body: "Checked the flux capacitor logs; nothing unusual.",
        visibility: "private",
      }),
      201,
    );
    german = ok(
      await agent.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Ausfall im Lager",
        description: "Seit gestern druckt keiner der Druckern im Lager Etiketten.",
      }),
      201,
    );
    // The same words in another workspace: never found from this one.
    const theirs = ok(
      await stranger.api.post<{ id: string }>(`${API}/workspaces/${other.slug}/customers`, {
        name: "Müller Logistik",
        timeZone: "Europe/Berlin",
        language: "de",
      }),
      201,
    );
    ok(
      await stranger.api.post(`${API}/cases`, {
        workspace: other.slug,
        subject: "Flux capacitor Drucker",
        customerId: theirs.id,
      }),
      201,
    );
  });
  afterAll(() => world?.dispose());

  it("finds a case by its customer's name, in any case and as a prefix, and marks it", async () => {
    for (const q of ["Müller", "müller", "Müll", "Mueller", "muller", "MASCHINENBAU"]) {
      const page = await search(agent, `workspace=${ws.slug}&q=${encodeURIComponent(q)}`);
      expect(numbers(page), q).toEqual([byCustomer.number]);
    }
    const [item] = (await search(agent, `q=M%C3%BCller&sort=relevance`)).items;
    expect(item?.match?.field).toBe("customer");
    expect(marked(item)).toEqual(["Müller"]);
  });

  it("finds a case by the local part of its contact's email address", async () => {
    const page = await search(agent, `workspace=${ws.slug}&q=juergen`);
    expect(numbers(page)).toEqual([byCustomer.number]);
    expect(page.items[0]?.match?.field).toBe("contact");
    expect(marked(page.items[0])).toEqual(["Jürgen", "juergen"]);
    const whole = await search(agent, `q=${encodeURIComponent("juergen.mueller@example.de")}`);
    expect(numbers(whole)).toEqual([byCustomer.number]);
  });

  it("finds a word of a private note for an agent, with the note's words around it", async () => {
    const page = await search(agent, `workspace=${ws.slug}&q=capacitor`);
    expect(numbers(page)).toEqual([byNote.number]);
    const match = page.items[0]?.match;
    expect(match?.field).toBe("note");
    expect(match?.segments.map((s) => s.text).join("")).toContain("flux capacitor logs");
    expect(marked(page.items[0])).toEqual(["capacitor"]);
  });

  it("stems German: Drucker finds Druckern, and Etikett finds Etiketten", async () => {
    for (const q of ["Drucker", "druckers", "Etikett"]) {
      const page = await search(agent, `workspace=${ws.slug}&q=${q}`);
      expect(numbers(page), q).toEqual([german.number]);
    }
    const [item] = (await search(agent, `workspace=${ws.slug}&q=Drucker`)).items;
    expect(item?.match?.field).toBe("description");
    // "druckt" shares the stem: German stemming marks it too.
    expect(marked(item)).toContain("Druckern");
  });

  it("finds a description's new words once it changes, and not its old ones", async () => {
    const made = ok(
      await agent.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Nightly job",
        description: "The backup stalls at the tape library.",
      }),
      201,
    );
    expect(numbers(await search(agent, `workspace=${ws.slug}&q=tape`))).toEqual([made.number]);
    ok(
      await lead.api.patch(`${API}/cases/${made.number}`, {
        version: made.version,
        description: "The backup stalls on the object store.",
      }),
      200,
    );
    expect((await search(agent, `workspace=${ws.slug}&q=tape`)).items).toEqual([]);
    const [item] = (await search(agent, `workspace=${ws.slug}&q=object%20store`)).items;
    expect(item?.number).toBe(made.number);
    expect(item?.match?.field).toBe("description");
  });

  it("finds a subject's new words once it changes, and keeps them through other changes", async () => {
    const made = ok(
      await agent.api.post<CaseDetail>(`${API}/cases`, {
        workspace: ws.slug,
        subject: "Gateway timeout on checkout",
      }),
      201,
    );
    expect(numbers(await search(agent, `workspace=${ws.slug}&q=gateway`))).toEqual([made.number]);
    const renamed = ok(
      await lead.api.patch<CaseDetail>(`${API}/cases/${made.number}`, {
        version: made.version,
        subject: "Payment provider refuses cards",
      }),
      200,
    );
    expect((await search(agent, `workspace=${ws.slug}&q=gateway`)).items).toEqual([]);
    const [item] = (await search(agent, `workspace=${ws.slug}&q=refuses%20cards`)).items;
    expect(item?.number).toBe(made.number);
    expect(item?.match?.field).toBe("subject");
    // A change that is not the subject leaves its words as they were.
    ok(
      await lead.api.patch(`${API}/cases/${made.number}`, {
        version: renamed.version,
        severity: "high",
      }),
      200,
    );
    expect(numbers(await search(agent, `workspace=${ws.slug}&q=provider`))).toEqual([made.number]);
  });

  it("never finds another workspace's cases, customers or notes", async () => {
    const mine = await search(agent, "q=capacitor");
    expect(numbers(mine)).toEqual([byNote.number]);
    const theirs = await search(stranger, "q=juergen");
    expect(theirs.items).toEqual([]);
    const theirNote = await search(stranger, "q=unusual");
    expect(theirNote.items).toEqual([]);
  });

  it("searches nothing where the role may not read cases", async () => {
    const policy = structuredClone(presets["regional-cse"]);
    for (const role of policy.roles)
      if (role.id === "project_manager")
        role.permissions = role.permissions.filter((p) => p !== "case.read");
    const closed = await buildWorkspace(world, "regional-cse", policy);
    const writer = await buildAgent(world, closed.slug, "agent", { name: "Wanda Writer" });
    const pm = await buildAgent(world, closed.slug, "project_manager", { name: "Pia PM" });
    const made = ok(
      await writer.api.post<CaseDetail>(`${API}/cases`, {
        workspace: closed.slug,
        subject: "Quarterly numbers",
      }),
      201,
    );
    ok(
      await writer.api.post(`${API}/cases/${made.number}/notes`, {
        body: "Internal: margin figures attached",
        visibility: "private",
      }),
      201,
    );
    expect(numbers(await search(writer, `q=margin`))).toEqual([made.number]);
    expect((await search(pm, `q=margin`)).items).toEqual([]);
  });

  it("combines with status and queue filters", async () => {
    const queue = byNote.queue;
    ok(
      await lead.api.patch(`${API}/cases/${german.number}`, {
        version: german.version,
        status: "active",
      }),
      200,
    );
    const both = `workspace=${ws.slug}&q=Drucker`;
    expect(numbers(await search(agent, `${both}&status=active`))).toEqual([german.number]);
    expect((await search(agent, `${both}&status=closed`)).items).toEqual([]);
    expect(numbers(await search(agent, `workspace=${ws.slug}&q=capacitor&queue=${queue}`))).toEqual(
      [byNote.number],
    );
    const otherQueue = ws.policy.queues.find((q) => q.code !== queue)?.code;
    expect(
      (await search(agent, `workspace=${ws.slug}&q=capacitor&queue=${otherQueue}`)).items,
    ).toEqual([]);
  });

  it("pages every match once, in each sort order", async () => {
    const made: number[] = [];
    for (let i = 0; i < 7; i++) {
      const c = ok(
        await agent.api.post<CaseDetail>(`${API}/cases`, {
          workspace: ws.slug,
          subject: i % 2 ? `Gateway timeout ${i}` : `Gateway timeout gateway ${i}`,
          description: i % 3 ? "" : "The gateway again.",
        }),
        201,
      );
      made.push(c.number);
    }
    for (const sort of ["relevance", "updated", "due"]) {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Page = await search(
          agent,
          `workspace=${ws.slug}&q=gateway&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        );
        seen.push(...numbers(page));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen.toSorted(), sort).toEqual(made.toSorted());
    }
    const ranked = await search(agent, `workspace=${ws.slug}&q=gateway&sort=relevance`);
    const scoreOrder = ranked.items.map((i) => i.number);
    // Cases naming the word more often rank first.
    expect(made.filter((_, i) => i % 2 === 0)).toContain(scoreOrder[0]);
  });

  it("exports what it finds as CSV", async () => {
    const answer = await world.app.inject({
      method: "GET",
      url: `${API}/cases.csv?workspace=${ws.slug}&q=juergen`,
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(answer.statusCode).toBe(200);
    const [, ...rows] = parse(answer.body) as string[][];
    expect(rows.map((r) => Number(r[0]))).toEqual([byCustomer.number]);
  });

  it("takes hostile text as plain words, and never fails on it", async () => {
    for (const q of [
      "&|!:*()",
      "' OR 1=1 --",
      "müller & !",
      "<b>müller</b>",
      "a:* | b",
      "\\",
      "((((",
      "the",
      "x".repeat(200),
    ]) {
      const answer = await agent.api.get<Page>(
        `${API}/cases?workspace=${ws.slug}&q=${encodeURIComponent(q)}`,
      );
      expect(answer.status, q).toBe(200);
    }
    expect(numbers(await search(agent, `q=${encodeURIComponent("!(müller:* & |")}`))).toEqual([
      byCustomer.number,
    ]);
    expect((await search(agent, `q=${encodeURIComponent("&|!:*()")}`)).items).toEqual([]);
    const tooLong = await agent.api.get(`${API}/cases?q=${"x".repeat(201)}`);
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain("q");
    const control = await agent.api.get(`${API}/cases?q=${encodeURIComponent("a\u0001b")}`);
    expect(control.status).toBe(400);
    const noWords = await agent.api.get(`${API}/cases?sort=relevance`);
    expect(noWords.status).toBe(400);
    expect(JSON.stringify(noWords.body)).toContain("sort");
  });
});
