import { describe, expect, it } from "vitest";
import {
  newTrackerSecret,
  signTrackerBody,
  trackerSignatureProblem,
} from "../../src/auth/tracker-signature.ts";

// The tracker signs as any Standard Webhooks sender does, so Baton must agree with the
// specification's own example, not only with itself.
describe("the tracker webhook's signature", () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  const at = "1614265330";
  const body = '{"test": 2432232314}';

  it("matches the Standard Webhooks example signature", () => {
    expect(signTrackerBody(secret, id, at, body)).toBe(
      "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });

  it("holds among several signatures, and is refused when stale, missing or wrong", () => {
    const good = `v1,${signTrackerBody(secret, id, at, body)}`;
    const headers = { id, timestamp: at, signature: `v1,bm90IGl0 ${good}` };
    expect(trackerSignatureProblem(secret, headers, body, Number(at) + 299)).toBeNull();
    expect(trackerSignatureProblem(secret, headers, body, Number(at) + 301)).toBe("stale");
    expect(trackerSignatureProblem(secret, headers, body, Number(at) - 301)).toBe("stale");
    expect(trackerSignatureProblem(secret, { id, timestamp: at }, body, Number(at))).toBe(
      "missing",
    );
    expect(trackerSignatureProblem(secret, headers, `${body} `, Number(at))).toBe("mismatch");
  });

  it("makes secrets whose key is 32 random bytes", () => {
    const made = newTrackerSecret();
    expect(made).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(made).not.toBe(newTrackerSecret());
  });
});
