import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { headerText, isPlainAddress } from "../../src/domain/mail-text.ts";
import { caseReplyAddress } from "../../src/notify/email/compose.ts";
import { classifySmtpError } from "../../src/notify/email/smtp.ts";
import { DEFAULT_RETRY, nextRetryDelay } from "../../src/notify/retry.ts";
import { renderCustomerNotice } from "../../src/notify/templates/customer-notice.ts";

const HOUR = 3600;

describe("the retry schedule", () => {
  /** Every attempt's time, in seconds after the message was written, until it gives up. */
  function attemptTimes(): number[] {
    const times = [0];
    for (;;) {
      const at = times.at(-1) ?? 0;
      const delay = nextRetryDelay(DEFAULT_RETRY, times.length, at);
      if (delay === null) return times;
      times.push(at + delay);
    }
  }

  it("keeps trying for days, as RFC 5321 asks, not minutes", () => {
    const times = attemptTimes();
    const last = times.at(-1) ?? 0;
    expect(last).toBeGreaterThan(4 * 24 * HOUR);
    expect(last).toBeLessThanOrEqual(5 * 24 * HOUR);
    expect(times.length).toBeLessThan(80);
  });

  it("grows the interval and never retries more often than every 30 minutes after the first hour", () => {
    const times = attemptTimes();
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? 0));
    expect(gaps.slice(0, 6)).toEqual([60, 300, 900, 1800, HOUR, 2 * HOUR]);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(gaps[i - 1] ?? 0);
    expect(times.filter((t) => t > HOUR).length).toBeLessThan(times.length);
  });

  it("gives up rather than schedule past the limit", () => {
    expect(nextRetryDelay(DEFAULT_RETRY, 30, 5 * 24 * HOUR - 60)).toBeNull();
    expect(nextRetryDelay({ delaysSeconds: [], giveUpAfterSeconds: 100 }, 1, 0)).toBeNull();
  });
});

describe("header safety", () => {
  it("turns every line break and control character into a space", () => {
    expect(headerText("Down\r\nBcc: x@evil.example\u2028\u0000ok")).toBe(
      "Down Bcc: x@evil.example ok",
    );
    expect(headerText(`${"é".repeat(300)}`, 10)).toBe(`${"é".repeat(9)}…`);
    // Counted in characters, not UTF-16 units: six emoji (twelve units) fit in ten, eleven do not.
    expect(headerText("😀".repeat(6), 10)).toBe("😀".repeat(6));
    expect(headerText("😀".repeat(10), 10)).toBe("😀".repeat(10));
    expect(headerText("😀".repeat(11), 10)).toBe(`${"😀".repeat(9)}…`);
  });

  it("sends only to plain addresses: no names, lists, or smuggled headers", () => {
    expect(isPlainAddress("lena.fischer+case@rhein-logistik.example")).toBe(true);
    expect(isPlainAddress("ops@localhost")).toBe(true);
    for (const bad of [
      "Lena <lena@x.example>",
      "a@x.example, b@y.example",
      "a@x.example\r\nBcc: b@y.example",
      "no-at-sign",
      "a@-bad.example",
    ])
      expect(isPlainAddress(bad)).toBe(false);
  });

  it("puts the case number in the reply address, replacing any tag already there", () => {
    expect(caseReplyAddress("cases@baton.example", 100042)).toBe("cases+100042@baton.example");
    expect(caseReplyAddress("cases+inbox@baton.example", 7)).toBe("cases+7@baton.example");
  });
});

describe("SMTP refusals", () => {
  const smtpError = (code: string, responseCode?: number, response?: string) =>
    Object.assign(new Error(response ?? code), { code, responseCode, response });

  it("gives up only on a 5xx about this message or recipient", () => {
    expect(classifySmtpError(smtpError("EENVELOPE", 550, "550 No such user")).permanent).toBe(true);
    expect(classifySmtpError(smtpError("EMESSAGE", 554, "554 Rejected")).permanent).toBe(true);
    expect(classifySmtpError(smtpError("EENVELOPE", 451, "451 Try later")).permanent).toBe(false);
    expect(classifySmtpError(smtpError("ECONNECTION", 421, "421 Busy")).permanent).toBe(false);
    // The server's or Baton's configuration: someone fixes it, the mail must still go.
    expect(classifySmtpError(smtpError("EAUTH", 535, "535 Bad credentials")).permanent).toBe(false);
    expect(classifySmtpError(smtpError("ESOCKET")).permanent).toBe(false);
    expect(classifySmtpError(new Error("connect ECONNREFUSED")).permanent).toBe(false);
    expect(classifySmtpError(smtpError("EENVELOPE", 550, "550 No such user")).message).toBe(
      "550 No such user",
    );
  });
});

describe("mail configuration", () => {
  it("sends to the local mailbox unless an SMTP server is configured", () => {
    const config = loadConfig({});
    expect(config.mail.smtp).toBeUndefined();
    expect(config.mail.from.address).toBe("notifications@baton.localhost");
  });

  it("reads an SMTP URL, with TLS and credentials", () => {
    const { mail } = loadConfig({
      BATON_SMTP_URL: "smtps://mailer%40acme.example:p%40ss@smtp.acme.example",
      BATON_MAIL_FROM: "Acme Support <support@acme.example>",
      BATON_MAIL_REPLY_TO: "cases@acme.example",
    });
    expect(mail).toEqual({
      from: { name: "Acme Support", address: "support@acme.example" },
      replyTo: "cases@acme.example",
      smtp: {
        host: "smtp.acme.example",
        port: 465,
        secure: true,
        requireTls: false,
        user: "mailer@acme.example",
        pass: "p@ss",
      },
    });
  });

  it("reads host, port and STARTTLS settings one by one", () => {
    const { smtp } = loadConfig({
      BATON_SMTP_HOST: "relay.internal",
      BATON_SMTP_REQUIRE_TLS: "true",
    }).mail;
    expect(smtp).toMatchObject({
      host: "relay.internal",
      port: 587,
      secure: false,
      requireTls: true,
    });
  });

  it("refuses a From address that could carry more than one mailbox", () => {
    expect(() => loadConfig({ BATON_MAIL_FROM: "a@x.example, b@y.example" })).toThrow(
      /BATON_MAIL_FROM/,
    );
  });
});

describe("the customer's handoff notice", () => {
  it("names the engineer, and says nothing about a next update nobody promised", () => {
    const { subject, text } = renderCustomerNotice({
      caseNumber: 100042,
      caseSubject: "Printer offline",
      contactName: "Ana",
      language: "pt-BR",
      timeZone: "America/Sao_Paulo",
      holder: { kind: "agent", name: "Sam Lee" },
      nextUpdateAt: null,
      brand: "Parcelbright",
    });
    expect(subject).toBe("[Case 100042] Printer offline — now with Sam Lee");
    expect(text).toContain("Sam Lee now looks after it.");
    expect(text).toContain("We will keep you updated as the work goes on.");
  });

  it("gives the next update in the customer's zone, daylight saving time included", () => {
    const { text } = renderCustomerNotice({
      caseNumber: 1,
      caseSubject: "s",
      contactName: "Joe",
      language: "en",
      timeZone: "America/New_York",
      holder: { kind: "team", name: "Support L2", region: null },
      nextUpdateAt: new Date("2026-07-01T13:30:00Z"),
      brand: "Acme",
    });
    // British English names American zones by offset: GMT-4 in summer, GMT-5 in winter.
    expect(text).toMatch(/Wednesday,? 1 July 2026 at 09:30 GMT-4 \(America\/New_York\)/);
    expect(text).toContain("Our Support L2 team now looks after it.");
  });
});
