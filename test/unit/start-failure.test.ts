import { describe, expect, it } from "vitest";
import { startFailure } from "../../src/cli/start-failure.ts";
import { loadConfig } from "../../src/config.ts";

const systemError = (code: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${code} happened`), { code, ...extra });

describe("one line for what stops a start", () => {
  const config = loadConfig({ PORT: "3000", BATON_INBOUND_SMTP: "127.0.0.1:2525" });

  it("names PORT for a busy web port and BATON_INBOUND_SMTP for a busy mail port", () => {
    expect(
      startFailure(systemError("EADDRINUSE", { address: "127.0.0.1", port: 3000 }), config),
    ).toBe(
      "Cannot listen on 127.0.0.1:3000: another program (perhaps another Baton) listens there. Stop it, or set PORT to a free port.",
    );
    expect(
      startFailure(systemError("EADDRINUSE", { address: "127.0.0.1", port: 2525 }), config),
    ).toMatch(
      /^Cannot take inbound mail on 127\.0\.0\.1:2525: .* Set BATON_INBOUND_SMTP to a free host:port, or to off\.$/,
    );
    expect(startFailure(systemError("EACCES", { address: "0.0.0.0", port: 80 }), config)).toMatch(
      /Set PORT to a port above 1023\.$/,
    );
  });

  it("says PostgreSQL is unreachable without printing its password", () => {
    const pg = loadConfig({ DATABASE_URL: "postgres://baton:s3cret@db.internal:5432/baton" });
    const line = startFailure(systemError("ECONNREFUSED"), pg);
    expect(line).toBe(
      "Cannot reach PostgreSQL at postgres://baton:***@db.internal:5432/baton (ECONNREFUSED): is it running, and is DATABASE_URL right?",
    );
    expect(startFailure(systemError("3D000"), pg)).toMatch(/^PostgreSQL has no such database/);
  });

  it("leaves anything else to its stack trace", () => {
    expect(startFailure(new Error("a bug"), config)).toBeUndefined();
    expect(startFailure(systemError("ECONNREFUSED"), config)).toBeUndefined();
  });
});
