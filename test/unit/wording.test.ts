import { describe, expect, it } from "vitest";
import { regionNameIn } from "../../src/domain/policy/local-names.ts";
import { type CaseFacts, fill, renderArtifacts } from "../../src/domain/transfer/render.ts";
import { approvalRequestTopic } from "../../src/notify/templates/approval-request.ts";
import {
  type CustomerNoticeFacts,
  renderCustomerNotice,
} from "../../src/notify/templates/customer-notice.ts";
import { handoverEscalationTopic } from "../../src/notify/templates/handover-escalation.ts";
import { renderTopic } from "../../src/notify/templates/topic.ts";
import { presets } from "../../src/presets/index.ts";

// Issue 11: wording in real mail, rendered as it is sent.

const fts = presets["follow-the-sun"];
const kind = fts.transferKinds.find((k) => k.code === "fts-24x7")!;

const facts = (product: string | null): CaseFacts => ({
  number: 2611230001,
  subject: "Jobs fail after upgrade",
  description: "",
  internalTitle: "",
  severity: "A",
  plan: "premier",
  product,
  queue: "in-depth",
  partnerTicket: null,
  incidentId: null,
  stepsToReproduce: "",
  customerTimeZone: null,
  customerLanguage: null,
  lastNotes: [],
});

describe("dispatch subject and channel entry", () => {
  it("leave out the skill cleanly when the case has no product", () => {
    const a = renderArtifacts(kind, fts, facts(null), "EMEA");
    expect(a.dispatchSubject).toBe(
      "Data Platform Dispatch, please reassign Prem Sev A 2611230001 to EMEA SE",
    );
    expect(a.channelEntry).toBe(
      "Case 2611230001 (Prem Sev A) needs an SE in EMEA: Jobs fail after upgrade",
    );
    expect(a.dispatchSubject).not.toMatch(/Skill:/);
    expect(a.channelEntry).not.toMatch(/, \)|needs a EMEA/);
  });

  it("name the skill when there is one, with an article that fits", () => {
    const a = renderArtifacts(kind, fts, facts("spark"), "EMEA");
    expect(a.dispatchSubject).toBe(
      "Data Platform Dispatch, please reassign Prem Sev A 2611230001 to EMEA SE - Skill: spark",
    );
    expect(a.channelEntry).toBe(
      "Case 2611230001 (Prem Sev A, spark) needs an SE in EMEA: Jobs fail after upgrade",
    );
  });

  it("tidies any empty part, and leaves unknown placeholders visible", () => {
    expect(fill("({plan}, {skill}) x", { plan: "", skill: "kafka" })).toBe("(kafka) x");
    expect(fill("A ({plan}) - Skill: {skill}", { plan: "", skill: "" })).toBe("A");
    expect(fill("to {region} {oops}", { region: "US" })).toBe("to US {oops}");
  });
});

const notice = (brand: string, language: string, holder: CustomerNoticeFacts["holder"]) =>
  renderCustomerNotice({
    caseNumber: 100042,
    caseSubject: "Spark jobs fail",
    contactName: "Lena Fischer",
    language,
    timeZone: "Europe/Berlin",
    holder,
    nextUpdateAt: null,
    brand,
  });

describe("customer notice", () => {
  const team = {
    kind: "team",
    name: "In-depth",
    region: "Europa, Naher Osten und Afrika",
  } as const;

  it("does not double a brand's Support, in German and English", () => {
    const de = notice("Data Platform Support", "de", team).text;
    expect(de).toContain("Ihr Team von Data Platform Support");
    expect(de).not.toContain("Support Support");
    const en = notice("Data Platform Support", "en", team).text;
    expect(en).toContain("The Data Platform Support team");
    expect(en).not.toMatch(/Support support/i);
  });

  it("keeps the usual signature for other brands and does not double a queue's team", () => {
    expect(notice("Parcelbright", "de", team).text).toContain("Ihr Parcelbright Support-Team");
    expect(notice("Parcelbright", "en", team).text).toContain("The Parcelbright support team");
    const billing = { kind: "team", name: "Billing team", region: null } as const;
    expect(notice("Parcelbright", "en", billing).text).toContain(
      "Our Billing team now looks after it.",
    );
    expect(notice("Parcelbright", "en", billing).subject).toMatch(/now with our Billing team$/);
    expect(notice("Parcelbright", "de", billing).text).toContain(
      "Ab jetzt kümmert sich unser Billing team darum.",
    );
  });

  it("names the region in the notice's language, from the policy", () => {
    expect(regionNameIn(fts, "EMEA", "de")).toBe("Europa, Naher Osten und Afrika");
    expect(regionNameIn(fts, "EMEA", "de-CH")).toBe("Europa, Naher Osten und Afrika");
    expect(regionNameIn(fts, "EMEA", "fr")).toBe("Europe, Middle East and Africa");
    expect(regionNameIn(fts, "EMEA", null)).toBe("Europe, Middle East and Africa");
    expect(notice("Data Platform Support", "de", team).text).toContain(
      "Ab jetzt kümmert sich unser Team In-depth in Europa, Naher Osten und Afrika darum.",
    );
  });
});

describe("approval request", () => {
  const base = { ...approvalRequestTopic.sample };
  it("links to the approvals page, by address or by path", () => {
    const linked = renderTopic(approvalRequestTopic, base, "en").text;
    expect(linked).toContain("Approve or reject: https://baton.example.com/transfers/approvals");
    const bare = renderTopic(
      approvalRequestTopic,
      { ...base, link: "/transfers/approvals" },
      "en",
    ).text;
    expect(bare).toContain(
      "Approve or reject in Baton on the Approvals page (/transfers/approvals).",
    );
  });
});

describe("missed handover escalation", () => {
  it("says the case needs a handover and is escalated, not that someone mentioned you", () => {
    const { subject, text } = renderTopic(
      handoverEscalationTopic,
      handoverEscalationTopic.sample,
      "en",
    );
    expect(subject).toBe(
      "[Case 100042] Needs a handover: escalated to you — Spark jobs fail after the runtime upgrade",
    );
    expect(text).toContain(
      'Case 100042, "Spark jobs fail after the runtime upgrade", needs a handover: its owner\'s shift ended without one, so Baton escalated it to you.',
    );
    expect(`${subject}\n${text}`).not.toContain("mentioned you");
  });
});
