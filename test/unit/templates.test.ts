import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fill, placeholdersOf } from "../../src/domain/placeholders.ts";
import { policySchema } from "../../src/domain/policy/schema.ts";
import {
  customerNoticeTopic,
  renderCustomerNotice,
} from "../../src/notify/templates/customer-notice.ts";
import { renderDispatchRequest } from "../../src/notify/templates/dispatch-request.ts";
import { renderOwnerBriefing } from "../../src/notify/templates/owner-briefing.ts";
import { TEMPLATE_TOPICS, templateTopic } from "../../src/notify/templates/registry.ts";
import { type StoredTemplate, workspaceWording } from "../../src/notify/templates/resolve.ts";
import { renderTopic } from "../../src/notify/templates/topic.ts";
import { canonicalTag, wordingIssues } from "../../src/notify/templates/validate.ts";
import { presets } from "../../src/presets/index.ts";

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,8}$/);
/** Values as people type them: anything but braces, line breaks included. */
const braceless = fc.string({ maxLength: 30 }).filter((s) => !/[{}]/.test(s));
const valuesArb = fc.dictionary(name, braceless, { maxKeys: 6 });
/** Templates made of literal text, known and unknown placeholders, and line breaks. */
const templateArb = (names: string[]) =>
  fc
    .array(
      fc.oneof(
        braceless,
        fc.constant("\n"),
        fc.constant("\n\n\n"),
        names.length ? fc.constantFrom(...names).map((n) => `{{${n}}}`) : fc.constant(""),
        name.map((n) => `{{ ${n} }}`),
      ),
      { maxLength: 12 },
    )
    .map((parts) => parts.join(""));

describe("fill", () => {
  it("never leaves a placeholder that has a value", () => {
    fc.assert(
      fc.property(
        valuesArb.chain((values) =>
          fc.tuple(fc.constant(values), templateArb(Object.keys(values))),
        ),
        ([values, template]) => {
          const out = fill(template, values);
          for (const left of placeholdersOf(out)) expect(Object.hasOwn(values, left)).toBe(false);
        },
      ),
    );
  });

  it("is idempotent for values without braces", () => {
    fc.assert(
      fc.property(
        valuesArb.chain((values) =>
          fc.tuple(fc.constant(values), templateArb(Object.keys(values))),
        ),
        ([values, template]) => {
          const once = fill(template, values);
          expect(fill(once, values)).toBe(once);
        },
      ),
    );
  });

  it("drops a line of only empty placeholders, keeps other lines, and collapses blank runs", () => {
    const template =
      "Hello {{name}},\n\n{{reasonLine}}\n{{a}} {{b}}\nSeverity: {{s}}.\n\n\n\n{{note}}";
    expect(fill(template, { name: "Ana", reasonLine: "", a: "", b: "", s: "", note: "" })).toBe(
      "Hello Ana,\n\nSeverity: .",
    );
    expect(fill("{{unknown}} stays", {})).toBe("{{unknown}} stays");
    // A value that brings braces is not filled again.
    expect(fill("{{a}}", { a: "{{b}}", b: "no" })).toBe("{{b}}");
  });
});

describe("the built-in wording", () => {
  const notice = {
    caseNumber: 100042,
    caseSubject: "Printer offline",
    contactName: "Ana",
    language: "en",
    timeZone: "Europe/Berlin",
    holder: { kind: "team" as const, name: "Support L2", region: "Europe" },
    nextUpdateAt: null,
    brand: "Parcelbright",
  };

  it("writes the customer notice exactly as the code-written notice did", () => {
    expect(renderCustomerNotice(notice)).toEqual({
      subject: "[Case 100042] Printer offline — now with our Support L2 team",
      text: [
        "Hello Ana,",
        "",
        'Your case 100042, "Printer offline", has been handed over. Our Support L2 team in Europe now looks after it.',
        "",
        "We will keep you updated as the work goes on.",
        "",
        "To add anything to your case, reply to this email.",
        "",
        "The Parcelbright support team",
      ].join("\n"),
    });
  });

  it("writes German for a German reader, dates the German way in their zone", () => {
    const { subject, text } = renderCustomerNotice({
      ...notice,
      language: "de-AT",
      timeZone: "Europe/Vienna",
      holder: { kind: "agent", name: "Sam Lee" },
      nextUpdateAt: new Date("2026-07-01T08:00:00Z"),
    });
    expect(subject).toBe("[Case 100042] Printer offline — jetzt bei Sam Lee");
    expect(text).toContain("Hallo Ana,");
    expect(text).toContain("Ab jetzt kümmert sich Sam Lee darum.");
    expect(text).toContain(
      "Sie hören spätestens am Mittwoch, 1. Juli 2026 um 10:00 MESZ (Europe/Vienna) wieder von uns.",
    );
  });

  it("briefs the owner and asks the dispatch desk exactly as before, optional lines left out", () => {
    const briefing = renderOwnerBriefing({
      caseNumber: 7,
      caseSubject: "Disk full",
      ownerName: "Eva",
      ownerTimeZone: "Europe/Berlin",
      from: "Sam",
      kindName: "Next shift",
      reason: null,
      severity: "A",
      priority: "High",
      customer: null,
      nextContactAt: null,
      note: "Logs attached.",
    });
    expect(briefing).toEqual({
      subject: "[Case 7] Handed to you: Disk full",
      text: 'Hello Eva,\n\nCase 7, "Disk full", is yours now, handed over by Sam (Next shift).\nSeverity: A. Priority: High.\n\nLogs attached.',
    });
    const assigned = renderOwnerBriefing({
      ...{ caseNumber: 7, caseSubject: "Disk full", ownerName: "Eva", ownerTimeZone: "UTC" },
      ...{ from: null, kindName: null, reason: "R", severity: "A", priority: "High" },
      ...{ customer: null, nextContactAt: null, note: null },
    });
    expect(assigned.text).toBe(
      'Hello Eva,\n\nCase 7, "Disk full", is yours now.\nReason: R\nSeverity: A. Priority: High.',
    );
    expect(
      renderDispatchRequest({
        dispatchSubject: "Desk, please reassign 7",
        caseNumber: 7,
        caseSubject: "Disk full",
        channelEntry: null,
        note: "Note.",
      }),
    ).toEqual({
      subject: "Desk, please reassign 7",
      text: "Desk, please reassign 7\n\nCase 7: Disk full\n\nNote.",
    });
  });

  it("uses only its own variables in every default, and has a sample to preview", () => {
    expect(new Set(TEMPLATE_TOPICS.map((t) => t.topic)).size).toBe(TEMPLATE_TOPICS.length);
    for (const topic of TEMPLATE_TOPICS) {
      for (const [language, wording] of Object.entries(topic.defaults)) {
        expect(wordingIssues(topic, wording), `${topic.topic} ${language}`).toEqual([]);
        const out = renderTopic(topic, topic.sample, language);
        expect(placeholdersOf(out.subject + out.text)).toEqual([]);
      }
      // Every variable the editor offers has a value.
      expect(Object.keys(topic.values(topic.sample, "en")).sort()).toEqual(
        Object.keys(topic.variables).sort(),
      );
    }
    expect(templateTopic("customer_notice")).toBe(customerNoticeTopic);
    expect(templateTopic("nope")).toBeUndefined();
  });

  it("subject stays one line whatever a value brings", () => {
    const out = renderTopic(customerNoticeTopic, { ...notice, caseSubject: "A\r\nBcc: x" }, "en");
    expect(out.subject).toBe("[Case 100042] A Bcc: x — now with our Support L2 team");
  });
});

describe("the workspace's wording for a reader", () => {
  const stored = (language: string, topic = "customer_notice"): StoredTemplate => ({
    topic,
    language,
    subject: language,
    text: language,
  });
  const pick = (rows: StoredTemplate[], reader: string | null, workspace = "en") =>
    workspaceWording(rows, "customer_notice", reader, workspace)?.language ?? "built-in";

  it("takes the exact tag, then the primary language, then the workspace default, then none", () => {
    const all = [stored("en"), stored("de"), stored("de-AT"), stored("fr", "owner_briefing")];
    expect(pick(all, "de-AT")).toBe("de-AT");
    expect(pick(all, "de-at")).toBe("de-AT");
    expect(pick(all, "de-CH")).toBe("de");
    expect(pick(all, "fr")).toBe("en");
    expect(pick(all, null)).toBe("en");
    expect(pick([stored("de")], "fr")).toBe("built-in");
    expect(pick([stored("de")], "fr", "de")).toBe("de");
    expect(pick([stored("fr", "owner_briefing")], "fr")).toBe("built-in");
  });
});

describe("language tags", () => {
  it("keeps tags in their canonical spelling and refuses what is no tag", () => {
    expect(canonicalTag("pt-br")).toBe("pt-BR");
    expect(canonicalTag("DE")).toBe("de");
    expect(canonicalTag("de-AT")).toBe("de-AT");
    for (const bad of ["", "deutsch!", "d", "en_US", "x".repeat(40), "12"])
      expect(canonicalTag(bad), bad).toBeNull();
  });
});

describe("the automatic customer notice per transfer kind", () => {
  const kinds = (slug: keyof typeof presets) =>
    Object.fromEntries(
      policySchema.parse(presets[slug]).transferKinds.map((k) => [k.code, k.customerNotice]),
    );

  it("is on unless the kind says otherwise", () => {
    expect(Object.values(kinds("follow-the-sun"))).not.toContain("off");
    expect(Object.values(kinds("helpdesk-transfer"))).not.toContain("off");
  });

  it("is off where the seeds have the engineer tell the customer, on where triage's notices are the point", () => {
    expect(kinds("regional-cse")).toMatchObject({
      "within-region": "off",
      "between-regions": "off",
    });
    expect(kinds("shift-lead")).toMatchObject({ "planned-leave": "off" });
    expect(kinds("ps-escalation")).toMatchObject({ "triage-to-development": "auto" });
  });
});
