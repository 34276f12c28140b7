import { count, eq, type SQL, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { memberships } from "../db/schema.ts";
import { describeCasesOf } from "../db/search.ts";
import { invalid } from "../domain/errors.ts";
import type { Policy } from "../domain/policy/schema.ts";
import type { Progress } from "../domain/progress.ts";
import { workspaceBySlug } from "../loaders/workspaces.ts";
import { PEOPLE, REGION_CODES, type RegionCode } from "./seed/data/people.ts";
import { GENERIC_SUBJECTS, SUBJECTS } from "./seed/data/subjects.ts";

// Volume for benchmarks and capacity tests: agents, customers, contacts and cases for an
// existing workspace, written with set-based SQL (INSERT ... SELECT ... FROM generate_series) so
// a million cases load in a few minutes on PostgreSQL. Every "random" choice is a hash of the
// row number and the seed (hashint8extended), so a run is reproducible and needs no round trips;
// generated ids are md5(tag || row number)::uuid, so cases can name their owner, customer and
// contact without looking them up.
//
// No audit events are written for generated rows. Loading volume is an operator action on a
// test installation, not a change anyone made to a case; an audit row per generated case would
// double the load's size and time, and the audit vocabulary has no event for it.

export interface GenerateOptions {
  workspaceSlug: string;
  cases: number;
  agents: number;
  seed?: number;
  /** Steps: agents, customers, cases (rows inserted so far) and analyze. */
  onProgress?: Progress;
}

export interface GenerateResult {
  cases: number;
  agents: number;
  ms: number;
}

// Rows per INSERT: about a tenth of the load, so progress moves in ~10 % steps, within bounds
// that keep each statement's parse and plan cheap next to its rows and its memory modest.
const MIN_BATCH = 500;
const MAX_BATCH = 100_000;
const batchFor = (rows: number) => Math.min(MAX_BATCH, Math.max(MIN_BATCH, Math.ceil(rows / 10)));
const MAX_CASES = 50_000_000;
const MAX_AGENTS = 100_000;
/** Cases per customer, on average. */
const CASES_PER_CUSTOMER = 25;
const NAMES_PER_REGION = 16;

const textArray = (values: readonly string[]): SQL =>
  sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
const intArray = (values: readonly number[]): SQL =>
  sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::int[]`;
const boolArray = (values: readonly boolean[]): SQL =>
  sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::boolean[]`;

/** A list of `count` entries in which each index appears in proportion to its weight. */
function spread(weights: readonly number[], count = 100): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const out: number[] = [];
  weights.forEach((w, i) => {
    const n = Math.round((w / total) * count);
    for (let k = 0; k < n; k++) out.push(i + 1);
  });
  while (out.length < count) out.push(weights.length);
  return out.slice(0, count);
}

interface Locale {
  lang: string;
  tz: string;
  region: RegionCode;
  legal: string;
}

const LOCALES: Locale[] = [
  { lang: "en", tz: "America/New_York", region: "US", legal: "Inc." },
  { lang: "en", tz: "America/Chicago", region: "US", legal: "LLC" },
  { lang: "en", tz: "America/Los_Angeles", region: "US", legal: "Inc." },
  { lang: "en", tz: "Europe/London", region: "EMEA", legal: "Ltd" },
  { lang: "en", tz: "Europe/Dublin", region: "EMEA", legal: "Ltd" },
  { lang: "en", tz: "Australia/Sydney", region: "APAC", legal: "Pty Ltd" },
  { lang: "en", tz: "Asia/Singapore", region: "APAC", legal: "Pte. Ltd." },
  { lang: "en", tz: "Asia/Kolkata", region: "IST", legal: "Pvt. Ltd." },
  { lang: "de", tz: "Europe/Berlin", region: "EMEA", legal: "GmbH" },
  { lang: "de", tz: "Europe/Zurich", region: "EMEA", legal: "AG" },
  { lang: "fr", tz: "Europe/Paris", region: "EMEA", legal: "SAS" },
  { lang: "fr", tz: "America/Toronto", region: "US", legal: "Inc." },
  { lang: "es", tz: "Europe/Madrid", region: "EMEA", legal: "S.L." },
  { lang: "es", tz: "America/Mexico_City", region: "US", legal: "S.A. de C.V." },
  { lang: "pt", tz: "America/Sao_Paulo", region: "US", legal: "Ltda." },
  { lang: "ja", tz: "Asia/Tokyo", region: "APAC", legal: "株式会社" },
  { lang: "zh", tz: "Asia/Shanghai", region: "APAC", legal: "有限公司" },
  { lang: "ko", tz: "Asia/Seoul", region: "APAC", legal: "주식회사" },
  { lang: "hi", tz: "Asia/Kolkata", region: "IST", legal: "प्राइवेट लिमिटेड" },
];

const COMPANY_STEMS = [
  "Bluestone",
  "Silverline",
  "Ironbark",
  "Maplewood",
  "Cedar Point",
  "Harborview",
  "Summit",
  "Aurora",
  "Granite",
  "Falconridge",
  "Willow Creek",
  "Coral Bay",
  "Evergreen",
  "Lakeside",
  "Sunrise",
  "Orion",
  "Nordlicht",
  "Sakura",
  "Lotus",
  "Saffron",
  "Atlas",
  "Kestrel",
  "Brightwater",
  "Stonebridge",
];

const COMPANY_KINDS = [
  "Logistics",
  "Health",
  "Retail",
  "Energy",
  "Foods",
  "Analytics",
  "Insurance",
  "Telecom",
  "Textiles",
  "Media",
  "Engineering",
  "Finance",
];

// Status by age of the last update: recent cases are mostly open, old ones mostly closed.
const STATUSES = [
  "new",
  "active",
  "awaiting_customer",
  "solution_delivered",
  "resolved",
  "closed",
] as const;
const RECENT = spread([25, 35, 20, 10, 10, 0]);
const MONTH = spread([3, 20, 17, 10, 25, 25]);
const OLD = spread([0, 2, 2, 0, 8, 88]);

/** Everything the SQL needs from the policy, as arrays indexed from 1. */
function tables(policy: Policy) {
  const regions = policy.regions.map((r) => r.code);
  const regionalQueues = policy.queues.filter((q) => q.region);
  const sharedQueues = policy.queues.filter((q) => !q.region).map((q) => q.code);
  const width = Math.max(1, sharedQueues.length);
  // agentQueue[(region index) * width + k]: the queue an agent of that region works.
  const agentQueue: string[] = [];
  regions.forEach((region, r) => {
    const own = regionalQueues.find((q) => q.region === region)?.code;
    for (let k = 0; k < width; k++)
      agentQueue.push(
        own ??
          sharedQueues[k] ??
          policy.queues[(r * width + k) % policy.queues.length]?.code ??
          policy.defaults.queue,
      );
  });
  // Four time zones per region, from the demo people of that region or the region's own zone.
  const zones: string[] = [];
  for (const region of policy.regions) {
    const known = (REGION_CODES as readonly string[]).includes(region.code)
      ? [...new Set(PEOPLE[region.code as RegionCode].map((p) => p.tz))]
      : [];
    for (let k = 0; k < 4; k++) zones.push(known[k % Math.max(1, known.length)] ?? region.timeZone);
  }
  const languages = new Set(policy.languages.map((l) => l.code));
  const secondLanguage = policy.regions.map((region) => {
    const spoken = (REGION_CODES as readonly string[]).includes(region.code)
      ? PEOPLE[region.code as RegionCode].flatMap((p) => p.langs)
      : [];
    return spoken.find((l) => languages.has(l) && l !== policy.defaults.language) ?? "";
  });
  const locales = LOCALES.filter((l) => languages.has(l.lang));
  const usable = locales.length
    ? locales
    : [{ lang: policy.defaults.language, tz: "UTC", region: "US" as RegionCode, legal: "Ltd" }];
  const subjects = policy.products.flatMap((product) =>
    (SUBJECTS[product.code] ?? GENERIC_SUBJECTS).map((s) => ({
      product: product.code,
      subject: s.subject.replaceAll("{product}", product.name),
      detail: s.detail.replaceAll("{product}", product.name),
    })),
  );
  const severities = policy.severities;
  const priorities = policy.priorities;
  const prioBySev = severities.map((_, i) => {
    const scaled =
      severities.length > 1
        ? Math.round((i * (priorities.length - 1)) / (severities.length - 1))
        : 0;
    return priorities[scaled]?.code ?? policy.defaults.priority;
  });
  // NAMES_PER_REGION names per region, so an agent's name fits the region they work in.
  const everyone = Object.values(PEOPLE).flat();
  const firstNames: string[] = [];
  const lastNames: string[] = [];
  for (const region of policy.regions) {
    const pool = (REGION_CODES as readonly string[]).includes(region.code)
      ? PEOPLE[region.code as RegionCode]
      : everyone;
    for (let k = 0; k < NAMES_PER_REGION; k++) {
      const a = pool[k % pool.length];
      const b = pool[(k * 7 + 3) % pool.length];
      firstNames.push(a?.first ?? "Alex");
      lastNames.push(b?.last ?? "Morgan");
    }
  }
  return {
    regions,
    agentQueue,
    width,
    zones,
    secondLanguage,
    skills: [...new Set(policy.products.map((p) => p.skill))],
    queues: policy.queues.map((q) => q.code),
    queueRegion: policy.queues.map((q) => q.region ?? ""),
    brands: policy.brands.map((b) => b.code),
    plans: policy.plans.map((p) => p.code),
    plans24x7: policy.plans.map((p) => p.allows24x7),
    severities: severities.map((s) => s.code),
    sevSpread: spread(severities.map((_, i) => [12, 28, 40, 20][i] ?? 10)),
    firstResponse: severities.map((s) => s.firstResponseMinutes ?? 0),
    updateEvery: severities.map((s) => s.updateEveryMinutes ?? 0),
    prioBySev,
    roles: new Set<string>(policy.roles.map((r) => r.id)),
    defaultLanguage: policy.defaults.language,
    localeLang: usable.map((l) => l.lang),
    localeZone: usable.map((l) => l.tz),
    localeRegion: usable.map((l) => (regions.includes(l.region) ? l.region : "")),
    localeLegal: usable.map((l) => l.legal),
    subject: subjects.map((s) => s.subject),
    subjectProduct: subjects.map((s) => s.product),
    subjectDetail: subjects.map((s) => s.detail),
    firstNames,
    lastNames,
    contactFirst: [...new Set(everyone.map((p) => p.first))],
    contactLast: [...new Set(everyone.map((p) => p.last))],
  };
}

function check(options: GenerateOptions): void {
  const { cases, agents, seed } = options;
  if (!Number.isInteger(cases) || cases < 0 || cases > MAX_CASES)
    throw invalid("cases", `must be a whole number from 0 to ${MAX_CASES}`);
  if (!Number.isInteger(agents) || agents < 1 || agents > MAX_AGENTS)
    throw invalid("agents", `must be a whole number from 1 to ${MAX_AGENTS}`);
  if (seed !== undefined && (!Number.isInteger(seed) || Math.abs(seed) > 2 ** 40))
    throw invalid("seed", "must be a whole number");
}

/**
 * Adds `agents` agents (with memberships, no passwords: they cannot sign in) and `cases` cases
 * with their customers and contacts to an existing workspace, in one transaction.
 */
export async function generateVolume(db: Db, options: GenerateOptions): Promise<GenerateResult> {
  check(options);
  const started = performance.now();
  const ws = await workspaceBySlug(db, options.workspaceSlug);
  const t = tables(ws.policy);
  const seed = options.seed ?? 1;
  const agents = options.agents;
  const caseCount = options.cases;
  const customerCount = Math.max(1, Math.ceil(caseCount / CASES_PER_CUSTOMER));
  const now = new Date();

  // Each hash gets its own salt, derived from the seed, so the choices are independent.
  const salt = (k: number) => sql.raw(String(seed * 64 + k));
  const hash = (row: SQL, k: number) =>
    sql`(hashint8extended(${row}, ${salt(k)}::int8) & 2147483647)`;
  const uniform = (row: SQL, k: number) =>
    sql`((hashint8extended(${row}, ${salt(k)}::int8) & 16777215)::float8 / 16777216.0)`;
  const R = t.regions.length;
  const progress: Progress = options.onProgress ?? (() => {});

  await db.transaction(async (tx) => {
    // The numbering continues after the workspace's members, so another run (even with the
    // same seed) makes new ids and emails rather than colliding with the last one.
    const [counted] = await tx
      .select({ n: count() })
      .from(memberships)
      .where(eq(memberships.workspaceId, ws.id));
    const offset = counted?.n ?? 0;
    const tag = `${ws.id}:${offset}:${seed}`;
    const agentId = (i: SQL) => sql`md5(${tag} || ':a:' || (${i})::text)::uuid`;
    const customerId = (j: SQL) => sql`md5(${tag} || ':c:' || (${j})::text)::uuid`;
    const contactId = (j: SQL) => sql`md5(${tag} || ':k:' || (${j})::text)::uuid`;
    const g = sql`g`;
    const regionIndex = sql`(g % ${R})`;
    const agentQueueExpr = (i: SQL) =>
      sql`(${textArray(t.agentQueue)})[1 + ((${i}) % ${R}) * ${t.width} + (((${i}) / ${R}) % ${t.width})]`;

    // --- agents
    const role = sql`case
      when g % 100 = 7 and ${t.roles.has("supervisor")} then 'supervisor'
      when g % 25 = 3 and ${t.roles.has("shift_lead")} then 'shift_lead'
      else 'agent' end`;
    progress("agents", 0, agents);
    await tx.execute(sql`
      insert into users (id, email, name, time_zone, availability, created_at, updated_at)
      select ${agentId(g)},
        'load-' || (${offset} + g) || '@' || ${ws.slug} || '.load.example',
        (${textArray(t.firstNames)})[1 + ${regionIndex} * ${NAMES_PER_REGION} + ${hash(g, 1)} % ${NAMES_PER_REGION}]
          || ' ' ||
          (${textArray(t.lastNames)})[1 + ${regionIndex} * ${NAMES_PER_REGION} + ${hash(g, 2)} % ${NAMES_PER_REGION}],
        (${textArray(t.zones)})[1 + ${regionIndex} * 4 + ${hash(g, 3)} % 4],
        case when g % 97 = 11 then 'off_queue' else 'available' end,
        ${now}::timestamptz - (${uniform(g, 4)} * 400 + 30) * interval '1 day',
        ${now}::timestamptz - ${uniform(g, 5)} * 30 * interval '1 day'
      from generate_series(0::int8, ${agents - 1}::int8) as g`);
    await tx.execute(sql`
      insert into memberships (user_id, workspace_id, role, region, queues, skills, languages,
        capacity, created_at)
      select ${agentId(g)}, ${ws.id}, ${role},
        (${textArray(t.regions)})[1 + ${regionIndex}],
        case when g % 3 = 0 and ${agentQueueExpr(g)} <> ${ws.policy.defaults.queue}
          then array[${agentQueueExpr(g)}, ${ws.policy.defaults.queue}]
          else array[${agentQueueExpr(g)}] end,
        array(select distinct s from unnest(array[
          (${textArray(t.skills)})[1 + g % ${t.skills.length}],
          (${textArray(t.skills)})[1 + ${hash(g, 6)} % ${t.skills.length}]]) as s),
        case when (${textArray(t.secondLanguage)})[1 + ${regionIndex}] = ''
          then array[${t.defaultLanguage}]
          else array[${t.defaultLanguage}, (${textArray(t.secondLanguage)})[1 + ${regionIndex}]]
        end,
        15 + (g % 4) * 5,
        ${now}::timestamptz - ${uniform(g, 5)} * 30 * interval '1 day'
      from generate_series(0::int8, ${agents - 1}::int8) as g`);
    progress("agents", agents, agents);

    // --- customers and one contact each
    const locale = (j: SQL) => sql`(1 + ${hash(j, 10)} % ${t.localeLang.length})`;
    const planOf = (j: SQL) => sql`(1 + ${hash(j, 11)} % ${t.plans.length})`;
    const customerBatch = batchFor(customerCount);
    progress("customers", 0, customerCount);
    for (let from = 0; from < customerCount; from += customerBatch) {
      const to = Math.min(customerCount, from + customerBatch) - 1;
      await tx.execute(sql`
        insert into customers (id, workspace_id, name, time_zone, language, plan, region, created_at)
        select ${customerId(g)}, ${ws.id},
          case when (${textArray(t.localeLang)})[l] in ('ja', 'zh', 'ko', 'hi')
            then (${textArray(COMPANY_STEMS)})[1 + ${hash(g, 12)} % ${COMPANY_STEMS.length}] || ' ' ||
              (${textArray(t.localeLegal)})[l]
            else (${textArray(COMPANY_STEMS)})[1 + ${hash(g, 12)} % ${COMPANY_STEMS.length}] || ' ' ||
              (${textArray(COMPANY_KINDS)})[1 + ${hash(g, 13)} % ${COMPANY_KINDS.length}] || ' ' ||
              (${textArray(t.localeLegal)})[l]
          end,
          (${textArray(t.localeZone)})[l],
          (${textArray(t.localeLang)})[l],
          (${textArray(t.plans)})[${planOf(g)}],
          nullif((${textArray(t.localeRegion)})[l], ''),
          ${now}::timestamptz - (${uniform(g, 14)} * 700 + 370) * interval '1 day'
        from (select g, ${locale(g)} as l from generate_series(${from}::int8, ${to}::int8) as g) s`);
      await tx.execute(sql`
        insert into contacts (id, customer_id, name, email, phone, time_zone, language, created_at)
        select ${contactId(g)}, ${customerId(g)},
          (${textArray(t.contactFirst)})[1 + ${hash(g, 15)} % ${t.contactFirst.length}] || ' ' ||
            (${textArray(t.contactLast)})[1 + ${hash(g, 16)} % ${t.contactLast.length}],
          'contact' || (g + 1) || '@customer' || (g + 1) || '.load.example',
          '+1 555 01' || lpad((g % 100)::text, 2, '0'),
          (${textArray(t.localeZone)})[l],
          (${textArray(t.localeLang)})[l],
          ${now}::timestamptz - (${uniform(g, 14)} * 700 + 370) * interval '1 day'
        from (select g, ${locale(g)} as l from generate_series(${from}::int8, ${to}::int8) as g) s`);
      progress("customers", to + 1, customerCount);
    }

    // --- cases
    const caseBatch = batchFor(caseCount);
    progress("cases", 0, caseCount);
    for (let from = 0; from < caseCount; from += caseBatch) {
      const to = Math.min(caseCount, from + caseBatch) - 1;
      // Layer 1 draws the random numbers, layer 2 derives choices from them, the insert names
      // the columns. Owners are skewed: owner = floor(agents * u^2) gives a few agents many cases.
      await tx.execute(sql`
        insert into cases (workspace_id, subject, description, customer_id, contact_id, product,
          severity, priority, impact, plan, is_24x7, status, owner_id, queue, region, brand,
          first_response_due_at, next_update_due_at, idle_since, handoff_count, created_by,
          created_at, updated_at)
        select ${ws.id}, (${textArray(t.subject)})[subj], (${textArray(t.subjectDetail)})[subj],
          ${customerId(sql`cust`)}, ${contactId(sql`cust`)},
          (${textArray(t.subjectProduct)})[subj],
          (${textArray(t.severities)})[sev], (${textArray(t.prioBySev)})[sev],
          '', (${textArray(t.plans)})[pl],
          (${boolArray(t.plans24x7)})[pl] and sev = 1 and x % 4 <> 0,
          status,
          case when unassigned then null else ${agentId(sql`owner`)} end,
          case when unassigned then (${textArray(t.queues)})[1 + x % ${t.queues.length}]
            else ${agentQueueExpr(sql`owner`)} end,
          case when not unassigned then (${textArray(t.regions)})[1 + owner % ${R}]
            else coalesce(nullif((${textArray(t.queueRegion)})[1 + x % ${t.queues.length}], ''),
              nullif((${textArray(t.localeRegion)})[loc], '')) end,
          (${textArray(t.brands)})[1 + x % ${t.brands.length}],
          created + nullif((${intArray(t.firstResponse)})[sev], 0) * interval '1 minute',
          case when status in ('active', 'awaiting_customer', 'solution_delivered')
            then updated + nullif((${intArray(t.updateEvery)})[sev], 0) * interval '1 minute' end,
          updated,
          case when x % 10 = 0 and status <> 'new' then 1 else 0 end,
          ${agentId(sql`case when unassigned then 0 else owner end`)},
          created, updated
        from (
          select *,
            (status = 'new' and x % 100 < 40) or (status = 'active' and x % 100 < 3) as unassigned,
            case when status = 'new' then updated
              else updated - u_span * 20 * interval '1 day' end as created
          from (
            select g, x, subj, sev, cust, owner, u_span,
              ${locale(sql`cust`)} as loc, ${planOf(sql`cust`)} as pl,
              ${now}::timestamptz - age * interval '1 day' as updated,
              (${textArray([...STATUSES])})[case
                when age < 7 then (${intArray(RECENT)})[1 + x % 100]
                when age < 30 then (${intArray(MONTH)})[1 + x % 100]
                else (${intArray(OLD)})[1 + x % 100] end] as status
            from (
              select g,
                ${hash(g, 20)} as x,
                1 + ${hash(g, 21)} % ${t.subject.length} as subj,
                (${intArray(t.sevSpread)})[1 + ${hash(g, 22)} % 100] as sev,
                ${hash(g, 23)} % ${customerCount} as cust,
                least(${agents - 1}, floor(${agents} * ${uniform(g, 24)} ^ 2))::int8 as owner,
                365 * ${uniform(g, 25)} ^ 2 as age,
                ${uniform(g, 26)} as u_span
              from generate_series(${from}::int8, ${to}::int8) as g
            ) r
          ) d
        ) c`);
      progress("cases", to + 1, caseCount);
    }
    await tx.execute(describeCasesOf(ws.id));
  });

  // Fresh statistics, so the planner does not plan the next queries for an empty table.
  progress("analyze", 0, 1);
  await db.execute(sql`analyze users, memberships, customers, contacts, cases, case_descriptions`);
  progress("analyze", 1, 1);
  return { cases: caseCount, agents, ms: Math.round(performance.now() - started) };
}
