import { resolve } from "node:path";
import { z } from "zod";

// Every setting Baton reads from the environment, validated once at start. README lists them.
const envSchema = z.object({
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
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
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
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
    logLevel: e.LOG_LEVEL,
  };
}
