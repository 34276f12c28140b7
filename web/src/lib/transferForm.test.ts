import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors.ts";
import type { TransferKindOption } from "../api/types.ts";
import {
  EMPTY_FORM,
  type FormContext,
  formForKind,
  formGaps,
  guardMessagesByField,
  initialKind,
  isoToLocal,
  isPrefilled,
  localToIso,
  missingByField,
  placeErrors,
  splitIssues,
  type TransferForm,
  templateValue,
  toRequestBody,
  withTargetType,
} from "./transferForm.ts";

const fts: TransferKindOption = {
  code: "fts-24x7",
  name: "24x7 handover to the next region",
  description: "",
  available: true,
  unavailableBecause: null,
  targets: ["queue"],
  toQueues: ["in-depth"],
  region: "other",
  needsRegion: true,
  reasons: [
    {
      code: "next-shift",
      label: "Next shift",
      requiresText: false,
      isLeave: false,
      customerChoosesRegion: false,
    },
    {
      code: "owner-on-leave",
      label: "Leave",
      requiresText: false,
      isLeave: true,
      customerChoosesRegion: false,
    },
  ],
  template: [
    {
      key: "summary",
      label: "Summary",
      help: "",
      kind: "textarea",
      required: true,
      prefill: "last_notes",
      value: "Called the customer",
    },
    {
      key: "partner_ticket",
      label: "Partner ticket",
      help: "",
      kind: "text",
      required: false,
      value: "",
    },
    {
      key: "pass_to",
      label: "PASS TO",
      help: "",
      kind: "text",
      required: true,
      prefill: "target_region",
      value: "",
    },
  ],
  steps: ["notes_updated"],
  approverRoles: [],
  guards: ["confirm-next-shift-needed"],
  asks24x7Confirmation: true,
  blockers: [{ targetType: "queue", guards: [] }],
};

const withinRegion: TransferKindOption = {
  ...fts,
  code: "within-region",
  targets: ["agent", "queue"],
  toQueues: ["cse-apac", "cse-emea"],
  region: "same",
  reasons: [
    {
      code: "other",
      label: "Other",
      requiresText: true,
      isLeave: false,
      customerChoosesRegion: false,
    },
    {
      code: "sme",
      label: "Expert",
      requiresText: false,
      isLeave: false,
      customerChoosesRegion: false,
    },
  ],
  asks24x7Confirmation: false,
  steps: ["notes_updated", "approval", "receiver_acceptance", "customer_notified"],
  approverRoles: ["supervisor"],
};

const ctx: FormContext = {
  queueRegion: (q) => ({ "cse-apac": "APAC", "cse-emea": "EMEA" })[q] ?? null,
  queueAutoAssigns: (q) => q === "cse-apac",
};

const ready = (kind: TransferKindOption, patch: Partial<TransferForm> = {}): TransferForm => ({
  ...formForKind(kind),
  ...patch,
});

describe("starting the form", () => {
  it("picks the only available kind, else none", () => {
    expect(initialKind({ kinds: [fts, { ...withinRegion, available: false }] })).toBe("fts-24x7");
    expect(initialKind({ kinds: [fts, withinRegion] })).toBe("");
    expect(initialKind({ kinds: [] })).toBe("");
  });

  it("starts a kind at its first target and queue, and its reason when it has only one", () => {
    expect(formForKind(fts)).toMatchObject({
      kind: "fts-24x7",
      targetType: "queue",
      queue: "in-depth",
      reason: "",
    });
    expect(formForKind({ ...fts, reasons: [fts.reasons[0]!] }).reason).toBe("next-shift");
    expect(formForKind(undefined)).toEqual(EMPTY_FORM);
  });

  it("drops the pin when switching away from an agent", () => {
    const form = ready(withinRegion, { pin: true, pinUntil: "2026-05-04T10:00" });
    expect(withTargetType(form, withinRegion, "queue")).toMatchObject({ pin: false, pinUntil: "" });
    expect(withTargetType(form, withinRegion, "agent")).toMatchObject({ pin: true });
  });
});

describe("what the form still lacks", () => {
  it("asks for the kind first", () => {
    expect(formGaps(EMPTY_FORM, undefined, ctx)).toEqual([
      { field: "kind", message: "Pick a kind of transfer" },
      { field: "target", message: "Say where the case goes" },
      { field: "reason", message: "Pick a reason" },
    ]);
  });

  it("says why an unavailable kind cannot be used", () => {
    const gaps = formGaps(
      ready(fts),
      { ...fts, available: false, unavailableBecause: "the case is closed" },
      ctx,
    );
    expect(gaps[0]).toEqual({ field: "kind", message: "the case is closed" });
  });

  it("asks for the region of a queue without one when the kind has a region rule", () => {
    const gaps = formGaps(ready(fts, { reason: "next-shift" }), fts, ctx);
    expect(gaps).toEqual([
      { field: "target.region", message: "Name the region that should take the case" },
    ]);
    expect(formGaps(ready(fts, { reason: "next-shift", region: "EMEA" }), fts, ctx)).toEqual([]);
  });

  it("does not ask for a region when the queue has its own", () => {
    const form = ready(withinRegion, { targetType: "queue", queue: "cse-apac", reason: "sme" });
    expect(formGaps(form, withinRegion, ctx)).toEqual([]);
  });

  it("asks for the agent, the reason and its free text", () => {
    expect(formGaps(ready(withinRegion), withinRegion, ctx).map((g) => g.field)).toEqual([
      "target.agentId",
      "reason",
    ]);
    expect(
      formGaps(ready(withinRegion, { agentId: "a1", reason: "other" }), withinRegion, ctx),
    ).toEqual([{ field: "reasonText", message: "Say in a few words why" }]);
  });
});

describe("the request body", () => {
  it("is null while something is missing", () => {
    expect(toRequestBody(ready(fts), fts, 3, ctx)).toBeNull();
    expect(toRequestBody(EMPTY_FORM, undefined, 3, ctx)).toBeNull();
  });

  it("sends a queue target with its region, the 24x7 confirmation and only touched fields", () => {
    const form = ready(fts, {
      reason: "next-shift",
      region: "EMEA",
      confirmNextShift: true,
      fields: { summary: "Rebooted the brokers", unknown_field: "x" },
      comment: "  thanks  ",
    });
    expect(toRequestBody(form, fts, 7, ctx)).toEqual({
      version: 7,
      kind: "fts-24x7",
      target: { queue: "in-depth", region: "EMEA" },
      reason: "next-shift",
      fields: { summary: "Rebooted the brokers" },
      confirmations: { customerNeedsNextShift: true },
      pin: false,
      comment: "thanks",
    });
  });

  it("sends an unticked confirmation as false, so the guard speaks", () => {
    const body = toRequestBody(ready(fts, { reason: "next-shift", region: "US" }), fts, 1, ctx);
    expect(body?.confirmations).toEqual({ customerNeedsNextShift: false });
  });

  it("sends an agent target with pin, priority, status and the reason's text", () => {
    const form = ready(withinRegion, {
      agentId: "a1",
      reason: "other",
      reasonText: " customer asked ",
      newPriority: "high",
      newStatus: "active",
      pin: true,
      pinUntil: "2026-05-04T09:30",
    });
    const body = toRequestBody(form, withinRegion, 2, ctx);
    expect(body).toMatchObject({
      target: { agentId: "a1" },
      reasonText: "customer asked",
      newPriority: "high",
      newStatus: "active",
      pin: true,
      confirmations: {},
    });
    expect(body?.pinUntil).toBe(new Date("2026-05-04T09:30").toISOString());
  });

  it("sends an agent's new group and a new brand only when picked (S3.3)", () => {
    const base = { agentId: "a1", reason: "other", reasonText: "why" };
    const kept = toRequestBody(ready(withinRegion, base), withinRegion, 2, ctx);
    expect(kept?.target).toEqual({ agentId: "a1" });
    expect(kept?.newBrand).toBeUndefined();
    const moved = toRequestBody(
      ready(withinRegion, { ...base, agentQueue: "cse-apac", newBrand: "store" }),
      withinRegion,
      2,
      ctx,
    );
    expect(moved?.target).toEqual({ agentId: "a1", queue: "cse-apac" });
    expect(moved?.newBrand).toBe("store");
  });

  it("never sends the queue's own region nor a pin for a queue", () => {
    const form = ready(withinRegion, {
      targetType: "queue",
      queue: "cse-emea",
      region: "APAC",
      reason: "sme",
      pin: true,
    });
    const body = toRequestBody(form, withinRegion, 2, ctx);
    expect(body?.target).toEqual({ queue: "cse-emea" });
    expect(body?.pin).toBe(false);
    expect(body?.pinUntil).toBeUndefined();
  });

  it("converts datetime-local values both ways", () => {
    expect(localToIso("nonsense")).toBe("");
    expect(localToIso("")).toBe("");
    const d = new Date(2026, 4, 4, 9, 30);
    expect(isoToLocal(d)).toBe("2026-05-04T09:30");
    expect(localToIso(isoToLocal(d))).toBe(d.toISOString());
  });
});

describe("template values", () => {
  const summary = fts.template[0]!;
  const passTo = fts.template[2]!;
  it("shows what was typed, else the latest pre-fill from the preview, else the options'", () => {
    expect(templateValue(summary, { fields: {} }, undefined)).toBe("Called the customer");
    expect(templateValue(passTo, { fields: {} }, { fields: { pass_to: "EMEA" } })).toBe("EMEA");
    expect(
      templateValue(passTo, { fields: { pass_to: "" } }, { fields: { pass_to: "EMEA" } }),
    ).toBe("");
  });

  it("marks untouched non-empty pre-filled values", () => {
    expect(isPrefilled(summary, { fields: {} }, undefined)).toBe(true);
    expect(isPrefilled(summary, { fields: { summary: "mine" } }, undefined)).toBe(false);
    expect(isPrefilled(passTo, { fields: {} }, undefined)).toBe(false);
    expect(isPrefilled(fts.template[1]!, { fields: {} }, { fields: { partner_ticket: "P" } })).toBe(
      false,
    );
  });
});

describe("placing refusals beside their fields", () => {
  it("splits a detail naming several fields", () => {
    expect(splitIssues("target.region: name it; pin: only agents")).toEqual([
      { field: "target.region", message: "name it" },
      { field: "pin", message: "only agents" },
    ]);
    expect(splitIssues("Confirm with the customer: really")).toBeNull();
    expect(splitIssues('reason: "x" is not a reason; choose one of a, b')).toBeNull();
  });

  it("places a bad target's issues by field without repeating the field name", () => {
    const error = new ApiError(
      422,
      "invalid_target",
      "target.region: name the region; pin: only a transfer to an agent can pin the case",
      [{ field: "target.region", message: "target.region: name the region; pin: only …" }],
    );
    expect(placeErrors(error)).toEqual({
      fields: {
        "target.region": "name the region",
        pin: "only a transfer to an agent can pin the case",
      },
      general: null,
      conflict: false,
    });
  });

  it("places a guard's refusal beside what it is about", () => {
    const message = "Confirm with the customer that they need the next shift.";
    const error = new ApiError(
      422,
      "confirm-next-shift-needed",
      message,
      [{ field: "guard", message }],
      { guard: "confirm-next-shift-needed" },
    );
    expect(placeErrors(error).fields).toEqual({ confirmNextShift: message });
    const other = new ApiError(
      422,
      "ping-pong",
      "Too many",
      [{ field: "guard", message: "Too many" }],
      {
        guard: "ping-pong",
      },
    );
    expect(placeErrors(other).fields).toEqual({ guards: "Too many" });
  });

  it("places every missing template field", () => {
    const error = new ApiError(422, "template_incomplete", "Summary is required; X is required", [
      { field: "fields.summary", message: "Summary is required" },
      { field: "fields.x", message: "X is required" },
    ]);
    expect(placeErrors(error).fields).toEqual({
      "fields.summary": "Summary is required",
      "fields.x": "X is required",
    });
  });

  it("sends conflicts, unknown fields and plain errors to the top", () => {
    expect(placeErrors(new ApiError(409, "version_conflict", "Case changed", [], {}))).toEqual({
      fields: {},
      general: "Case changed",
      conflict: true,
    });
    expect(
      placeErrors(new ApiError(422, "case_closed", "A closed case is not transferred")),
    ).toMatchObject({ general: "A closed case is not transferred", fields: {} });
    expect(
      placeErrors(
        new ApiError(422, "x", "version: too big", [{ field: "version", message: "too big" }]),
      ).general,
    ).toBe("version: too big");
    expect(placeErrors(new Error("boom")).general).toBe("boom");
    expect(placeErrors(null)).toEqual({ fields: {}, general: null, conflict: false });
  });
});

describe("live messages beside fields", () => {
  it("puts the most serious guard finding beside its field", () => {
    const byField = guardMessagesByField([
      { id: "idle-warning", outcome: "warn", message: "idle" },
      { id: "confirm-next-shift-needed", outcome: "block", message: "confirm" },
      { id: "no-back-to-queue-for-leave", outcome: "block", message: "leave" },
    ]);
    expect(byField.confirmNextShift?.message).toBe("confirm");
    expect(byField.reason?.message).toBe("leave");
    expect(Object.keys(byField)).toHaveLength(2);
  });

  it("lists the template fields a preview finds missing", () => {
    expect(
      missingByField({
        missingFields: [{ field: "fields.summary", message: "Summary is required" }],
      }),
    ).toEqual({ "fields.summary": "Summary is required" });
    expect(missingByField(undefined)).toEqual({});
  });
});
