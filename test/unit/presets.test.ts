import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { type Permission, ROLE_IDS } from "../../src/domain/permissions.ts";
import { parsePolicy, permissionsOf } from "../../src/domain/policy/parse.ts";
import type { Policy, PolicyInput, Region } from "../../src/domain/policy/schema.ts";
import { isIanaZone } from "../../src/domain/text.ts";
import { followTheSunPreset } from "../../src/presets/follow-the-sun.ts";
import { helpdeskTransferPreset } from "../../src/presets/helpdesk-transfer.ts";
import { PRESET_SLUGS, presetBySlug, presets } from "../../src/presets/index.ts";
import { psEscalationPreset } from "../../src/presets/ps-escalation.ts";
import { regionalCsePreset } from "../../src/presets/regional-cse.ts";
import { shiftLeadPreset } from "../../src/presets/shift-lead.ts";

const INPUTS: Record<string, PolicyInput> = {
  "regional-cse": regionalCsePreset,
  "follow-the-sun": followTheSunPreset,
  "ps-escalation": psEscalationPreset,
  "helpdesk-transfer": helpdeskTransferPreset,
  "shift-lead": shiftLeadPreset,
};

const ZONES: Record<string, string[]> = {
  APAC: ["Asia/Singapore", "Australia/Sydney"],
  IST: ["Asia/Kolkata"],
  EMEA: ["Europe/London", "Europe/Berlin"],
  US: ["America/New_York", "America/Los_Angeles"],
};

const WORKDAYS = ["mon", "tue", "wed", "thu", "fri"] as const;

function parsed(slug: string): Policy {
  const result = parsePolicy(INPUTS[slug]);
  if (!result.ok) throw new Error(`${slug}: ${JSON.stringify(result.issues)}`);
  return result.policy;
}

function holders(policy: Policy, permission: Permission): string[] {
  return policy.roles.filter((r) => r.permissions.includes(permission)).map((r) => r.id);
}

const WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

function isOpen(region: Region, at: DateTime): boolean {
  const local = at.setZone(region.timeZone);
  if (region.holidays.includes(local.toISODate()!)) return false;
  const spans = region.businessHours[WEEKDAY_KEYS[local.weekday - 1]!];
  const time = local.toFormat("HH:mm");
  return spans.some((s) => s.start <= time && time < s.end);
}

describe("presets", () => {
  it("exports every slug, in order, with the parsed policy", () => {
    expect(Object.keys(presets)).toEqual([...PRESET_SLUGS]);
    expect(Object.keys(INPUTS)).toEqual([...PRESET_SLUGS]);
    for (const slug of PRESET_SLUGS) expect(presets[slug]).toEqual(parsed(slug));
  });

  it("looks presets up by slug and returns an editable copy", () => {
    const copy = presetBySlug("shift-lead");
    expect(copy).toEqual(presets["shift-lead"]);
    expect(copy).not.toBe(presets["shift-lead"]);
    copy!.name = "Edited";
    expect(presets["shift-lead"].name).not.toBe("Edited");
    expect(presetBySlug("unknown")).toBeUndefined();
    expect(presetBySlug("constructor")).toBeUndefined();
    expect(presetBySlug("__proto__")).toBeUndefined();
    expect(Object.isFrozen(presets["shift-lead"].roles[0]!.permissions)).toBe(true);
  });

  describe.each(PRESET_SLUGS)("%s", (slug) => {
    const input = INPUTS[slug]!;

    it("parses as schema version 1", () => {
      const result = parsePolicy(input);
      expect(result.ok ? [] : result.issues).toEqual([]);
      expect(input.schemaVersion).toBe(1);
    });

    it("has exactly the regions APAC, IST, EMEA and US in real IANA zones", () => {
      const policy = parsed(slug);
      expect(policy.regions.map((r) => r.code).sort()).toEqual(["APAC", "EMEA", "IST", "US"]);
      for (const region of policy.regions) {
        expect(isIanaZone(region.timeZone), region.timeZone).toBe(true);
        expect(ZONES[region.code]).toContain(region.timeZone);
      }
    });

    it("works weekdays only, with plausible hours", () => {
      for (const region of parsed(slug).regions) {
        expect(region.businessHours.sat).toEqual([]);
        expect(region.businessHours.sun).toEqual([]);
        for (const day of WORKDAYS) {
          const spans = region.businessHours[day];
          expect(spans.length, `${region.code} ${day}`).toBeGreaterThan(0);
          for (const s of spans) {
            expect(s.start >= "07:00" && s.end <= "20:00", `${region.code} ${day}`).toBe(true);
          }
        }
      }
    });

    it("lists real, sorted, distinct holidays for 2026 and 2027", () => {
      for (const region of parsed(slug).regions) {
        const days = region.holidays;
        expect(days.filter((d) => d.startsWith("2026-")).length).toBeGreaterThanOrEqual(3);
        expect(days.filter((d) => d.startsWith("2027-")).length).toBeGreaterThanOrEqual(3);
        expect([...days].sort()).toEqual(days);
        expect(new Set(days).size).toBe(days.length);
        for (const d of days) expect(DateTime.fromISO(d).isValid, d).toBe(true);
      }
    });

    it("uses unique codes everywhere", () => {
      const policy = parsed(slug);
      const lists = [
        policy.regions,
        policy.queues,
        policy.brands,
        policy.severities,
        policy.priorities,
        policy.plans,
        policy.products,
        policy.languages,
      ];
      for (const list of lists) {
        const codes = list.map((x) => x.code);
        expect(new Set(codes).size).toBe(codes.length);
      }
    });

    it("lists every role once with an explicit permission list", () => {
      expect(input.roles.map((r) => r.id).sort()).toEqual([...ROLE_IDS].sort());
      for (const role of input.roles) expect(Array.isArray(role.permissions)).toBe(true);
      const admin = permissionsOf(parsed(slug), "admin");
      expect(admin.has("policy.manage")).toBe(true);
      expect(admin.has("user.manage")).toBe(true);
    });

    it("gives SLA clocks to every severity and a skill to every product", () => {
      const policy = parsed(slug);
      for (const s of policy.severities) {
        expect(s.firstResponseMinutes, s.code).toBeGreaterThan(0);
        expect(s.updateEveryMinutes, s.code).toBeGreaterThan(0);
      }
      for (const p of policy.products) expect(p.skill.length).toBeGreaterThan(0);
    });

    it("keeps defaults pointing at existing codes", () => {
      const policy = parsed(slug);
      expect(policy.queues.map((q) => q.code)).toContain(policy.defaults.queue);
      expect(policy.severities.map((x) => x.code)).toContain(policy.defaults.severity);
      expect(policy.priorities.map((x) => x.code)).toContain(policy.defaults.priority);
      expect(policy.plans.map((x) => x.code)).toContain(policy.defaults.plan);
      expect(policy.brands.map((x) => x.code)).toContain(policy.defaults.brand);
      expect(policy.languages.map((x) => x.code)).toContain(policy.defaults.language);
    });
  });
});

describe("seed-specific rules", () => {
  it("regional-cse (000): a queue per region; supervisors and engineers may reassign", () => {
    const policy = presets["regional-cse"];
    for (const region of ["APAC", "IST", "EMEA", "US"]) {
      expect(
        policy.queues.some((q) => q.region === region),
        region,
      ).toBe(true);
    }
    expect(permissionsOf(policy, "supervisor").has("case.assign")).toBe(true);
    expect(permissionsOf(policy, "supervisor").has("agent.availability.any")).toBe(true);
    expect(permissionsOf(policy, "agent").has("case.assign")).toBe(true);
    expect(policy.regions.find((r) => r.code === "US")?.name).toBe("North America");
  });

  it("follow-the-sun (001): in-depth and arr queues, Prem/Pro 24x7 plans, A/B/C", () => {
    const policy = presets["follow-the-sun"];
    expect(policy.queues.map((q) => q.code)).toEqual(["in-depth", "arr"]);
    expect(policy.queues.find((q) => q.code === "arr")?.description).toMatch(/does not apply/);
    expect(policy.description).toMatch(/only to the in-depth queue/);
    const plans = Object.fromEntries(policy.plans.map((p) => [p.code, p]));
    expect(plans.premier).toMatchObject({ name: "Prem", allows24x7: true });
    expect(plans.pro).toMatchObject({ name: "Pro", allows24x7: true });
    expect(policy.severities.map((s) => s.code)).toEqual(["A", "B", "C"]);
    const [a, b, c] = policy.severities;
    expect(a!.firstResponseMinutes!).toBeLessThan(b!.firstResponseMinutes!);
    expect(b!.firstResponseMinutes!).toBeLessThan(c!.firstResponseMinutes!);
    expect(policy.products.find((p) => p.code === "spark")?.skill).toBe("spark");
    const languages = policy.languages.map((l) => l.code);
    for (const code of ["en", "zh", "ja", "hi", "de"]) expect(languages).toContain(code);
  });

  it("follow-the-sun (001): some region is open at every weekday hour, winter and summer", () => {
    const regions = presets["follow-the-sun"].regions;
    for (const day of ["2026-01-14", "2026-07-15"]) {
      const start = DateTime.fromISO(`${day}T00:00:00Z`, { setZone: true });
      for (let minutes = 0; minutes < 24 * 60; minutes += 30) {
        const at = start.plus({ minutes });
        expect(
          regions.some((r) => isOpen(r, at)),
          at.toISO()!,
        ).toBe(true);
      }
    }
  });

  it("ps-escalation (002): triage queue before development; agents cannot reassign", () => {
    const policy = presets["ps-escalation"];
    const queues = policy.queues.map((q) => q.code);
    for (const code of ["support-l1", "triage", "development", "professional-services"]) {
      expect(queues).toContain(code);
    }
    expect(holders(policy, "case.assign").sort()).toEqual(["admin", "supervisor", "triage"]);
    const agent = permissionsOf(policy, "agent");
    expect(agent.has("case.create")).toBe(true);
    expect(agent.has("case.note")).toBe(true);
    expect(permissionsOf(policy, "project_manager").has("case.read")).toBe(true);
    expect(permissionsOf(policy, "project_manager").has("case.note")).toBe(true);
  });

  it("ps-escalation (002): development's stages, the customer told from a fix in progress on", () => {
    const told = Object.fromEntries(
      presets["ps-escalation"].development.stages.map((st) => [st.code, st.tellCustomer]),
    );
    expect(told).toEqual({
      received: false,
      investigating: false,
      fix_in_progress: true,
      fix_ready: true,
      released: true,
      wont_fix: true,
    });
    for (const st of presets["ps-escalation"].development.stages.filter((x) => x.tellCustomer))
      expect(st.customerSentence).not.toBe("");
  });

  it("refuses a development section with a twice-used code or a silent stage that tells the customer", () => {
    const result = parsePolicy({
      ...psEscalationPreset,
      development: {
        stages: [
          { code: "received", name: "Received" },
          { code: "released", name: "Released", tellCustomer: true },
          { code: "received", name: "Again" },
        ],
      },
    });
    expect(result.ok).toBe(false);
    const fields = result.ok ? [] : result.issues.map((i) => i.field);
    expect(fields.sort()).toEqual([
      "development.stages.1.customerSentence",
      "development.stages.2.code",
    ]);
  });

  it("helpdesk-transfer (003): cross-workspace, distribution methods, agents transfer", () => {
    const policy = presets["helpdesk-transfer"];
    expect(policy.crossWorkspace).toEqual({ sendTo: true, receiveFrom: true });
    const methods = Object.fromEntries(policy.queues.map((q) => [q.code, q.distribution]));
    expect(methods).toMatchObject({
      "l1-support": "round_robin",
      "l2-support": "least_loaded",
      sales: "round_robin",
      billing: "manual",
    });
    expect(policy.brands.length).toBeGreaterThanOrEqual(2);
    expect(permissionsOf(policy, "agent").has("case.assign")).toBe(true);
    expect(policy.statusLabels.active).toBe("Active");
  });

  it("shift-lead (004): only the shift lead (and admin) reassigns or sets availability", () => {
    const policy = presets["shift-lead"];
    const agent = permissionsOf(policy, "agent");
    expect(agent.has("case.assign")).toBe(false);
    expect(agent.has("agent.availability.any")).toBe(false);
    const lead = permissionsOf(policy, "shift_lead");
    expect(lead.has("case.assign")).toBe(true);
    expect(lead.has("agent.availability.any")).toBe(true);
    expect(holders(policy, "case.assign").sort()).toEqual(["admin", "shift_lead"]);
    expect(holders(policy, "agent.availability.any").sort()).toEqual(["admin", "shift_lead"]);
    expect(policy.queues.map((q) => q.code)).toEqual(["tickets", "chat"]);
    expect(policy.queues.every((q) => q.distribution === "manual")).toBe(true);
  });

  it("only helpdesk-transfer crosses workspaces", () => {
    for (const slug of PRESET_SLUGS) {
      const { sendTo, receiveFrom } = presets[slug].crossWorkspace;
      expect(sendTo && receiveFrom, slug).toBe(slug === "helpdesk-transfer");
    }
  });
});

describe("nothing from the seeds' people, mailboxes, brands or links", () => {
  // Words are matched whole and case-insensitively; substrings are matched anywhere.
  const FORBIDDEN_WORDS = [
    "Mubeen",
    "Tracy",
    "Zhang",
    "Shyam",
    "Simha",
    "Ryszard",
    "Gawron",
    "Prashanth",
    "Madi",
    "Shijie",
    "Li",
    "IcM",
    "IGTSC",
    "MSFT",
    "Critsit",
    "Chatter",
    "Intercom",
    "PTO",
  ];
  const FORBIDDEN_SUBSTRINGS = [
    "microsoft",
    "microsoft.com",
    "teams.microsoft",
    "safelinks",
    "outlook",
    "azure",
    "azurewebsites",
    "bigdatapod",
    "sqldmmdt",
    "SmarterTrack",
    "Big Data DM",
    "Service Desk",
    "http://",
    "https://",
    "www.",
  ];

  it.each(PRESET_SLUGS)("%s", (slug) => {
    const text = JSON.stringify([INPUTS[slug], presets[slug]]);
    const lower = text.toLowerCase();
    for (const s of FORBIDDEN_SUBSTRINGS) expect(lower, s).not.toContain(s.toLowerCase());
    for (const w of FORBIDDEN_WORDS) expect(text, w).not.toMatch(new RegExp(`\\b${w}\\b`, "i"));
    expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });

  it("the scan itself catches a planted name", () => {
    const planted = JSON.stringify({ ...regionalCsePreset, name: "Ask mubeen first" });
    expect(planted).toMatch(/\bMubeen\b/i);
  });
});

describe("parsePolicy rejects broken policies and names the field", () => {
  type Mutable = Record<string, unknown> & {
    regions: Record<string, unknown>[];
    queues: Record<string, unknown>[];
    roles: Record<string, unknown>[];
    defaults: Record<string, unknown>;
  };
  const broken = (edit: (p: Mutable) => void) => {
    const copy = structuredClone(regionalCsePreset) as unknown as Mutable;
    edit(copy);
    const result = parsePolicy(copy);
    if (result.ok) throw new Error("expected the policy to be rejected");
    return result.issues;
  };
  const fields = (issues: { field: string }[]) => issues.map((i) => i.field);

  it("an unknown default queue", () => {
    const issues = broken((p) => {
      p.defaults.queue = "nowhere";
    });
    expect(issues).toContainEqual({
      field: "defaults.queue",
      message: expect.stringContaining("nowhere"),
    });
  });

  it("a queue code used twice", () => {
    const issues = broken((p) => {
      p.queues.push({ ...p.queues[0]!, name: "Copy" });
    });
    expect(fields(issues)).toContain(`queues.${regionalCsePreset.queues.length}.code`);
  });

  it.each(["+05:30", "UTC+1", "GMT-3", "Mars/Olympus", ""])("a time zone %j", (zone) => {
    const issues = broken((p) => {
      p.regions[0]!.timeZone = zone;
    });
    expect(fields(issues)).toEqual(["regions.0.timeZone"]);
  });

  it("accepts Asia/Kolkata and other real zones", () => {
    for (const zone of ["Asia/Kolkata", "Asia/Calcutta", "Europe/Berlin", "UTC"]) {
      const copy = structuredClone(regionalCsePreset);
      copy.regions[0]!.timeZone = zone;
      expect(parsePolicy(copy).ok, zone).toBe(true);
    }
  });

  it("business hours that start after they end", () => {
    const issues = broken((p) => {
      (p.regions[0]!.businessHours as Record<string, unknown>).mon = [
        { start: "18:00", end: "09:00" },
      ];
    });
    expect(fields(issues)).toEqual(["regions.0.businessHours.mon.0"]);
  });

  it("an impossible holiday", () => {
    const issues = broken((p) => {
      p.regions[1]!.holidays = ["2026-01-26", "2026-02-30"];
    });
    expect(fields(issues)).toEqual(["regions.1.holidays.1"]);
  });

  it("an unknown permission", () => {
    const issues = broken((p) => {
      p.roles[0]!.permissions = ["case.read", "case.delete"];
    });
    expect(fields(issues)).toEqual(["roles.0.permissions.1"]);
  });

  it("an unknown top-level key", () => {
    const issues = broken((p) => {
      p.transferTypes = [];
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain("transferTypes");
  });

  it("no admin role", () => {
    const issues = broken((p) => {
      p.roles = p.roles.filter((r) => r.id !== "admin");
    });
    expect(issues).toContainEqual({ field: "roles", message: expect.stringMatching(/admin/) });
  });

  it("a queue in an unknown region", () => {
    const issues = broken((p) => {
      p.queues[0]!.region = "LATAM";
    });
    expect(fields(issues)).toEqual(["queues.0.region"]);
  });
});
