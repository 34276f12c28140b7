import { describe, expect, it } from "vitest";
import { checkAnswers } from "../../src/domain/transfer/answers.ts";
import { presets } from "../../src/presets/index.ts";

const kind = presets["follow-the-sun"].transferKinds.find((k) => k.code === "fts-24x7")!;

describe("checklist answers (issue 11)", () => {
  it("takes Yes/No and the offered choices in any case, written as offered", () => {
    expect(
      checkAnswers(kind, {
        customer_reachable: "yes",
        pending_on: " SUPPORT ",
        handoff_notes: "free",
      }),
    ).toEqual({
      values: { customer_reachable: "Yes", pending_on: "Support", handoff_notes: "free" },
      issues: [],
    });
  });

  it("names each field whose answer is not offered, leaving empty ones to the required check", () => {
    const { issues } = checkAnswers(kind, {
      customer_reachable: "Maybe",
      waiting_for_rca: "",
      pending_on: "Nobody",
    });
    expect(issues).toEqual([
      {
        field: "fields.customer_reachable",
        message: '"Maybe" is not an answer to "Customer reachable?"; answer "Yes" or "No"',
      },
      {
        field: "fields.pending_on",
        message:
          '"Nobody" is not an answer to "Now the issue is pending on"; answer "Product group", "Support", "Customer"',
      },
    ]);
  });
});
