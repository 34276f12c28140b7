import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Policy, policySchema } from "../../src/domain/policy/schema.ts";
import { chooseAgent, ineligible } from "../../src/domain/routing/choose.ts";
import type { ScheduleAgent } from "../../src/domain/schedule/facts.ts";
import { presets } from "../../src/presets/index.ts";

const policy: Policy = policySchema.parse(presets["helpdesk-transfer"]);
const now = new Date("2026-12-02T15:00:00Z"); // a Wednesday, 10:00 in New York
const queue = (distribution: Policy["queues"][number]["distribution"]) => ({
  code: "l1-support",
  name: "Level 1",
  description: "",
  distribution,
});
const agent = (id: string, over: Partial<ScheduleAgent> = {}): ScheduleAgent => ({
  id,
  name: `Agent ${id}`,
  role: "agent",
  region: null,
  timeZone: "UTC",
  workingHours: null,
  queues: ["l1-support"],
  skills: [],
  languages: ["en"],
  capacity: 5,
  openCases: 0,
  availability: "available",
  leaveFrom: null,
  leaveUntil: null,
  ...over,
});
const kase = { queue: "l1-support", skill: null, language: "en", region: null };

describe("routing's choice", () => {
  it("passes over each agent who may not take work, saying why", () => {
    const why = (a: ScheduleAgent) => ineligible(policy, a, "l1-support", now);
    expect(why(agent("a"))).toBeNull();
    expect(why(agent("a", { role: "admin" }))).toBe("takes no routed work in this role");
    expect(why(agent("a", { queues: ["billing"] }))).toBe("does not work this queue");
    expect(why(agent("a", { availability: "off_queue" }))).toBe("off queue");
    expect(why(agent("a", { availability: "on_leave" }))).toBe("on leave");
    expect(
      why(
        agent("a", {
          leaveFrom: new Date("2026-12-01T00:00:00Z"),
          leaveUntil: new Date("2026-12-09T00:00:00Z"),
        }),
      ),
    ).toMatch(/^on leave until Wed 9 Dec/);
    // Leave booked for later is no leave yet: the agent works until it starts.
    expect(
      why(
        agent("a", {
          availability: "on_leave",
          leaveFrom: new Date(now.getTime() + 86_400_000),
          leaveUntil: new Date(now.getTime() + 5 * 86_400_000),
        }),
      ),
    ).toBeNull();
    expect(why(agent("a", { openCases: 5 }))).toBe("at capacity (5 of 5 open cases)");
    // APAC's business hours are over at 15:00 UTC.
    expect(why(agent("a", { region: "APAC" }))).toMatch(/^off shift until /);
  });

  it("gives routed work to the policy's routing roles only: agents and triage unless it adds leads", () => {
    const lead = agent("l", { role: "shift_lead" });
    expect(ineligible(policy, lead, "l1-support", now)).toBe("takes no routed work in this role");
    expect(ineligible(policy, agent("t", { role: "triage" }), "l1-support", now)).toBeNull();
    const leadsToo = policySchema.parse({
      ...presets["helpdesk-transfer"],
      routing: { roles: ["agent", "shift_lead"] },
    });
    expect(ineligible(leadsToo, lead, "l1-support", now)).toBeNull();
    const d = chooseAgent({ policy, queue: queue("round_robin"), kase, agents: [lead], now });
    expect(d.agentId).toBeNull();
    expect(
      policySchema.safeParse({ ...presets["helpdesk-transfer"], routing: { roles: ["boss"] } })
        .success,
    ).toBe(false);
  });

  it("round robin takes turns after whoever had the last case", () => {
    const agents = [agent("a"), agent("b"), agent("c")];
    const pick = (last: string | null) =>
      chooseAgent({ policy, queue: queue("round_robin"), kase, agents, now, lastAgentId: last })
        .agentId;
    expect([pick(null), pick("a"), pick("b"), pick("c")]).toEqual(["a", "b", "c", "a"]);
  });

  it("least loaded picks the most room for the capacity, and manual picks nobody", () => {
    const agents = [
      agent("a", { openCases: 2, capacity: 4 }),
      agent("b", { openCases: 3, capacity: 10 }),
    ];
    const d = chooseAgent({ policy, queue: queue("least_loaded"), kase, agents, now });
    expect(d.agentId).toBe("b");
    expect(d.considered.find((c) => c.agentId === "a")?.passed).toBe("more loaded (2 of 4)");
    expect(chooseAgent({ policy, queue: queue("manual"), kase, agents, now }).agentId).toBeNull();
  });

  it("skills drops criteria in the policy's order until someone matches", () => {
    const agents = [
      agent("de", { languages: ["de"], skills: [] }),
      agent("db", { languages: ["en"], skills: ["db"] }),
    ];
    const german = { ...kase, language: "de", skill: "db" };
    // Nobody has both: region goes first (nobody is asked for one), then language.
    const d = chooseAgent({ policy, queue: queue("skills"), kase: german, agents, now });
    expect(d.agentId).toBe("db");
    expect(d.matched).toEqual(["skill"]);
    expect(d.considered.find((c) => c.agentId === "de")?.passed).toBe("lacks skill db");
  });

  it("only ever chooses an eligible agent under capacity, and round robin shares work evenly", () => {
    const arb = fc.array(
      fc.record({
        openCases: fc.integer({ min: 0, max: 6 }),
        capacity: fc.integer({ min: 1, max: 5 }),
        availability: fc.constantFrom("available", "off_queue", "on_leave") as fc.Arbitrary<
          ScheduleAgent["availability"]
        >,
      }),
      { minLength: 1, maxLength: 8 },
    );
    fc.assert(
      fc.property(
        arb,
        fc.constantFrom("round_robin", "least_loaded", "skills") as fc.Arbitrary<"round_robin">,
        (specs, method) => {
          const agents = specs.map((s, i) => agent(`a${i}`, s));
          const d = chooseAgent({ policy, queue: queue(method), kase, agents, now });
          const eligible = agents.filter((a) => ineligible(policy, a, "l1-support", now) === null);
          // Someone eligible is chosen; nobody is chosen only when nobody is eligible.
          const allowed = eligible.length === 0 ? [null] : eligible.map((a) => a.id);
          expect(allowed).toContain(d.agentId);
          expect(d.considered).toHaveLength(agents.length);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 60 }), (k, n) => {
        const agents = Array.from({ length: k }, (_, i) => agent(`a${i}`, { capacity: 1000 }));
        const counts = new Map<string, number>();
        let last: string | null = null;
        for (let i = 0; i < n; i++) {
          last = chooseAgent({
            policy,
            queue: queue("round_robin"),
            kase,
            agents,
            now,
            lastAgentId: last,
          }).agentId;
          counts.set(last!, (counts.get(last!) ?? 0) + 1);
        }
        for (const a of agents) {
          const c = counts.get(a.id) ?? 0;
          expect(c === Math.floor(n / k) || c === Math.ceil(n / k)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
