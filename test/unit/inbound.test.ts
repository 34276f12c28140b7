import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import {
  automaticReason,
  type Circumstances,
  caseReference,
  DEFAULT_LIMITS,
  decideInbound,
  type MessageFacts,
  stripQuoted,
} from "../../src/domain/inbound.ts";

const own = { from: "notifications@baton.example", replyTo: "cases@baton.example" };

const facts = (over: Partial<MessageFacts> & { h?: Record<string, string> } = {}): MessageFacts => {
  const { h, ...rest } = over;
  return {
    envelopeFrom: "lena@rhein.example",
    recipients: ["cases+100042@baton.example"],
    fromAddress: "lena@rhein.example",
    subject: "Re: [Case 100042] Spark jobs fail",
    headers: new Map(Object.entries(h ?? {}).map(([k, v]) => [k.toLowerCase(), [v]])),
    contentType: "text/plain",
    ...rest,
  };
};

describe("automaticReason", () => {
  it("lets a person's reply through", () => {
    expect(automaticReason(facts(), own)).toBeNull();
    expect(automaticReason(facts({ h: { "Auto-Submitted": "no" } }), own)).toBeNull();
    expect(automaticReason(facts({ subject: "Automation question" }), own)).toBeNull();
  });

  it.each([
    [{ h: { "Auto-Submitted": "auto-replied" } }, /Auto-Submitted/],
    [{ h: { "Auto-Submitted": "auto-generated; owner=x" } }, /Auto-Submitted/],
    [{ h: { Precedence: "bulk" } }, /Precedence/],
    [{ h: { Precedence: "junk" } }, /Precedence/],
    [{ h: { Precedence: "list" } }, /Precedence/],
    [{ h: { "List-Id": "<support.lists.example>" } }, /List-Id/],
    [{ h: { "List-Unsubscribe": "<mailto:x@y>" } }, /List-Unsubscribe/],
    [{ h: { "X-Autoreply": "yes" } }, /X-Autoreply/],
    [{ h: { "X-Autorespond": "yes" } }, /X-Autorespond/],
    [{ h: { "X-Auto-Response-Suppress": "DR, OOF, AutoReply" } }, /out of office/],
    [{ envelopeFrom: "" }, /null reverse-path/],
    [{ h: { "Return-Path": "<>" } }, /null reverse-path/],
    [{ subject: "Auto: Re: [Case 100042] Spark" }, /Automatic reply/],
    [{ subject: "Automatic reply: [Case 100042]" }, /Automatic reply/],
    [{ subject: "Out of Office: back Monday" }, /Automatic reply/],
    [{ h: { "X-Baton-Delivery": "4f0c" } }, /Loop/],
    [{ fromAddress: "notifications@baton.example" }, /Loop/],
    [{ fromAddress: "cases+100042@baton.example" }, /Loop/],
    [{ contentType: "multipart/report" }, /Delivery status/],
  ] as [Partial<MessageFacts> & { h?: Record<string, string> }, RegExp][])(
    "ignores %o",
    (over, reason) => {
      expect(automaticReason(facts(over), own)).toMatch(reason);
    },
  );
});

describe("caseReference", () => {
  it("reads the +number of the reply address in any recipient", () => {
    expect(caseReference(facts({ subject: "hi" }), own.replyTo)).toBe(100042);
    expect(
      caseReference(
        facts({ subject: "hi", recipients: ["other@x.example", "CASES+7@Baton.Example"] }),
        own.replyTo,
      ),
    ).toBe(7);
  });

  it("ignores another local part or domain, and falls back to the subject", () => {
    const elsewhere = ["cases+1@other.example", "sales+2@baton.example"];
    expect(caseReference(facts({ recipients: elsewhere }), own.replyTo)).toBe(100042);
    expect(caseReference(facts({ recipients: elsewhere, subject: "hello" }), own.replyTo)).toBe(
      null,
    );
    expect(caseReference(facts({ recipients: [], subject: "Re: [case 12]" }), own.replyTo)).toBe(
      12,
    );
  });

  it("refuses numbers that are not case numbers", () => {
    const odd = ["cases+0@baton.example", "cases+12a@baton.example", "cases+@baton.example"];
    expect(caseReference(facts({ recipients: odd, subject: "x" }), own.replyTo)).toBeNull();
  });
});

describe("decideInbound", () => {
  const base: Circumstances = {
    automatic: null,
    reference: 100042,
    found: { number: 100042, closed: false },
    sender: "contact",
    recentFromSender: 0,
    attachmentSizes: [1000],
    limits: DEFAULT_LIMITS,
  };

  it("attaches a contact's or a member's reply", () => {
    expect(decideInbound(base)).toEqual({ state: "attached", caseNumber: 100042 });
    expect(decideInbound({ ...base, sender: "member" }).state).toBe("attached");
  });

  it("holds what it cannot place, with a reason", () => {
    const held = (c: Partial<Circumstances>) => {
      const out = decideInbound({ ...base, ...c });
      return out.state === "held" ? out.reason : out.state;
    };
    expect(held({ reference: null, found: null })).toMatch(/No case reference/);
    expect(held({ found: null })).toMatch(/Unknown case number 100042/);
    expect(held({ sender: "stranger" })).toMatch(/not a contact/);
    expect(held({ found: { number: 100042, closed: true } })).toMatch(/closed/);
    expect(held({ attachmentSizes: [DEFAULT_LIMITS.maxFileBytes + 1] })).toMatch(/Too large/);
    expect(held({ attachmentSizes: [9e6, 9e6, 9e6] })).toMatch(/Too large: attachments/);
    expect(held({ recentFromSender: DEFAULT_LIMITS.floodPerHour })).toMatch(/Flood/);
    expect(held({ recentFromSender: DEFAULT_LIMITS.floodPerHour - 1 })).toBe("attached");
  });

  it("ignores automatic mail before anything else", () => {
    expect(decideInbound({ ...base, automatic: "Loop", sender: "stranger" })).toEqual({
      state: "ignored",
      reason: "Loop",
      caseNumber: 100042,
    });
  });
});

describe("stripQuoted", () => {
  it("keeps the new text above the attribution and drops the history", () => {
    const reply = [
      "Thanks, the logs are attached.",
      "",
      "Lena",
      "",
      "On Mon, 23 Nov 2026 at 10:00, Baton <cases@baton.example> wrote:",
      "> Your case 100042 is now with Eva.",
      "> Regards",
    ].join("\r\n");
    expect(stripQuoted(reply)).toBe("Thanks, the logs are attached.\n\nLena");
  });

  it("handles a wrapped attribution, Outlook headers and interleaved quotes", () => {
    expect(
      stripQuoted("Yes.\nOn Mon, 23 Nov 2026 at 10:00, Baton\n<cases@x.example> wrote:\n> q"),
    ).toBe("Yes.");
    expect(
      stripQuoted("See below.\n\n________________________________\nFrom: Baton\nSent: Monday"),
    ).toBe("See below.");
    expect(stripQuoted("-----Original Message-----\nFrom: x")).toBe(
      "-----Original Message-----\nFrom: x",
    );
    expect(stripQuoted("> question one\nanswer one\n> question two\nanswer two")).toBe(
      "answer one\nanswer two",
    );
  });

  it("never returns more than its input, and never nothing when there is unquoted text", () => {
    const line = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom("> quoted", ">", "On Monday, Baton wrote:", "", "  ", "________________"),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom("\n", "\r\n"), (ls, nl) => {
        const text = ls.join(nl);
        const out = stripQuoted(text);
        expect(out.length).toBeLessThanOrEqual(text.length);
        const hasUnquoted = text
          .split(/\r?\n|\r/)
          .some((l) => l.trim().length > 0 && !/^\s*>/.test(l));
        // Text of its own is never stripped away entirely.
        expect(!hasUnquoted || out.trim() !== "").toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe("BATON_INBOUND_SMTP", () => {
  it("listens on loopback by default, ephemeral with an ephemeral HTTP port, or not at all", () => {
    expect(loadConfig({}).inbound.smtp).toEqual({ host: "127.0.0.1", port: 2525, explicit: false });
    expect(loadConfig({ PORT: "0" }).inbound.smtp?.port).toBe(0);
    expect(loadConfig({ BATON_INBOUND_SMTP: "off" }).inbound.smtp).toBeUndefined();
    expect(loadConfig({ BATON_INBOUND_SMTP: "0.0.0.0:25" }).inbound.smtp).toEqual({
      host: "0.0.0.0",
      port: 25,
      explicit: true,
    });
    expect(loadConfig({ BATON_INBOUND_SMTP: "[::1]:2525" }).inbound.smtp?.host).toBe("::1");
    expect(() => loadConfig({ BATON_INBOUND_SMTP: "yes" })).toThrow(/BATON_INBOUND_SMTP/);
    expect(loadConfig({ BATON_INBOUND_MAX_FILE_MB: "2" }).inbound.limits.maxFileBytes).toBe(
      2 * 1024 * 1024,
    );
  });
});
