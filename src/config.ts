import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import "./domain/issue-wording.ts";
import { type OidcSettings, parseProvision } from "./domain/accounts/oidc-provision.ts";
import type { TokenLifetime } from "./domain/accounts/tokens.ts";
import {
  type AttachmentLimits,
  DEFAULT_ALLOWED_TYPES,
  NEVER_ALLOWED,
} from "./domain/attachments.ts";
import { DEFAULT_LIMITS, type Limits } from "./domain/inbound.ts";
import { isPlainAddress } from "./domain/mail-text.ts";

/** Baton's version, from package.json: the one /health, /metrics and `baton --version` name. */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
  }
).version;

// Every setting Baton reads from the environment, validated once at start. README lists them.
const envSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  // A direct or session-mode URL for LISTEN, the migration lock and the job queue, when
  // DATABASE_URL goes through a transaction-mode pooler (docs/deploy.md).
  DATABASE_SESSION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  // A streaming replica of DATABASE_URL for reads that may lag a second or two: reports, the
  // handoff analytics, CSV exports and calendar feeds (docs/deploy.md, Read replicas).
  DATABASE_READ_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  BATON_DATA_DIR: z.string().min(1).default("./data"),
  BATON_DEMO: z.enum(["auto", "off"]).default("auto"),
  BATON_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(12),
  BATON_TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  BATON_PUBLIC_URL: z.string().url().optional(),
  BATON_DB_POOL: z.coerce.number().int().min(1).max(200).default(10),
  BATON_DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // API tokens: the days a new one lives unless its maker says fewer, and the most allowed.
  BATON_TOKEN_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  BATON_TOKEN_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  // Single sign-on with OpenID Connect (docs/sso.md); all unset: password sign-in only.
  BATON_OIDC_ISSUER: z.string().url().optional(),
  BATON_OIDC_CLIENT_ID: z.string().min(1).max(500).optional(),
  BATON_OIDC_CLIENT_SECRET: z.string().min(1).max(2000).optional(),
  BATON_OIDC_NAME: z.string().min(1).max(60).default("single sign-on"),
  BATON_OIDC_SCOPES: z.string().min(6).max(500).default("openid email profile"),
  BATON_OIDC_REDIRECT_URL: z.string().url().optional(),
  BATON_OIDC_PROVISION: z.string().max(20_000).optional(),
  BATON_PASSWORD_SIGN_IN: z.enum(["true", "false"]).default("true"),
  // Days an invitation link works.
  BATON_INVITATION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  // Live event streams one person may hold open on this process (a tab each).
  // Set, /metrics asks for it as a bearer token; unset, it answers anyone who can reach it.
  BATON_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  BATON_STREAMS_PER_PERSON: z.coerce.number().int().min(1).max(1000).default(20),
  // Seconds between a live stream's keep-alives; each also checks the sign-in still holds.
  BATON_STREAM_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(25),
  // "off": this process only answers HTTP; others sharing its PostgreSQL run the background work.
  BATON_BACKGROUND: z.enum(["on", "off"]).default("on"),
  // A cap on V8's old generation for `serve`, in MB (none by default); bin/runtime.js reads it
  // before Node starts Baton (V8 takes it only then), so here it is only checked.
  BATON_HEAP_MB: z.coerce.number().int().min(64).max(65536).optional(),
  // Outgoing mail (docs/notifications.md). Without an SMTP server, mail goes to the local mailbox.
  BATON_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]/, "must look like smtp://user:pass@host:587 or smtps://host:465")
    .optional(),
  BATON_SMTP_HOST: z.string().min(1).optional(),
  BATON_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  BATON_SMTP_SECURE: z.enum(["true", "false"]).optional(),
  BATON_SMTP_REQUIRE_TLS: z.enum(["true", "false"]).default("false"),
  BATON_SMTP_USER: z.string().min(1).optional(),
  BATON_SMTP_PASS: z.string().min(1).optional(),
  BATON_MAIL_FROM: z.string().min(3).default("Baton <notifications@baton.localhost>"),
  BATON_MAIL_REPLY_TO: z.string().optional(),
  // Inbound mail (docs/notifications.md, Email in): "host:port" of the SMTP listener, or "off".
  BATON_INBOUND_SMTP: z
    .string()
    .regex(/^(off|\[?[^\s\]]*\]?:\d{1,5})$/, "must be host:port (e.g. 127.0.0.1:2525) or off")
    .refine((v) => v === "off" || Number(v.slice(v.lastIndexOf(":") + 1)) <= 65535, {
      message: "the port must be at most 65535",
    })
    .optional(),
  BATON_INBOUND_MAX_MB: z.coerce.number().positive().max(100).default(25),
  BATON_INBOUND_MAX_FILE_MB: z.coerce.number().positive().max(100).default(10),
  // Sent and failed messages older than this many days are deleted; 0 or "off" keeps them forever.
  BATON_DELIVERY_RETENTION_DAYS: z
    .string()
    .regex(/^(off|\d{1,5})$/, 'must be a whole number of days, or "off"')
    .default("90"),
  // Files engineers attach to cases (docs/attachments.md).
  BATON_ATTACHMENT_MAX_MB: z.coerce.number().positive().max(100).default(10),
  BATON_ATTACHMENT_TYPES: z
    .string()
    .regex(
      /^\s*[a-z]+\/[a-z0-9.+-]+(\s*,\s*[a-z]+\/[a-z0-9.+-]+)*\s*$/i,
      "must be types separated by commas, e.g. image/png,application/pdf,text/plain",
    )
    .refine((v) => !v.split(",").some((t) => NEVER_ALLOWED.test(t.trim())), {
      message: "web pages, SVG, XML and scripts cannot be allowed",
    })
    .optional(),
  // An S3-compatible store for them; without a bucket they stay in the database.
  BATON_S3_BUCKET: z.string().min(1).optional(),
  BATON_S3_ENDPOINT: z.string().url().optional(),
  BATON_S3_REGION: z.string().min(1).default("us-east-1"),
  BATON_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  BATON_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  BATON_S3_PATH_STYLE: z.enum(["true", "false"]).optional(),
  // The web app's source maps: built always, served only when this is true (they show the code).
  BATON_PUBLIC_SOURCE_MAPS: z.enum(["true", "false"]).default("false"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface Config {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: "auto" | "off";
  sessionHours: number;
  trustProxy: boolean;
  publicUrl: string | undefined;
  dbPoolSize: number;
  /** Where LISTEN, the migration lock and the job queue connect; undefined: databaseUrl. */
  databaseSessionUrl: string | undefined;
  databaseReadUrl: string | undefined;
  dbConnectTimeoutMs: number;
  /** Live event streams one person may hold open on one process. */
  streamsPerPerson: number;
  metricsToken: string | undefined;
  streamHeartbeatSeconds: number;
  tokens: TokenLifetime;
  /** Days an invitation link works. */
  invitationDays: number;
  /** Single sign-on; undefined when not configured. */
  oidc: OidcSettings | undefined;
  /** Whether people may sign in with a password (false: single sign-on only). */
  passwordSignIn: boolean;
  /** Whether this process runs the sweeper and the delivery worker. */
  background: boolean;
  /** Days the delivery log keeps sent and failed messages; null keeps them forever. */
  deliveryRetentionDays: number | null;
  /** Whether the web app's *.map files are served (otherwise 404). */
  publicSourceMaps: boolean;
  logLevel: string;
  mail: MailSettings;
  inbound: InboundConfig;
  attachments: AttachmentConfig;
}

export interface AttachmentConfig {
  limits: AttachmentLimits;
  /** Undefined: the bytes are kept in the database. */
  s3: S3Settings | undefined;
}

export interface S3Settings {
  bucket: string;
  /** Undefined: AWS itself, by region. */
  endpoint: string | undefined;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** bucket in the path (most self-hosted stores) rather than in the host name. */
  pathStyle: boolean;
}

export interface InboundConfig {
  /** Where the SMTP listener listens; undefined: off. `explicit`: set by BATON_INBOUND_SMTP. */
  smtp: { host: string; port: number; explicit: boolean } | undefined;
  limits: Limits;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send unless the server upgrades to TLS with STARTTLS. */
  requireTls: boolean;
  user: string | undefined;
  pass: string | undefined;
}

export interface MailSettings {
  from: { name: string; address: string };
  /** Replies come back to `local+<case number>@domain` of this address (inbound mail, issue 6). */
  replyTo: string;
  /** Undefined: no SMTP server, mail goes to the local mailbox an admin can read. */
  smtp: SmtpSettings | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (e.BATON_BACKGROUND === "off" && !e.DATABASE_URL)
    throw new Error(
      "Invalid configuration:\n  BATON_BACKGROUND: off needs DATABASE_URL; with the embedded " +
        "database this is the only process, and nothing else would send its messages",
    );
  if (e.DATABASE_SESSION_URL && !e.DATABASE_URL)
    throw new Error(
      "Invalid configuration:\n  DATABASE_SESSION_URL: needs DATABASE_URL; the embedded database has no sessions to separate",
    );
  if (e.DATABASE_READ_URL && !e.DATABASE_URL)
    throw new Error(
      "Invalid configuration:\n  DATABASE_READ_URL: needs DATABASE_URL; the embedded database has no replicas",
    );
  if (e.BATON_TOKEN_DAYS > e.BATON_TOKEN_MAX_DAYS)
    throw new Error(
      "Invalid configuration:\n  BATON_TOKEN_DAYS: must not be more than BATON_TOKEN_MAX_DAYS",
    );
  const oidc = oidcSettings(e);
  if (typeof oidc === "string") throw new Error(`Invalid configuration:\n  ${oidc}`);
  if (e.BATON_PASSWORD_SIGN_IN === "false" && !oidc)
    throw new Error(
      "Invalid configuration:\n  BATON_PASSWORD_SIGN_IN: false needs single sign-on (BATON_OIDC_ISSUER and BATON_OIDC_CLIENT_ID), or nobody could sign in",
    );
  const mail = mailSettings(e);
  if (typeof mail === "string") throw new Error(`Invalid configuration:\n  ${mail}`);
  const attachments = attachmentConfig(e);
  if (typeof attachments === "string") throw new Error(`Invalid configuration:\n  ${attachments}`);
  return {
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: resolve(e.BATON_DATA_DIR),
    demo: e.BATON_DEMO,
    sessionHours: e.BATON_SESSION_HOURS,
    trustProxy: e.BATON_TRUST_PROXY === "true",
    publicUrl: e.BATON_PUBLIC_URL,
    dbPoolSize: e.BATON_DB_POOL,
    databaseSessionUrl: e.DATABASE_SESSION_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    dbConnectTimeoutMs: e.BATON_DB_CONNECT_TIMEOUT_MS,
    streamsPerPerson: e.BATON_STREAMS_PER_PERSON,
    metricsToken: e.BATON_METRICS_TOKEN,
    streamHeartbeatSeconds: e.BATON_STREAM_HEARTBEAT_SECONDS,
    tokens: { defaultDays: e.BATON_TOKEN_DAYS, maxDays: e.BATON_TOKEN_MAX_DAYS },
    invitationDays: e.BATON_INVITATION_DAYS,
    oidc,
    passwordSignIn: e.BATON_PASSWORD_SIGN_IN === "true",
    background: e.BATON_BACKGROUND === "on",
    deliveryRetentionDays: retentionDays(e.BATON_DELIVERY_RETENTION_DAYS),
    publicSourceMaps: e.BATON_PUBLIC_SOURCE_MAPS === "true",
    logLevel: e.LOG_LEVEL,
    mail,
    inbound: inboundConfig(e),
    attachments,
  };
}

function oidcSettings(e: z.infer<typeof envSchema>): OidcSettings | undefined | string {
  const { BATON_OIDC_ISSUER: issuer, BATON_OIDC_CLIENT_ID: clientId } = e;
  if (!issuer && !clientId) return undefined;
  if (!issuer || !clientId)
    return "BATON_OIDC_ISSUER and BATON_OIDC_CLIENT_ID: set both for single sign-on, or neither";
  const scopes = e.BATON_OIDC_SCOPES.split(/\s+/).filter(Boolean);
  if (!scopes.includes("openid")) return "BATON_OIDC_SCOPES: must include openid";
  const provision = parseProvision(e.BATON_OIDC_PROVISION);
  if (typeof provision === "string") return `BATON_OIDC_PROVISION: ${provision}`;
  return {
    issuer,
    clientId,
    clientSecret: e.BATON_OIDC_CLIENT_SECRET,
    name: e.BATON_OIDC_NAME,
    scopes,
    redirectUrl: e.BATON_OIDC_REDIRECT_URL,
    provision,
  };
}

function attachmentConfig(e: z.infer<typeof envSchema>): AttachmentConfig | string {
  const limits: AttachmentLimits = {
    maxBytes: Math.round(e.BATON_ATTACHMENT_MAX_MB * 1024 * 1024),
    allowedTypes: e.BATON_ATTACHMENT_TYPES
      ? e.BATON_ATTACHMENT_TYPES.split(",").map((t) => t.trim().toLowerCase())
      : DEFAULT_ALLOWED_TYPES,
  };
  const { BATON_S3_BUCKET: bucket, BATON_S3_ACCESS_KEY_ID: key } = e;
  const secret = e.BATON_S3_SECRET_ACCESS_KEY;
  if (!bucket) {
    if (e.BATON_S3_ENDPOINT || key || secret)
      return "BATON_S3_BUCKET: set it too, or leave all BATON_S3_ settings out to keep files in the database";
    return { limits, s3: undefined };
  }
  if (!key || !secret)
    return "BATON_S3_ACCESS_KEY_ID and BATON_S3_SECRET_ACCESS_KEY: both are needed with BATON_S3_BUCKET";
  return {
    limits,
    s3: {
      bucket,
      endpoint: e.BATON_S3_ENDPOINT,
      region: e.BATON_S3_REGION,
      accessKeyId: key,
      secretAccessKey: secret,
      pathStyle: e.BATON_S3_PATH_STYLE
        ? e.BATON_S3_PATH_STYLE === "true"
        : e.BATON_S3_ENDPOINT !== undefined,
    },
  };
}

function inboundConfig(e: z.infer<typeof envSchema>): InboundConfig {
  const mb = 1024 * 1024;
  const limits: Limits = {
    ...DEFAULT_LIMITS,
    maxMessageBytes: Math.round(e.BATON_INBOUND_MAX_MB * mb),
    maxFileBytes: Math.round(e.BATON_INBOUND_MAX_FILE_MB * mb),
  };
  if (e.BATON_INBOUND_SMTP === "off") return { smtp: undefined, limits };
  if (e.BATON_INBOUND_SMTP) {
    const at = e.BATON_INBOUND_SMTP.lastIndexOf(":");
    const host = e.BATON_INBOUND_SMTP.slice(0, at).replace(/^\[(.*)\]$/, "$1") || "127.0.0.1";
    return {
      smtp: { host, port: Number(e.BATON_INBOUND_SMTP.slice(at + 1)), explicit: true },
      limits,
    };
  }
  // On by default for the demo, on loopback only; an ephemeral HTTP port (tests) gets an ephemeral one.
  return { smtp: { host: "127.0.0.1", port: e.PORT === 0 ? 0 : 2525, explicit: false }, limits };
}

function retentionDays(value: string): number | null {
  const days = value === "off" ? 0 : Number(value);
  return days > 0 ? days : null;
}

/** "Name <address>" or a bare address; the name must not carry anything but text. */
function mailbox(value: string): { name: string; address: string } | undefined {
  const named = /^\s*([^<>\r\n]*?)\s*<([^<>\s]+)>\s*$/.exec(value);
  const name = (named?.[1] ?? "").replace(/^"|"$/g, "");
  const address = named ? (named[2] ?? "") : value.trim();
  return isPlainAddress(address) ? { name, address } : undefined;
}

function mailSettings(e: z.infer<typeof envSchema>): MailSettings | string {
  const from = mailbox(e.BATON_MAIL_FROM);
  if (!from)
    return "BATON_MAIL_FROM: must be an address, optionally with a name: Support <support@example.com>";
  const replyTo = e.BATON_MAIL_REPLY_TO ? mailbox(e.BATON_MAIL_REPLY_TO) : from;
  if (!replyTo) return "BATON_MAIL_REPLY_TO: must be an address such as cases@example.com";
  let smtp: SmtpSettings | undefined;
  if (e.BATON_SMTP_URL) {
    const url = new URL(e.BATON_SMTP_URL);
    const secure = url.protocol === "smtps:";
    smtp = {
      host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      requireTls: e.BATON_SMTP_REQUIRE_TLS === "true",
      user: url.username ? decodeURIComponent(url.username) : undefined,
      pass: url.password ? decodeURIComponent(url.password) : undefined,
    };
  } else if (e.BATON_SMTP_HOST) {
    const port = e.BATON_SMTP_PORT ?? (e.BATON_SMTP_SECURE === "true" ? 465 : 587);
    smtp = {
      host: e.BATON_SMTP_HOST,
      port,
      secure: e.BATON_SMTP_SECURE ? e.BATON_SMTP_SECURE === "true" : port === 465,
      requireTls: e.BATON_SMTP_REQUIRE_TLS === "true",
      user: e.BATON_SMTP_USER,
      pass: e.BATON_SMTP_PASS,
    };
  }
  return { from, replyTo: replyTo.address, smtp };
}
