import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveApiToken } from "../../src/auth/api-tokens.ts";
import { sha256 } from "../../src/auth/secrets.ts";
import { resolveSession } from "../../src/auth/sessions.ts";
import { addUser } from "../../src/commands/accounts/addUser.ts";
import { changePassword } from "../../src/commands/accounts/changePassword.ts";
import { createToken } from "../../src/commands/accounts/createToken.ts";
import { revokeToken } from "../../src/commands/accounts/revokeToken.ts";
import { signIn } from "../../src/commands/accounts/signIn.ts";
import { signOut } from "../../src/commands/accounts/signOut.ts";
import { createWorkspace } from "../../src/commands/workspaces/createWorkspace.ts";
import type { Db } from "../../src/db/client.ts";
import { apiTokens, auditEvents, loginFailures, sessions, users } from "../../src/db/schema.ts";
import { DomainError } from "../../src/domain/errors.ts";
import type { EventName } from "../../src/events/catalogue.ts";
import { presetBySlug } from "../../src/presets/index.ts";
import { databaseKinds, openTestDatabase, type TestDatabase } from "../support/db.ts";

const T0 = new Date("2026-03-02T10:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const PASSWORD = "correct horse battery";
const LIFETIME = { defaultDays: 90, maxDays: 365 };

const unique = () => randomBytes(4).toString("hex");

async function caught(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a DomainError, but the call succeeded");
}

const shape = (e: DomainError) => ({ kind: e.kind, code: e.code, message: e.message });

async function auditOf(db: Db, subjectId: string): Promise<EventName[]> {
  const rows = await db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(eq(auditEvents.subjectId, subjectId))
    .orderBy(auditEvents.id);
  return rows.map((r) => r.action as EventName);
}

describe.each(databaseKinds)("authentication on %s", (kind) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
  });
  afterAll(() => database?.dispose());

  async function workspace(): Promise<string> {
    const slug = `ws-${unique()}`;
    await createWorkspace(db, { slug, name: slug, policy: presetBySlug("regional-cse") }, null);
    return slug;
  }

  async function user(role = "agent", slug?: string) {
    const workspaceSlug = slug ?? (await workspace());
    const email = `User.${unique()}@Example.test`;
    const added = await addUser(
      db,
      { email, name: "Test User", role, workspaceSlug, password: PASSWORD },
      null,
    );
    return { ...added, email, workspaceSlug };
  }

  describe("addUser", () => {
    it("creates the user and the membership, with audit rows", async () => {
      const slug = await workspace();
      const result = await addUser(
        db,
        {
          email: `new.${unique()}@example.test`,
          name: "Nia Engineer",
          role: "shift_lead",
          workspaceSlug: slug,
          password: PASSWORD,
          timeZone: "Europe/Berlin",
          region: "EMEA",
          queues: ["cse-emea"],
          skills: ["storage"],
          languages: ["de"],
        },
        null,
      );
      expect(result.created).toBe(true);
      expect(await auditOf(db, result.userId)).toEqual(["user.created", "membership.added"]);
      const [row] = await db.select().from(users).where(eq(users.id, result.userId));
      expect(row?.timeZone).toBe("Europe/Berlin");
    });

    it("adds a membership to an existing user found by email in any case", async () => {
      const first = await user();
      const other = await workspace();
      const again = await addUser(
        db,
        { email: first.email.toUpperCase(), name: "Ignored", role: "admin", workspaceSlug: other },
        null,
      );
      expect(again).toMatchObject({ userId: first.userId, created: false });
      const session = await signIn(db, { email: first.email, password: PASSWORD, now: T0 });
      expect(session.actor.memberships.map((m) => [m.workspaceSlug, m.role]).sort()).toEqual(
        [
          [first.workspaceSlug, "agent"],
          [other, "admin"],
        ].sort(),
      );
      const duplicate = await caught(
        addUser(db, { email: first.email, name: "X", role: "agent", workspaceSlug: other }, null),
      );
      expect(duplicate.kind).toBe("conflict");
    });

    it("refuses bad input, naming the field, and unknown workspaces", async () => {
      const slug = await workspace();
      const base = { email: `v.${unique()}@example.test`, name: "V", workspaceSlug: slug };
      const cases: [Record<string, unknown>, string][] = [
        [{ role: "boss", password: PASSWORD }, "role"],
        [{ role: "agent", password: PASSWORD, email: "not-an-email" }, "email"],
        [{ role: "agent", password: PASSWORD, name: " " }, "name"],
        [{ role: "agent", password: "short" }, "password"],
        [{ role: "agent", password: "password12" }, "password"],
        [{ role: "agent", password: "1111111111" }, "password"],
        [{ role: "agent" }, "password"],
        [{ role: "agent", password: PASSWORD, queues: ["nope"] }, "queues"],
      ];
      for (const [change, field] of cases) {
        const input = { ...base, ...change } as Parameters<typeof addUser>[1];
        const error = await caught(addUser(db, input, null));
        expect(error.kind, field).toBe("validation");
        expect(error.issues.map((i) => i.field)).toContain(field);
      }
      const missing = await caught(
        addUser(db, { ...base, role: "agent", password: PASSWORD, workspaceSlug: "no-such" }, null),
      );
      expect(missing.kind).toBe("not_found");
      expect(missing.message).toContain("Workspace");
      const [count] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(eq(sql`lower(${users.email})`, base.email));
      expect(count?.n).toBe(0);
    });
  });

  describe("signIn", () => {
    it("signs in with any case of the email and opens a session", async () => {
      const u = await user("supervisor");
      const { actor, session } = await signIn(db, {
        email: ` ${u.email.toLowerCase()} `,
        password: PASSWORD,
        now: T0,
      });
      expect(actor).toMatchObject({ userId: u.userId, via: "session" });
      expect(actor.memberships).toEqual([
        {
          workspaceId: u.workspaceId,
          workspaceSlug: u.workspaceSlug,
          role: "supervisor",
          groups: [],
        },
      ]);
      expect(actor.csrfToken).toBe(session.csrfToken);
      const resolved = await resolveSession(db, session.token, minutes(1));
      expect(resolved).toMatchObject({ userId: u.userId, csrfToken: session.csrfToken });
      expect(await auditOf(db, u.userId)).toContain("user.signed_in");
    });

    it("gives the same error for a wrong password and an unknown email", async () => {
      const u = await user();
      const wrong = await caught(
        signIn(db, { email: u.email, password: "wrong password", now: T0 }),
      );
      const unknown = await caught(
        signIn(db, { email: `nobody.${unique()}@example.test`, password: PASSWORD, now: T0 }),
      );
      expect(shape(wrong)).toEqual({
        kind: "unauthenticated",
        code: "invalid_credentials",
        message: "Email or password is wrong",
      });
      expect(shape(unknown)).toEqual(shape(wrong));
      expect(unknown.details).toEqual(wrong.details);
    });

    it("slows one client guessing one address with growing waits, never the owner elsewhere", async () => {
      const u = await user();
      const from = (client: string, password: string, at: Date) =>
        caught(signIn(db, { email: u.email, password, client, now: at }));
      const seconds = (n: number) => new Date(T0.getTime() + n * 1000);
      // Five wrong guesses are free.
      for (let i = 0; i < 5; i++)
        expect((await from("198.51.100.7", "wrong password", T0)).code).toBe("invalid_credentials");
      // Then each further attempt waits 1 s, 2 s, 4 s … after the last failure.
      const waits: number[] = [];
      const said: string[] = [];
      let at = 0;
      for (let i = 0; i < 4; i++) {
        const limited = await from("198.51.100.7", "wrong password", seconds(at));
        expect(shape(limited)).toMatchObject({ kind: "rate_limited", code: "too_many_attempts" });
        const wait = (limited.details as { retryAfterSeconds: number }).retryAfterSeconds;
        waits.push(wait);
        said.push(limited.message);
        at += wait;
        expect((await from("198.51.100.7", "wrong password", seconds(at))).code).toBe(
          "invalid_credentials",
        );
      }
      expect(waits).toEqual([1, 2, 4, 8]);
      expect(said.slice(0, 2)).toEqual([
        "Too many failed sign-in attempts; try again in 1 second",
        "Too many failed sign-in attempts; try again in 2 seconds",
      ]);
      // Even the right password waits on that client …
      const held = await from("198.51.100.7", PASSWORD, seconds(at));
      expect(held.code).toBe("too_many_attempts");
      // … while the owner on their own machine signs in at once.
      const owner = await signIn(db, {
        email: u.email.toUpperCase(),
        password: PASSWORD,
        client: "203.0.113.20",
        now: seconds(at),
      });
      expect(owner.actor.userId).toBe(u.userId);
      // The window forgets: fifteen minutes later the guesser starts afresh.
      const later = await signIn(db, {
        email: u.email,
        password: PASSWORD,
        client: "198.51.100.7",
        now: minutes(16),
      });
      expect(later.actor.userId).toBe(u.userId);
    });

    it("slows one client trying many addresses, known or not, and records each failure", async () => {
      const client = `192.0.2.${Math.floor(Math.random() * 200) + 1}`;
      const ghost = () => `Ghost.${unique()}@example.test`;
      const emails = Array.from({ length: 30 }, ghost);
      for (const email of emails)
        expect(
          (await caught(signIn(db, { email, password: PASSWORD, client, now: T0 }))).code,
        ).toBe("invalid_credentials");
      const limited = await caught(
        signIn(db, { email: ghost(), password: PASSWORD, client, now: T0 }),
      );
      expect(limited.kind).toBe("rate_limited");
      const rows = await db
        .select()
        .from(loginFailures)
        .where(eq(loginFailures.emailKey, emails[0]?.toLowerCase() ?? ""));
      expect(rows).toMatchObject([{ clientKey: client }]);
      // Someone else, elsewhere, is not held back by it.
      const u = await user();
      await signIn(db, { email: u.email, password: PASSWORD, client: "203.0.113.21", now: T0 });
    });

    it("holds back an address guessed from many clients only gently, for at most a minute", async () => {
      const u = await user();
      for (let i = 0; i < 50; i++)
        await caught(
          signIn(db, { email: u.email, password: "wrong", client: `10.1.0.${i}`, now: T0 }),
        );
      const limited = await caught(
        signIn(db, { email: u.email, password: PASSWORD, client: "10.2.0.1", now: T0 }),
      );
      expect(limited.code).toBe("too_many_attempts");
      expect((limited.details as { retryAfterSeconds: number }).retryAfterSeconds).toBe(1);
      const owner = await signIn(db, {
        email: u.email,
        password: PASSWORD,
        client: "10.2.0.1",
        now: minutes(1),
      });
      expect(owner.actor.userId).toBe(u.userId);
    });

    it("does not clear earlier failures on success", async () => {
      const u = await user();
      const at = { client: "198.51.100.9", now: T0 };
      for (let i = 0; i < 4; i++)
        await caught(signIn(db, { email: u.email, password: "wrong password", ...at }));
      await signIn(db, { email: u.email, password: PASSWORD, ...at });
      await caught(signIn(db, { email: u.email, password: "wrong password", ...at }));
      const limited = await caught(signIn(db, { email: u.email, password: PASSWORD, ...at }));
      expect(limited.kind).toBe("rate_limited");
    });

    it("counts concurrent attempts, so a burst from one client cannot get past the free five", async () => {
      const u = await user();
      const results = await Promise.allSettled(
        Array.from({ length: 16 }, () =>
          signIn(db, {
            email: u.email,
            password: "wrong password",
            client: "198.51.100.3",
            now: T0,
          }),
        ),
      );
      const codes = results.map((r) =>
        r.status === "fulfilled"
          ? "signed in"
          : r.reason instanceof DomainError
            ? r.reason.code
            : String(r.reason),
      );
      expect(codes.filter((c) => c === "invalid_credentials").length).toBeLessThanOrEqual(5);
      expect(codes.filter((c) => c !== "invalid_credentials")).toEqual(
        codes.filter((c) => c === "too_many_attempts"),
      );
    });
  });

  describe("sessions", () => {
    it("expire after their lifetime", async () => {
      const u = await user();
      const { session } = await signIn(db, {
        email: u.email,
        password: PASSWORD,
        now: T0,
        sessionTtlHours: 1,
      });
      expect(session.expiresAt).toEqual(minutes(60));
      expect(await resolveSession(db, session.token, minutes(59))).toBeDefined();
      expect(await resolveSession(db, session.token, minutes(61))).toBeUndefined();
    });

    it("end on sign-out, once", async () => {
      const u = await user();
      const { session } = await signIn(db, { email: u.email, password: PASSWORD, now: T0 });
      expect(await signOut(db, { token: session.token, now: minutes(1) })).toBe(true);
      expect(await resolveSession(db, session.token, minutes(2))).toBeUndefined();
      expect(await signOut(db, { token: session.token, now: minutes(3) })).toBe(false);
      const actions = await auditOf(db, u.userId);
      expect(actions.filter((a) => a === "user.signed_out")).toHaveLength(1);
    });

    it("are stored by hash only", async () => {
      const u = await user();
      const { session } = await signIn(db, { email: u.email, password: PASSWORD, now: T0 });
      const rows = await db.select().from(sessions).where(eq(sessions.userId, u.userId));
      expect(rows.map((r) => r.id)).toEqual([sha256(session.token)]);
      expect(JSON.stringify(rows)).not.toContain(session.token);
      const [stored] = await db.select().from(users).where(eq(users.id, u.userId));
      expect(JSON.stringify(stored)).not.toContain(PASSWORD);
      expect(stored?.passwordHash).toMatch(/^scrypt\$/);
    });
  });

  describe("changePassword", () => {
    it("revokes every session of the user and accepts only the new password", async () => {
      const u = await user();
      const other = await user();
      const a = await signIn(db, { email: u.email, password: PASSWORD, now: T0 });
      const b = await signIn(db, { email: u.email, password: PASSWORD, now: T0 });
      const bystander = await signIn(db, { email: other.email, password: PASSWORD, now: T0 });
      const [before] = await db.select().from(users).where(eq(users.id, u.userId));
      const result = await changePassword(db, {
        userId: u.userId,
        currentPassword: PASSWORD,
        newPassword: "a much better passphrase",
        now: minutes(1),
      });
      expect(result).toEqual({ revokedSessions: 2, revokedTokens: 0 });
      expect(await resolveSession(db, a.session.token, minutes(2))).toBeUndefined();
      expect(await resolveSession(db, b.session.token, minutes(2))).toBeUndefined();
      expect(await resolveSession(db, bystander.session.token, minutes(2))).toBeDefined();
      const [after] = await db.select().from(users).where(eq(users.id, u.userId));
      expect(after?.version).toBe((before?.version ?? 0) + 1);
      const old = await caught(signIn(db, { email: u.email, password: PASSWORD, now: minutes(2) }));
      expect(old.code).toBe("invalid_credentials");
      await signIn(db, { email: u.email, password: "a much better passphrase", now: minutes(3) });
      const [audit] = await db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.subjectId, u.userId), eq(auditEvents.action, "user.password_changed")),
        );
      expect(audit?.data).toEqual({ revokedSessions: 2, revokedTokens: 0 });
    });

    it("changes nothing when the current password is wrong or the new one too short", async () => {
      const u = await user();
      const { session } = await signIn(db, { email: u.email, password: PASSWORD, now: T0 });
      const wrong = await caught(
        changePassword(db, {
          userId: u.userId,
          currentPassword: "not my password",
          newPassword: "a much better passphrase",
          now: minutes(1),
        }),
      );
      expect(wrong.issues.map((i) => i.field)).toEqual(["currentPassword"]);
      const short = await caught(
        changePassword(db, {
          userId: u.userId,
          currentPassword: PASSWORD,
          newPassword: "short",
          now: minutes(1),
        }),
      );
      expect(short.kind).toBe("validation");
      expect(short.issues.map((i) => i.field)).toEqual(["newPassword"]);
      expect(await resolveSession(db, session.token, minutes(2))).toBeDefined();
      expect(await auditOf(db, u.userId)).not.toContain("user.password_changed");
      await signIn(db, { email: u.email, password: PASSWORD, now: minutes(2) });
    });
  });

  describe("API tokens", () => {
    it("authenticate until revoked, and are stored by hash only", async () => {
      const u = await user("triage");
      const created = await createToken(db, {
        email: u.email.toUpperCase(),
        name: "ci",
        lifetime: LIFETIME,
        now: T0,
      });
      expect(created.token).toMatch(/^bt_[A-Za-z0-9_-]{43}$/);
      const actor = await resolveApiToken(db, created.token, T0);
      expect(actor).toMatchObject({ userId: u.userId, via: "token" });
      expect(actor?.memberships.map((m) => m.role)).toEqual(["triage"]);

      const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, u.userId));
      expect(rows.map((r) => r.tokenHash)).toEqual([sha256(created.token)]);
      expect(JSON.stringify(rows)).not.toContain(created.token);

      const revoke = () => revokeToken(db, { tokenId: created.id, actorId: null, by: "operator" });
      expect(await revoke()).toBe(true);
      expect(await resolveApiToken(db, created.token, minutes(1))).toBeUndefined();
      expect(await revoke()).toBe(false);
      expect(await auditOf(db, created.id)).toEqual(["token.created", "token.revoked"]);
    });

    it("refuse look-alikes and record use at most once a minute", async () => {
      const u = await user();
      const { id, token } = await createToken(db, {
        email: u.email,
        name: "script",
        actorId: u.userId,
        lifetime: LIFETIME,
        now: T0,
      });
      const [audit] = await db.select().from(auditEvents).where(eq(auditEvents.subjectId, id));
      expect(audit).toMatchObject({ action: "token.created", actorId: u.userId });
      expect(await resolveApiToken(db, token.slice(0, -1), T0)).toBeUndefined();
      expect(await resolveApiToken(db, token.slice(3), T0)).toBeUndefined();
      const lastUsed = async () =>
        (await db.select().from(apiTokens).where(eq(apiTokens.id, id)))[0]?.lastUsedAt;
      await resolveApiToken(db, token, T0);
      expect(await lastUsed()).toEqual(T0);
      await resolveApiToken(db, token, minutes(0.5));
      expect(await lastUsed()).toEqual(T0);
      await resolveApiToken(db, token, minutes(2));
      expect(await lastUsed()).toEqual(minutes(2));
    });

    it("cannot be created for an unknown email", async () => {
      const error = await caught(
        createToken(db, { email: "nobody@example.test", name: "x", lifetime: LIFETIME }),
      );
      expect(error.kind).toBe("not_found");
    });
  });
});
