import { sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { hashPassword, passwordProblem } from "../auth/passwords.ts";
import type { Db } from "../db/client.ts";
import {
  activities,
  auditEvents,
  cases,
  contacts,
  customers,
  memberships,
  policies,
  users,
  webhookSubscriptions,
  workspaces,
} from "../db/schema.ts";
import type { CaseStatus } from "../domain/case-status.ts";
import { invalid } from "../domain/errors.ts";
import type { RoleId } from "../domain/permissions.ts";
import { parsePolicy } from "../domain/policy/parse.ts";
import type { Policy } from "../domain/policy/schema.ts";
import { PRESET_SLUGS, type PresetSlug, presets } from "../presets/index.ts";

// Demo data: one workspace per preset, filled with invented people, customers and cases that
// read like each organisation's real work. Everything random comes from a PRNG seeded with the
// workspace slug, so two runs produce the same names, subjects and shapes (timestamps are
// relative to the moment of seeding). Rows go in with multi-row inserts, one transaction per
// workspace, and every row that a command would audit gets its audit event in that transaction.

export const DEMO_PASSWORD = "baton-demo-2026";

export interface DemoWorkspace {
  slug: string;
  name: string;
  cases: number;
  agents: number;
}

export interface DemoLogin {
  email: string;
  role: RoleId;
  workspace: string;
}

export type DemoSummary =
  | { seeded: false }
  | { seeded: true; workspaces: DemoWorkspace[]; logins: DemoLogin[]; password: string };

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  int(maxExclusive: number): number;
  between(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  shuffle<T>(list: readonly T[]): T[];
  uuid(): string;
}

function hashText(text: string): number {
  // FNV-1a, enough to turn a slug into a 32-bit seed.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function makeRng(seed: string | number): Rng {
  // mulberry32: small, fast and good enough for demo data.
  let state = typeof seed === "number" ? seed >>> 0 : hashText(seed);
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number) => Math.floor(next() * maxExclusive);
  const pick = <T>(list: readonly T[]): T => {
    if (list.length === 0) throw new Error("pick from an empty list");
    return list[int(list.length)] as T;
  };
  return {
    next,
    int,
    between: (min, max) => min + next() * (max - min),
    chance: (p) => next() < p,
    pick,
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new Error("weighted pick from an empty list");
      return last[0];
    },
    shuffle: <T>(list: readonly T[]): T[] => {
      const copy = [...list];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(i + 1);
        [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
      }
      return copy;
    },
    uuid: () => {
      const hex: string[] = [];
      for (let i = 0; i < 16; i++) {
        let byte = int(256);
        if (i === 6) byte = (byte & 0x0f) | 0x40;
        if (i === 8) byte = (byte & 0x3f) | 0x80;
        hex.push(byte.toString(16).padStart(2, "0"));
      }
      const s = hex.join("");
      return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Catalogues. All people and companies are invented; none comes from the seed documents.

const WORKSPACE_NAMES: Record<PresetSlug, string> = {
  "regional-cse": "Corvid Cloud: Customer Support Engineering",
  "follow-the-sun": "Lumenfield Data Platform Support",
  "ps-escalation": "Keystone Professional Services",
  "helpdesk-transfer": "Parcelbright Help Desk",
  "shift-lead": "Tideway SaaS Support",
};

export type RegionCode = "APAC" | "IST" | "EMEA" | "US";
export const REGION_CODES: readonly RegionCode[] = ["APAC", "IST", "EMEA", "US"];

export interface Person {
  first: string;
  last: string;
  tz: string;
  /** Languages the person speaks besides English. */
  langs: string[];
  phone: string;
}

const p = (first: string, last: string, tz: string, langs: string[], phone: string): Person => ({
  first,
  last,
  tz,
  langs,
  phone,
});

export const PEOPLE: Record<RegionCode, Person[]> = {
  APAC: [
    p("Mei Ling", "Tan", "Asia/Singapore", ["zh"], "+65 6555 0114"),
    p("Haruki", "Mori", "Asia/Tokyo", ["ja"], "+81 3 5550 2231"),
    p("Ji-won", "Choi", "Asia/Seoul", ["ko"], "+82 2 5550 3390"),
    p("Olivia", "Bennett", "Australia/Sydney", [], "+61 2 5550 1187"),
    p("Linh", "Nguyen", "Asia/Singapore", ["vi"], "+65 6555 0162"),
    p("Arif", "Rahman", "Asia/Singapore", ["ms"], "+65 6555 0190"),
    p("Chloe", "Wong", "Australia/Sydney", ["zh"], "+61 2 5550 1420"),
    p("Kenji", "Watanabe", "Asia/Tokyo", ["ja"], "+81 3 5550 2278"),
    p("Nur Aisyah", "Ismail", "Asia/Singapore", ["ms"], "+65 6555 0133"),
    p("Jack", "Robertson", "Australia/Melbourne", [], "+61 3 5550 8812"),
    p("Ana", "Reyes", "Asia/Manila", ["es"], "+63 2 5550 4471"),
    p("Tane", "Walker", "Pacific/Auckland", [], "+64 9 555 0148"),
    p("Yuna", "Kobayashi", "Asia/Tokyo", ["ja"], "+81 3 5550 2290"),
    p("Daniel", "Lim", "Asia/Singapore", ["zh"], "+65 6555 0177"),
    p("Sora", "Takeda", "Asia/Tokyo", ["ja"], "+81 3 5550 2305"),
    p("Wei Jie", "Koh", "Asia/Singapore", ["zh"], "+65 6555 0121"),
  ],
  IST: [
    p("Aarav", "Sharma", "Asia/Kolkata", ["hi"], "+91 80 5550 1001"),
    p("Priya", "Nair", "Asia/Kolkata", ["hi"], "+91 80 5550 1002"),
    p("Rohan", "Mehta", "Asia/Kolkata", ["hi"], "+91 22 5550 1003"),
    p("Kavya", "Reddy", "Asia/Kolkata", ["hi"], "+91 40 5550 1004"),
    p("Vikram", "Iyer", "Asia/Kolkata", ["hi"], "+91 44 5550 1005"),
    p("Sneha", "Kulkarni", "Asia/Kolkata", ["hi"], "+91 20 5550 1006"),
    p("Arjun", "Desai", "Asia/Kolkata", ["hi"], "+91 79 5550 1007"),
    p("Meera", "Pillai", "Asia/Kolkata", ["hi"], "+91 80 5550 1008"),
    p("Nikhil", "Joshi", "Asia/Kolkata", ["hi"], "+91 20 5550 1009"),
    p("Divya", "Menon", "Asia/Kolkata", ["hi"], "+91 484 555 1010"),
    p("Ishaan", "Gupta", "Asia/Kolkata", ["hi"], "+91 11 5550 1011"),
    p("Ananya", "Rao", "Asia/Kolkata", ["hi"], "+91 80 5550 1012"),
    p("Karthik", "Subramanian", "Asia/Kolkata", ["hi"], "+91 44 5550 1013"),
    p("Pooja", "Bhatt", "Asia/Kolkata", ["hi"], "+91 79 5550 1014"),
    p("Rahul", "Verma", "Asia/Kolkata", ["hi"], "+91 11 5550 1015"),
    p("Lakshmi", "Krishnan", "Asia/Kolkata", ["hi"], "+91 44 5550 1016"),
  ],
  EMEA: [
    p("Sofia", "Rossi", "Europe/Rome", ["it", "fr"], "+39 02 5550 3311"),
    p("Lukas", "Becker", "Europe/Berlin", ["de"], "+49 30 5550 4412"),
    p("Amélie", "Dubois", "Europe/Paris", ["fr"], "+33 1 5550 2290"),
    p("Jonas", "Lindqvist", "Europe/Stockholm", ["sv", "de"], "+46 8 5550 1180"),
    p("Fatima", "El Amrani", "Europe/Madrid", ["fr", "es"], "+34 91 555 0192"),
    p("Tomasz", "Nowak", "Europe/Warsaw", ["pl", "de"], "+48 22 555 0141"),
    p("Hannah", "Fischer", "Europe/Berlin", ["de"], "+49 89 5550 4470"),
    p("Mateo", "García", "Europe/Madrid", ["es", "pt"], "+34 93 555 0177"),
    p("Aoife", "Murphy", "Europe/Dublin", [], "+353 1 555 0166"),
    p("Kwame", "Mensah", "Europe/London", ["fr"], "+44 20 5550 7781"),
    p("Zeynep", "Yılmaz", "Europe/Istanbul", ["tr", "de"], "+90 212 555 0190"),
    p("Oliver", "Hughes", "Europe/London", [], "+44 20 5550 7702"),
    p("Noor", "Haddad", "Asia/Dubai", ["ar", "fr"], "+971 4 555 0138"),
    p("Lars", "Jensen", "Europe/Copenhagen", ["da", "de"], "+45 32 55 50 12"),
    p("Chiara", "Bianchi", "Europe/Rome", ["it", "es"], "+39 06 5550 3345"),
    p("Thabo", "Nkosi", "Africa/Johannesburg", [], "+27 11 555 0199"),
  ],
  US: [
    p("Marcus", "Johnson", "America/New_York", [], "+1 212 555 0143"),
    p("Emily", "Carter", "America/Chicago", [], "+1 312 555 0187"),
    p("Diego", "Hernández", "America/Los_Angeles", ["es"], "+1 415 555 0112"),
    p("Aisha", "Williams", "America/New_York", [], "+1 646 555 0165"),
    p("Ryan", "Kim", "America/Los_Angeles", ["ko"], "+1 206 555 0158"),
    p("Grace", "Thompson", "America/Denver", [], "+1 303 555 0121"),
    p("Jamal", "Washington", "America/Chicago", [], "+1 312 555 0104"),
    p("Sarah", "Goldberg", "America/New_York", ["fr"], "+1 617 555 0139"),
    p("Carlos", "Mendoza", "America/Phoenix", ["es"], "+1 602 555 0176"),
    p("Natalie", "Brooks", "America/Los_Angeles", [], "+1 503 555 0183"),
    p("Tyler", "Nguyen", "America/Los_Angeles", ["vi"], "+1 408 555 0126"),
    p("Maya", "Patel", "America/New_York", ["hi"], "+1 201 555 0117"),
    p("Brandon", "Scott", "America/Chicago", [], "+1 214 555 0195"),
    p("Jasmine", "Rivera", "America/New_York", ["es", "pt"], "+1 305 555 0150"),
    p("Kevin", "O'Brien", "America/Chicago", [], "+1 773 555 0169"),
    p("Leah", "Cohen", "America/Los_Angeles", ["de"], "+1 310 555 0131"),
  ],
};

export const ZONE_REGION: Record<string, RegionCode> = {
  "Asia/Singapore": "APAC",
  "Asia/Tokyo": "APAC",
  "Asia/Seoul": "APAC",
  "Asia/Shanghai": "APAC",
  "Asia/Taipei": "APAC",
  "Australia/Sydney": "APAC",
  "Australia/Melbourne": "APAC",
  "Pacific/Auckland": "APAC",
  "Asia/Manila": "APAC",
  "Asia/Kolkata": "IST",
  "Europe/London": "EMEA",
  "Europe/Dublin": "EMEA",
  "Europe/Berlin": "EMEA",
  "Europe/Vienna": "EMEA",
  "Europe/Zurich": "EMEA",
  "Europe/Paris": "EMEA",
  "Europe/Madrid": "EMEA",
  "Europe/Lisbon": "EMEA",
  "Africa/Dakar": "EMEA",
  "Africa/Johannesburg": "EMEA",
  "Asia/Dubai": "EMEA",
  "America/New_York": "US",
  "America/Chicago": "US",
  "America/Los_Angeles": "US",
  "America/Toronto": "US",
  "America/Mexico_City": "US",
  "America/Bogota": "US",
  "America/Sao_Paulo": "US",
};

interface ContactSpec {
  name: string;
  /** The part before the @ of the contact's email. */
  local: string;
  tz?: string;
  lang?: string;
  phone: string;
}

interface CustomerSpec {
  name: string;
  lang: string;
  tz: string;
  domain: string;
  contacts: ContactSpec[];
}

const c = (name: string, local: string, phone: string, tz?: string, lang?: string) => ({
  name,
  local,
  phone,
  ...(tz ? { tz } : {}),
  ...(lang ? { lang } : {}),
});

const CUSTOMERS: CustomerSpec[] = [
  {
    name: "Harbourline Logistics Pty Ltd",
    lang: "en",
    tz: "Australia/Sydney",
    domain: "harbourline.example",
    contacts: [
      c("Megan Fraser", "megan.fraser", "+61 2 5550 3301"),
      c("Tom Adeyemi", "tom.adeyemi", "+61 8 5550 3302", "Australia/Perth"),
    ],
  },
  {
    name: "Bluegate Financial Services",
    lang: "en",
    tz: "America/New_York",
    domain: "bluegate-fs.example",
    contacts: [
      c("Rachel Stein", "rstein", "+1 212 555 0190"),
      c("David Okafor", "dokafor", "+44 20 5550 1934", "Europe/London"),
    ],
  },
  {
    name: "Pinecrest Health Network",
    lang: "en",
    tz: "America/Chicago",
    domain: "pinecrest-health.example",
    contacts: [c("Laura Jenkins", "laura.jenkins", "+1 312 555 0122")],
  },
  {
    name: "Redwood Analytics Inc.",
    lang: "en",
    tz: "America/Los_Angeles",
    domain: "redwood-analytics.example",
    contacts: [
      c("Kevin Park", "kpark", "+1 415 555 0177"),
      c("Anita Ramos", "aramos", "+1 503 555 0168", undefined, "es"),
    ],
  },
  {
    name: "Kingsbridge Retail Group plc",
    lang: "en",
    tz: "Europe/London",
    domain: "kingsbridge-retail.example",
    contacts: [
      c("Sophie Turner", "sophie.turner", "+44 161 555 0120"),
      c("James Whitfield", "james.whitfield", "+44 20 5550 1187"),
    ],
  },
  {
    name: "Shannonside Telecom Ltd",
    lang: "en",
    tz: "Europe/Dublin",
    domain: "shannonside.example",
    contacts: [c("Ciara Byrne", "ciara.byrne", "+353 61 555 014")],
  },
  {
    name: "Orchid Capital Pte. Ltd.",
    lang: "en",
    tz: "Asia/Singapore",
    domain: "orchidcapital.example",
    contacts: [
      c("Jonathan Teo", "jonathan.teo", "+65 6555 0188"),
      c("Farah Hassan", "farah.hassan", "+971 4 555 0171", "Asia/Dubai"),
    ],
  },
  {
    name: "Infosphere Solutions Pvt. Ltd.",
    lang: "en",
    tz: "Asia/Kolkata",
    domain: "infosphere.example",
    contacts: [
      c("Suresh Balakrishnan", "suresh.b", "+91 80 5550 2210"),
      c("Neha Kapoor", "neha.kapoor", "+91 11 5550 2211", undefined, "hi"),
    ],
  },
  {
    name: "Kiwi Freight Ltd",
    lang: "en",
    tz: "Pacific/Auckland",
    domain: "kiwifreight.example",
    contacts: [c("Aroha Ngata", "aroha.ngata", "+64 9 555 0102")],
  },
  {
    name: "Cape Horizon Insurance",
    lang: "en",
    tz: "Africa/Johannesburg",
    domain: "capehorizon.example",
    contacts: [c("Sipho Dlamini", "sipho.dlamini", "+27 21 555 0133")],
  },
  {
    name: "Müller GmbH",
    lang: "de",
    tz: "Europe/Berlin",
    domain: "mueller-gmbh.example",
    contacts: [
      c("Jürgen Weiß", "j.weiss", "+49 711 5550 310"),
      c("Katrin Schäfer", "k.schaefer", "+49 711 5550 311"),
      c("Mark Baumann", "m.baumann", "+1 312 555 0148", "America/Chicago", "en"),
    ],
  },
  {
    name: "Bäckerei Großmann KG",
    lang: "de",
    tz: "Europe/Vienna",
    domain: "grossmann-baeckerei.example",
    contacts: [c("Anna Hofstätter", "anna.hofstaetter", "+43 1 5550 4410")],
  },
  {
    name: "Zürcher Präzisionstechnik AG",
    lang: "de",
    tz: "Europe/Zurich",
    domain: "zpt.example",
    contacts: [c("Reto Brügger", "reto.bruegger", "+41 44 555 01 20")],
  },
  {
    name: "Éditions Lumière SARL",
    lang: "fr",
    tz: "Europe/Paris",
    domain: "editions-lumiere.example",
    contacts: [
      c("Élodie Rousseau", "elodie.rousseau", "+33 1 5550 7710"),
      c("François Lefèvre", "francois.lefevre", "+33 4 5550 7711"),
    ],
  },
  {
    name: "Transports Bélanger Inc.",
    lang: "fr",
    tz: "America/Toronto",
    domain: "transports-belanger.example",
    contacts: [c("Geneviève Côté", "gcote", "+1 514 555 0119")],
  },
  {
    name: "Société Dakaroise de Distribution",
    lang: "fr",
    tz: "Africa/Dakar",
    domain: "sodadis.example",
    contacts: [c("Aminata Diop", "aminata.diop", "+221 33 555 0123")],
  },
  {
    name: "Distribuciones Peñalara S.L.",
    lang: "es",
    tz: "Europe/Madrid",
    domain: "penalara.example",
    contacts: [
      c("Nuria Ibáñez", "nuria.ibanez", "+34 91 555 0144"),
      c("Íñigo Echeverría", "inigo.echeverria", "+34 94 555 0145"),
    ],
  },
  {
    name: "Grupo Andino de Seguros S.A.",
    lang: "es",
    tz: "America/Bogota",
    domain: "grupoandino.example",
    contacts: [c("Camila Restrepo", "camila.restrepo", "+57 1 555 0166")],
  },
  {
    name: "Logística Azteca S.A. de C.V.",
    lang: "es",
    tz: "America/Mexico_City",
    domain: "logistica-azteca.example",
    contacts: [c("José Ángel Ramírez", "ja.ramirez", "+52 55 5550 1290")],
  },
  {
    name: "Construtora São Bento Ltda.",
    lang: "pt",
    tz: "America/Sao_Paulo",
    domain: "saobento.example",
    contacts: [
      c("João Gonçalves", "joao.goncalves", "+55 11 5550 4420"),
      c("Beatriz Araújo", "beatriz.araujo", "+55 21 5550 4421"),
    ],
  },
  {
    name: "Lusovinhos, Lda.",
    lang: "pt",
    tz: "Europe/Lisbon",
    domain: "lusovinhos.example",
    contacts: [c("Inês Carvalho", "ines.carvalho", "+351 21 555 0137")],
  },
  {
    name: "株式会社サクラ",
    lang: "ja",
    tz: "Asia/Tokyo",
    domain: "sakura-kk.example",
    contacts: [
      c("佐藤 美咲", "misaki.sato", "+81 3 5550 7001"),
      c("高橋 健太", "kenta.takahashi", "+81 6 5550 7002"),
    ],
  },
  {
    name: "北斗精機株式会社",
    lang: "ja",
    tz: "Asia/Tokyo",
    domain: "hokuto-seiki.example",
    contacts: [c("山本 直樹", "naoki.yamamoto", "+81 52 555 7003")],
  },
  {
    name: "上海云杉科技有限公司",
    lang: "zh",
    tz: "Asia/Shanghai",
    domain: "yunshan-tech.example",
    contacts: [
      c("王芳", "wang.fang", "+86 21 5550 8801"),
      c("陈伟", "chen.wei", "+86 21 5550 8802"),
    ],
  },
  {
    name: "台北晨光電子股份有限公司",
    lang: "zh",
    tz: "Asia/Taipei",
    domain: "chenguang-elec.example",
    contacts: [c("林怡君", "yichun.lin", "+886 2 5550 3301")],
  },
  {
    name: "한빛소프트 주식회사",
    lang: "ko",
    tz: "Asia/Seoul",
    domain: "hanbit-soft.example",
    contacts: [
      c("김민준", "minjun.kim", "+82 2 5550 6601"),
      c("이서연", "seoyeon.lee", "+82 31 555 6602"),
    ],
  },
  {
    name: "श्री गणेश ट्रेडर्स",
    lang: "hi",
    tz: "Asia/Kolkata",
    domain: "ganesh-traders.example",
    contacts: [c("अनिल वर्मा", "anil.verma", "+91 141 555 0150")],
  },
  {
    name: "Saraswati Textiles Pvt. Ltd.",
    lang: "hi",
    tz: "Asia/Kolkata",
    domain: "saraswati-textiles.example",
    contacts: [
      c("प्रिया देशपांडे", "priya.deshpande", "+91 20 5550 0151"),
      c("Manish Agarwal", "manish.agarwal", "+91 22 5550 0152", undefined, "en"),
    ],
  },
];

export interface SubjectSpec {
  subject: string;
  detail: string;
  /** Queue the case naturally lands in, when the workspace has it. */
  queue?: string;
}

const s = (subject: string, detail: string, queue?: string): SubjectSpec =>
  queue ? { subject, detail, queue } : { subject, detail };

// Keyed by product code; products that share a code across presets share their subjects.
export const SUBJECTS: Record<string, SubjectSpec[]> = {
  platform: [
    s(
      "Control plane API returns 503 after maintenance window",
      "Since the weekend maintenance the control plane API answers about one request in five with HTTP 503; deployments from the CI pipeline fail intermittently.",
    ),
    s(
      "Nodes stuck in NotReady after agent upgrade to 4.12",
      "After upgrading the node agent to 4.12, three of twelve nodes stay NotReady; the agent log shows repeated certificate rotation failures.",
    ),
    s(
      "Scheduled jobs run twice after daylight saving change",
      "Nightly jobs scheduled at 02:30 local time ran twice on the night the clocks changed, duplicating invoice exports.",
    ),
    s(
      "Quota increase request for production project",
      "The customer needs the vCPU quota in the production project raised from 512 to 1024 before a product launch.",
    ),
    s(
      "Console very slow when listing more than 5,000 resources",
      "The resource list in the console takes over a minute to load for projects with more than 5,000 resources.",
    ),
  ],
  networking: [
    s(
      "Site-to-site VPN tunnel drops every 8 hours",
      "The IPsec tunnel between the Frankfurt office and the cloud gateway renegotiates every 8 hours and traffic stops for about two minutes each time.",
    ),
    s(
      "Intermittent packet loss between availability zones",
      "Latency-sensitive services see 2–3% packet loss between zones B and C during business hours.",
    ),
    s(
      "Load balancer health checks failing after TLS certificate renewal",
      "After renewing the wildcard certificate, all backends are marked unhealthy although they answer normally when queried directly.",
    ),
    s(
      "Private DNS zone not resolving from peered network",
      "Hosts in the peered network cannot resolve records in the private zone; resolution works from inside the original network.",
    ),
    s(
      "Need guidance on moving to dual-stack IPv6",
      "The customer plans to enable IPv6 on their public endpoints and asks for a review of their addressing plan.",
    ),
  ],
  storage: [
    s(
      "Nightly backup job failing with snapshot quota exceeded",
      "The nightly backup policy fails on the production volumes with 'snapshot quota exceeded' although old snapshots are set to expire after 14 days.",
    ),
    s(
      "Restore of 2 TB volume far slower than documented",
      "A test restore of a 2 TB volume has been running for 19 hours; the documentation suggests about 4 hours.",
    ),
    s(
      "Object storage returns 403 for pre-signed URLs",
      "Pre-signed download URLs generated by the customer's application return 403 AccessDenied roughly ten minutes after creation.",
    ),
    s(
      "File share mounted read-only after failover test",
      "After the planned failover test the NFS share is mounted read-only on all application servers.",
    ),
    s(
      "Unexpected growth in storage costs on archive tier",
      "Archive tier costs doubled this month; the customer suspects early-deletion charges from a misconfigured lifecycle rule.",
    ),
  ],
  identity: [
    s(
      "SAML single sign-on fails for users with non-ASCII names",
      "Users whose display names contain accented characters get 'invalid assertion' when signing in through the corporate identity provider.",
    ),
    s(
      "MFA enrollment emails not arriving",
      "New users do not receive the MFA enrollment email; the customer's mail gateway shows no delivery attempts.",
    ),
    s(
      "Service account keys rotated unexpectedly",
      "Two service account keys were rotated overnight without anyone on the customer's side requesting it, breaking an integration.",
    ),
    s(
      "Audit log missing role assignment events",
      "Role assignments made through the API do not appear in the audit log export used for the customer's compliance review.",
    ),
    s(
      "SCIM provisioning creates duplicate users",
      "The SCIM connector creates a second user when an email address changes case, instead of updating the existing one.",
    ),
  ],
  spark: [
    s(
      "Spark job fails with executor OOM after runtime upgrade",
      "A daily aggregation job that ran for months now fails with OutOfMemoryError on executors after the cluster runtime moved to 3.5.",
    ),
    s(
      "Structured streaming query falls behind after checkpoint restore",
      "After restoring from a checkpoint the streaming query processes about 40% of the input rate and the backlog keeps growing.",
    ),
    s(
      "Skewed join makes nightly ETL run 6 hours instead of 1",
      "One join stage in the nightly ETL has a single task that runs for hours; adaptive query execution does not split it.",
    ),
    s(
      "Spark history server not showing completed applications",
      "Completed applications stop appearing in the history server after about 200 entries.",
    ),
  ],
  hadoop: [
    s(
      "HDFS NameNode failover takes over 10 minutes",
      "During the monthly failover drill the standby NameNode took 11 minutes to become active, exceeding the customer's 2-minute target.",
    ),
    s(
      "YARN ResourceManager rejecting applications with queue full",
      "Applications submitted to the analytics queue are rejected with 'queue full' although the queue shows 30% usage.",
    ),
    s(
      "DataNodes marked dead after OS patching",
      "After the monthly OS patching four DataNodes were marked dead and under-replicated blocks rose to 120,000.",
    ),
    s(
      "Kerberos ticket renewal failing for long-running jobs",
      "Jobs running longer than 24 hours fail when the delegation token expires; renewal attempts are rejected.",
    ),
  ],
  kafka: [
    s(
      "Consumer group lag keeps growing on orders topic",
      "Lag on the orders topic grew to 3 million messages; consumers rebalance every few minutes.",
    ),
    s(
      "Broker disk full after retention change",
      "After changing retention to 7 days, disks on two brokers reached 95% and producers started to see timeouts.",
    ),
    s(
      "Producers get NOT_ENOUGH_REPLICAS during rolling restart",
      "During rolling restarts producers with acks=all fail with NOT_ENOUGH_REPLICAS for several minutes.",
    ),
    s(
      "MirrorMaker replication stalled between regions",
      "Cross-region replication stopped advancing offsets on three partitions without any error in the logs.",
    ),
  ],
  hive: [
    s(
      "Hive query returns wrong row count on partitioned table",
      "A count on a partitioned table returns fewer rows than the underlying files contain after a partition repair.",
    ),
    s(
      "Interactive query LLAP daemons crashing under load",
      "LLAP daemons restart every few hours during peak reporting load, cancelling dashboards.",
    ),
    s(
      "Metastore connection pool exhausted",
      "BI tools intermittently fail with 'unable to get a connection' from the metastore during the morning reporting window.",
    ),
    s(
      "ACID compaction not running on large tables",
      "Minor and major compactions are queued but never start on tables larger than 2 TB.",
    ),
  ],
  "stream-analytics": [
    s(
      "Stream analytics job stopped with deserialization errors",
      "The job stopped after malformed JSON events arrived from one device firmware version; the customer needs it to skip bad events.",
    ),
    s(
      "Output to SQL sink is delayed by 20 minutes",
      "Events reach the SQL sink about 20 minutes late although input watermark delay is under a minute.",
    ),
    s(
      "Windowed aggregates differ between reruns",
      "Rerunning the same time range produces different tumbling window totals.",
    ),
  ],
  "data-lake": [
    s(
      "Access denied on data lake folder despite ACL inheritance",
      "A service principal gets 403 on new folders although default ACLs are set on the parent.",
    ),
    s(
      "Throttling errors when copying 50 million small files",
      "A migration copy job fails with 503 throttling errors after about 12 million files.",
    ),
    s(
      "Soft-deleted data not recoverable",
      "The customer deleted a folder by mistake and the soft-delete restore fails with 'blob not found'.",
    ),
  ],
  core: [
    s(
      "Workflow approvals stuck in pending after go-live",
      "Since go-live, purchase approvals above 10,000 stay pending; the approver never receives the task.",
      "support-l1",
    ),
    s(
      "Custom field values lost when saving records in bulk",
      "Bulk edits of more than 200 records clear the values of two custom fields.",
      "triage",
    ),
    s(
      "Installation fails at database schema step",
      "The on-premises installation stops at the schema step with a permissions error on the customer's SQL Server.",
      "professional-services",
    ),
    s(
      "Session timeout shorter than configured",
      "Users are signed out after 15 minutes although the session timeout is set to 8 hours.",
      "support-l1",
    ),
    s(
      "Record locking error when two users edit the same order",
      "Two users editing the same order both save successfully and the second silently overwrites the first.",
      "development",
    ),
  ],
  reporting: [
    s(
      "Monthly revenue report totals differ from ledger",
      "The monthly revenue report is off by about 0.4% compared with the general ledger export.",
    ),
    s(
      "Scheduled reports not delivered on Mondays",
      "Reports scheduled for Monday mornings are not emailed; other days work.",
    ),
    s(
      "Dashboard charts show times in UTC instead of the user's time zone",
      "Charts ignore the user's time zone setting and show every timestamp in UTC.",
    ),
    s(
      "Export to Excel truncates long text fields",
      "Text fields longer than 255 characters are cut off in the Excel export.",
    ),
  ],
  integrations: [
    s(
      "Webhook deliveries failing with signature mismatch",
      "The customer's endpoint rejects webhook calls because the signature does not match the payload.",
    ),
    s(
      "REST API rate limit reached during nightly sync",
      "The nightly sync hits HTTP 429 after about 40,000 calls and leaves records half-updated.",
    ),
    s(
      "CRM connector duplicates contacts",
      "The CRM connector creates duplicate contacts when the email address differs only in letter case.",
    ),
    s(
      "OAuth token refresh fails after password change",
      "After a user changes their password the integration keeps failing with invalid_grant until it is reconnected.",
    ),
  ],
  mobile: [
    s(
      "Mobile app crashes on launch on Android 14",
      "The app closes immediately after the splash screen on Android 14 devices.",
    ),
    s(
      "Offline changes lost after reconnecting",
      "Field technicians lose the changes they made offline when the device reconnects.",
    ),
    s(
      "Push notifications not received on iOS",
      "iOS users stopped receiving push notifications after the last release.",
    ),
  ],
  "data-migration": [
    s(
      "Legacy data import rejects dates before 1970",
      "The import tool rejects customer records with birth dates before 1970 as invalid.",
      "professional-services",
    ),
    s(
      "Migration of attachments stops at 80%",
      "Attachment migration stops at about 80% without an error; the log ends mid-batch.",
    ),
    s(
      "Character encoding broken after import from legacy system",
      "Names with umlauts and accents appear garbled after the import from the legacy ERP.",
    ),
  ],
  "shared-hosting": [
    s(
      "Website shows 500 error after PHP version change",
      "After switching the site to PHP 8.3 in the control panel, every page returns HTTP 500.",
    ),
    s(
      "Site very slow since this morning",
      "Page loads take 15–20 seconds since this morning; nothing was changed on the customer's side.",
    ),
    s(
      "Cannot upload files larger than 2 MB",
      "File uploads larger than 2 MB fail in the CMS with 'file too large'.",
    ),
    s(
      "Upgrade from Basic to Business plan: what changes?",
      "The customer asks what changes when moving from Basic to Business and whether there is downtime.",
      "sales",
    ),
  ],
  email: [
    s(
      "Outgoing mail rejected as spam by recipients",
      "Mail sent from the customer's domain bounces at several large providers with a spam policy message.",
    ),
    s(
      "Mailbox full although usage shows 40%",
      "The mailbox rejects new mail as full while the control panel shows 40% usage.",
    ),
    s(
      "Cannot connect with IMAP from new phone",
      "The new phone cannot connect with IMAP; the old one still works with the same settings.",
    ),
  ],
  domains: [
    s(
      "Domain transfer stuck in pending for 6 days",
      "An inbound domain transfer has been pending for 6 days; the losing registrar says it was approved.",
    ),
    s(
      "DNS changes not visible after 48 hours",
      "A changed A record still resolves to the old address from several networks after 48 hours.",
    ),
    s(
      "Charged twice for domain renewal",
      "The card was charged twice for the renewal of two domains on the same day.",
      "billing",
    ),
  ],
  storefront: [
    s(
      "Checkout fails with payment declined for all cards",
      "Since last night every checkout fails with 'payment declined', including test cards.",
    ),
    s(
      "Product images not showing after theme update",
      "After updating the theme, product images show as broken links on the category pages.",
    ),
    s(
      "Refund for cancelled annual subscription",
      "The customer cancelled the annual store subscription in the first week and asks for a refund.",
      "billing",
    ),
    s(
      "Question about volume pricing for 20 stores",
      "A prospect asks about pricing for running 20 storefronts under one account.",
      "sales",
    ),
  ],
  "mobile-app": [
    s(
      "App build rejected by the app store review",
      "The generated iOS build was rejected for using a deprecated API; the customer cannot publish the update.",
    ),
    s(
      "Login with Apple not working in the app",
      "'Sign in with Apple' returns to the login screen without signing the user in.",
    ),
    s(
      "Push notification credits used up too fast",
      "The monthly push credits ran out after 10 days, far more than the customer expected.",
      "billing",
    ),
  ],
  "web-app": [
    s(
      "Dashboard not loading for users in one team",
      "Members of the customer's finance team see an endless spinner on the dashboard; other teams are fine.",
      "tickets",
    ),
    s(
      "Cannot invite new users: seat limit reached",
      "Inviting new users fails with 'seat limit reached' although the plan has free seats.",
    ),
    s(
      "Customer asks for a two-hour onboarding training",
      "The customer's success manager asks support to run a two-hour onboarding session for 15 new users.",
      "tickets",
    ),
    s(
      "File attachments fail to upload in Safari",
      "Uploads from Safari stop at 99% and never complete; Chrome works.",
      "chat",
    ),
    s(
      "Quick question: how to bulk archive old projects",
      "The customer asks in chat how to archive 300 old projects at once.",
      "chat",
    ),
  ],
  billing: [
    s(
      "Invoice shows wrong VAT rate",
      "This month's invoice applies 19% VAT instead of the reverse charge for an EU business customer.",
    ),
    s(
      "Downgrade did not take effect at renewal",
      "The customer downgraded to Growth before renewal but was billed for Enterprise.",
    ),
    s(
      "Card payment fails with 3-D Secure loop",
      "The card payment page keeps returning to the 3-D Secure check without completing.",
      "chat",
    ),
  ],
};

export const GENERIC_SUBJECTS: SubjectSpec[] = [
  s(
    "Error after latest update of {product}",
    "Since the latest update of {product} the customer sees an error on the main screen.",
  ),
  s(
    "Performance degraded in {product}",
    "{product} has become noticeably slower for all users over the last days.",
  ),
  s(
    "How to configure {product} for a new team",
    "The customer asks how to set up {product} for a newly created team.",
  ),
];

const ENVIRONMENTS = [
  "Production",
  "Production (EU tenant)",
  "Staging, blocking the production rollout",
  "Production and disaster-recovery site",
  "Pre-production",
];

const IMPACTS = [
  "Production down for all users",
  "About 40 users cannot work",
  "One department affected; workaround in place",
  "Month-end close at risk",
  "Single user affected",
  "Customer-facing website degraded",
  "No business impact; question",
  "Launch date next week at risk",
];

const INTERNAL_TITLES: Record<CaseStatus, string[]> = {
  new: ["", "", "Looks like a duplicate of an open case; check", "VIP customer"],
  active: [
    "Repro in lab",
    "Logs under review",
    "Engaged product group",
    "Workaround in place, RCA pending",
    "",
  ],
  awaiting_customer: ["Waiting for logs", "Waiting for maintenance window", "Customer testing fix"],
  solution_delivered: ["Fix delivered, awaiting confirmation", "Awaiting customer confirmation"],
  resolved: ["Fixed by config change", "Resolved by upgrade", ""],
  closed: ["", "Closed: no response after 3 reminders", "Closed: fixed"],
};

const PUBLIC_NOTES = [
  "Hello {contact}, thanks for the details. We have reviewed the logs you sent and are now checking them against the known issues for {product}. Next update by end of day in your time zone.",
  "Hi {contact}, could you please collect a diagnostic bundle while the problem is happening and attach it to this case? The steps are in the article we linked.",
  "Hi {contact}, we reproduced the behaviour in our lab. As a workaround, please apply the configuration change below and restart the affected service; we are working on a permanent fix.",
  "Hello {contact}, the product group confirmed this is a defect. A fix is planned for the next maintenance release; we will keep this case open until it ships.",
  "Hi {contact}, just checking in: did the steps from our last update help? Let us know a good time for a short call.",
  "Hello {contact}, thank you for your patience. The fix has been applied on our side; please confirm that everything works as expected.",
];

const PRIVATE_NOTES = [
  "Checked the logs: errors start right after the customer's change window. Suspect configuration drift; asked for the before/after config.",
  "Reproduced on a lab environment with the same version. Not seen on the latest build.",
  "Sensitive account, renewal next month. Keep updates proactive and on time.",
  "Searched the knowledge base: two similar cases, both fixed by the same configuration change.",
  "Customer prefers calls in the morning, their time. Written updates are fine in between.",
  "Waiting on logs. Reminder set to chase tomorrow morning customer time.",
];

const MENTION_NOTES = [
  "@{handle} could you take a look at the trace attached to this case? You have seen this pattern before.",
  "Discussed with @{handle}: likely the known issue from last month; linking the existing defect.",
  "@{handle} FYI, the customer may ask for a call during your hours tomorrow.",
];

const CALL_NOTES: Record<"inbound" | "outbound", string[]> = {
  inbound: [
    "{contact} called to report the problem. Collected environment details and agreed on next steps.",
    "{contact} called for a status update; explained where the investigation stands and when the next update is due.",
    "{contact} called: the issue came back this morning. Gathered timestamps for the log review.",
  ],
  outbound: [
    "Called {contact} to walk through the workaround; they will test it and report back.",
    "Called {contact} to confirm the fix. They will monitor for a day before we close.",
    "Web meeting with {contact}: reviewed the configuration together and captured screenshots.",
  ],
};

const STEPS_TO_REPRODUCE = [
  "1. Sign in as a user with the standard role.\n2. Open the affected screen.\n3. Save a record with the values from the attached screenshot.\nExpected: the record saves.\nActual: an error is shown and the change is lost.",
  "1. Import the attached sample file.\n2. Run the job with default settings.\n3. Compare the totals with the source.\nExpected: totals match.\nActual: about 0.4% of rows are missing.",
];

const STATUS_WEIGHTS: (readonly [CaseStatus, number])[] = [
  ["new", 10],
  ["active", 28],
  ["awaiting_customer", 18],
  ["solution_delivered", 10],
  ["resolved", 14],
  ["closed", 20],
];

const OPEN = new Set<CaseStatus>(["new", "active", "awaiting_customer", "solution_delivered"]);

const ROLE_LOGIN: Record<RoleId, string> = {
  agent: "agent",
  shift_lead: "lead",
  supervisor: "supervisor",
  triage: "triage",
  project_manager: "pm",
  admin: "admin",
};

// ---------------------------------------------------------------------------------------------
// Planning: the whole workspace is built in memory first, then written in a few statements.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type UserRow = typeof users.$inferInsert;
type MembershipRow = typeof memberships.$inferInsert;
type CustomerRow = typeof customers.$inferInsert;
type ContactRow = typeof contacts.$inferInsert;
type CaseRow = typeof cases.$inferInsert;
type ActivityRow = typeof activities.$inferInsert;
type AuditRow = typeof auditEvents.$inferInsert;

interface Member {
  id: string;
  name: string;
  email: string;
  role: RoleId;
  region: RegionCode;
  queues: string[];
  availability: "available" | "off_queue" | "on_leave";
}

interface PlannedActivity {
  row: Omit<ActivityRow, "caseId">;
  audit?: { action: "case.note_added" | "case.call_logged" | "case.updated"; data: object };
}

interface PlannedCase {
  row: CaseRow & { id: string; createdAt: Date; updatedAt: Date; createdBy: string };
  activities: PlannedActivity[];
}

interface Plan {
  slug: PresetSlug;
  name: string;
  policy: Policy;
  foundedAt: Date;
  members: Member[];
  users: UserRow[];
  memberships: Omit<MembershipRow, "workspaceId">[];
  customers: Omit<CustomerRow, "workspaceId">[];
  contacts: ContactRow[];
  cases: PlannedCase[];
  /** Availability audit events, after the memberships. */
  availability: { userId: string; data: object }[];
  logins: DemoLogin[];
}

function asciiHandle(text: string): string {
  return text
    .replace(/ß/g, "ss")
    .replace(/ı/g, "i")
    .replace(/ø/g, "o")
    .replace(/ł/g, "l")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/** The customer's next working day at 10:00 their time: when an engineer would promise a call. */
function nextContact(now: number, zone: string): Date {
  let day = DateTime.fromMillis(now, { zone }).plus({ days: 1 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day.set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toJSDate();
}

function weekdayHours(start: string, end: string) {
  const day = () => [{ start, end }];
  return { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] };
}

/** Region slots: the four agents come first, so every region always has one. */
function staffSlots(wsIndex: number): { role: RoleId; region: RegionCode }[] {
  const r = (k: number): RegionCode => REGION_CODES[(wsIndex + k) % 4] as RegionCode;
  const slots: { role: RoleId; region: RegionCode }[] = [
    { role: "agent", region: "APAC" },
    { role: "agent", region: "IST" },
    { role: "agent", region: "EMEA" },
    { role: "agent", region: "US" },
    { role: "shift_lead", region: r(0) },
    { role: "supervisor", region: r(2) },
    { role: "triage", region: r(1) },
    { role: "project_manager", region: r(3) },
    { role: "admin", region: r(2) },
    // The on-leave agent (backed up by the first APAC agent) and the off-queue agent.
    { role: "agent", region: "APAC" },
    { role: "agent", region: "EMEA" },
  ];
  if (wsIndex % 2 === 0) slots.push({ role: "agent", region: "US" });
  return slots;
}

/**
 * Presets name no mailboxes; the demo gives each dispatch desk one at the demo organisation's
 * domain, so a hand-off's reassignment request shows in the local mailbox (docs/notifications.md).
 */
function withDispatchMailbox(policy: Policy, domain: string): Policy {
  return {
    ...policy,
    transferKinds: policy.transferKinds.map((k) =>
      k.artifacts.dispatchSubject && !k.artifacts.dispatchMailbox
        ? { ...k, artifacts: { ...k.artifacts, dispatchMailbox: `dispatch@${domain}` } }
        : k,
    ),
  };
}

function planWorkspace(
  slug: PresetSlug,
  wsIndex: number,
  peopleByRegion: Record<RegionCode, Person[]>,
  now: number,
): Plan {
  const policy = presets[slug];
  const rng = makeRng(`baton-demo:${slug}`);
  const domain = `${slug}.example`;
  const policyRoles = new Set<string>(policy.roles.map((role) => role.id));
  const policyLanguages = new Set(policy.languages.map((l) => l.code));
  const policyRegions = new Set(policy.regions.map((reg) => reg.code));
  const skills = [...new Set(policy.products.map((prod) => prod.skill))];
  const regionalQueues = policy.queues.filter((q) => q.region);
  const sharedQueues = policy.queues.filter((q) => !q.region);
  const triageQueue = policy.queues.find((q) => q.code.includes("triage"))?.code;

  // --- people
  const members: Member[] = [];
  const usersOut: UserRow[] = [];
  const membershipsOut: Omit<MembershipRow, "workspaceId">[] = [];
  const logins: DemoLogin[] = [];
  const usedEmails = new Set<string>();
  const taken: Record<RegionCode, number> = { APAC: 0, IST: 0, EMEA: 0, US: 0 };
  const slots = staffSlots(wsIndex);
  let workerIndex = 0;
  slots.forEach((slot, i) => {
    const role: RoleId = policyRoles.has(slot.role) ? slot.role : "agent";
    const pool = peopleByRegion[slot.region];
    const person = pool[taken[slot.region]++ % pool.length] as Person;
    const name = `${person.first} ${person.last}`;
    const firstOfRole = !logins.some((l) => l.role === role);
    let local = firstOfRole
      ? ROLE_LOGIN[role]
      : `${asciiHandle(person.first)}.${asciiHandle(person.last)}`;
    while (usedEmails.has(local)) local = `${local}${usedEmails.size}`;
    usedEmails.add(local);
    const email = `${local}@${domain}`;
    if (firstOfRole) logins.push({ email, role, workspace: slug });
    const region = policyRegions.has(slot.region) ? slot.region : undefined;

    let queues: string[] = [];
    if (role !== "admin" && role !== "project_manager") {
      const own = regionalQueues.filter((q) => q.region === slot.region).map((q) => q.code);
      if (role === "shift_lead" || role === "supervisor") {
        queues = regionalQueues.length ? own : sharedQueues.map((q) => q.code);
      } else if (role === "triage") {
        queues = triageQueue ? [triageQueue] : policy.queues.map((q) => q.code);
        if (!triageQueue && regionalQueues.length) queues = own;
      } else {
        const shared = sharedQueues.map((q) => q.code);
        const mine = new Set(own);
        if (shared.length) {
          // Agents work the first queue mostly, and one other in turn.
          const others = shared.filter((code) => code !== triageQueue);
          const list = others.length ? others : shared;
          mine.add(list[workerIndex % list.length] as string);
          if (rng.chance(0.6)) mine.add(list[0] as string);
        }
        queues = [...mine];
        workerIndex++;
      }
    }
    const mySkills = rng
      .shuffle(skills)
      .slice(0, role === "agent" ? 2 + rng.int(2) : Math.min(skills.length, 4));
    const languages = ["en", ...person.langs].filter((l) => policyLanguages.has(l));
    const id = rng.uuid();
    const availability: Member["availability"] =
      i === 9 ? "on_leave" : i === 10 ? "off_queue" : "available";
    members.push({ id, name, email, role, region: slot.region, queues, availability });
    const startHour = rng.pick(["08:00", "09:00", "09:00", "10:00"]);
    const endHour = { "08:00": "16:30", "09:00": "17:30", "10:00": "18:30" }[startHour] ?? "17:30";
    const createdAt = new Date(now - rng.between(100, 145) * DAY);
    usersOut.push({
      id,
      email,
      name,
      timeZone: person.tz,
      availability,
      createdAt,
      updatedAt: createdAt,
    });
    membershipsOut.push({
      userId: id,
      role,
      region: region ?? null,
      queues,
      skills: mySkills,
      languages: languages.length ? languages : [policy.defaults.language],
      capacity: rng.pick([15, 20, 20, 25, 30]),
      workingHours: weekdayHours(startHour, endHour),
      // The first agent of each region (the slots start with one per region) attends its
      // handover meetings when an owner cannot (S1.2).
      handoverSme: i < 4 && region !== undefined,
      createdAt,
    });
  });

  // Leave with an in-region backup and call diversion (S1.6, S4.11).
  const availabilityAudit: Plan["availability"] = [];
  const onLeave = usersOut[9];
  const backup = members[0];
  if (onLeave && backup) {
    onLeave.leaveFrom = new Date(Math.floor((now - 2 * DAY) / DAY) * DAY);
    onLeave.leaveUntil = new Date(Math.floor((now + 6 * DAY) / DAY) * DAY);
    onLeave.backupUserId = backup.id;
    const phone = peopleByRegion.APAC[0]?.phone ?? "+65 6555 0100";
    onLeave.callDiversion = phone;
    onLeave.updatedAt = new Date(now - 3 * DAY);
    availabilityAudit.push({
      userId: onLeave.id as string,
      data: {
        status: "on_leave",
        leaveFrom: onLeave.leaveFrom.toISOString(),
        leaveUntil: onLeave.leaveUntil.toISOString(),
        backupUserId: backup.id,
        callDiversion: phone,
      },
    });
  }
  const offQueue = usersOut[10];
  if (offQueue) {
    offQueue.updatedAt = new Date(now - 3 * HOUR);
    availabilityAudit.push({ userId: offQueue.id as string, data: { status: "off_queue" } });
  }

  // --- customers and contacts
  const fitting = CUSTOMERS.filter((cu) => policyLanguages.has(cu.lang));
  const english = fitting.filter((cu) => cu.lang === "en");
  const foreign = fitting.filter((cu) => cu.lang !== "en");
  const chosen = [...rng.shuffle(english).slice(0, 7), ...rng.shuffle(foreign).slice(0, 8)];
  const planCodes = policy.plans.map((pl) => pl.code);
  const customersOut: Omit<CustomerRow, "workspaceId">[] = [];
  const contactsOut: ContactRow[] = [];
  const contactsOf = new Map<string, { id: string; name: string }[]>();
  for (const spec of chosen) {
    const id = rng.uuid();
    const region = ZONE_REGION[spec.tz];
    const createdAt = new Date(now - rng.between(45, 140) * DAY);
    customersOut.push({
      id,
      name: spec.name,
      timeZone: spec.tz,
      language: spec.lang,
      plan: rng.weighted(planCodes.map((code, k) => [code, k === 0 ? 3 : 2] as const)),
      region: region && policyRegions.has(region) ? region : null,
      createdAt,
    });
    const list: { id: string; name: string }[] = [];
    for (const ct of spec.contacts) {
      const contactId = rng.uuid();
      const lang = ct.lang && policyLanguages.has(ct.lang) ? ct.lang : spec.lang;
      contactsOut.push({
        id: contactId,
        customerId: id,
        name: ct.name,
        email: `${ct.local}@${spec.domain}`,
        phone: ct.phone,
        timeZone: ct.tz ?? spec.tz,
        language: lang,
        createdAt,
      });
      list.push({ id: contactId, name: ct.name });
    }
    contactsOf.set(id, list);
  }

  // --- cases
  const severities = policy.severities;
  const priorities = policy.priorities;
  const sevWeights = [12, 28, 40, 20, 10, 10];
  const workers = members.filter((m) => m.role !== "admin" && m.role !== "project_manager");
  const agentsOnly = members.filter((m) => m.role === "agent");
  const caseCount = 58 + rng.int(7);
  const planned: PlannedCase[] = [];
  const subjectUse = new Map<SubjectSpec, number>();

  for (let n = 0; n < caseCount; n++) {
    const customer = rng.pick(customersOut);
    const customerId = customer.id as string;
    const contact = rng.pick(contactsOf.get(customerId) ?? []);
    const product = rng.pick(policy.products);
    // The least used subject of the product, so the list does not repeat itself too soon.
    const subjects = SUBJECTS[product.code] ?? GENERIC_SUBJECTS;
    const fewest = Math.min(...subjects.map((x) => subjectUse.get(x) ?? 0));
    const subj = rng.pick(subjects.filter((x) => (subjectUse.get(x) ?? 0) === fewest));
    subjectUse.set(subj, fewest + 1);
    const values = { product: product.name, contact: contact.name.split(" ")[0] ?? contact.name };
    const status = rng.weighted(STATUS_WEIGHTS);
    const sevIndex = rng.weighted(severities.map((_, k) => [k, sevWeights[k] ?? 10] as const));
    const severity = severities[sevIndex] ?? severities[0];
    if (!severity) throw new Error("policy has no severities");
    const scaled =
      severities.length > 1
        ? Math.round((sevIndex * (priorities.length - 1)) / (severities.length - 1))
        : 0;
    const jitter = rng.chance(0.25) ? (rng.chance(0.5) ? 1 : -1) : 0;
    const priority = priorities[Math.max(0, Math.min(priorities.length - 1, scaled + jitter))];
    const planCode = customer.plan ?? policy.defaults.plan;
    const plan = policy.plans.find((pl) => pl.code === planCode);
    const is24x7 =
      plan?.allows24x7 === true &&
      ((sevIndex === 0 && rng.chance(0.75)) || (sevIndex === 1 && rng.chance(0.1)));

    // Queue: the subject's natural queue, the customer's region queue, or a weighted pick.
    let queue: string;
    const customerRegion = customer.region ?? undefined;
    if (subj.queue && policy.queues.some((q) => q.code === subj.queue)) queue = subj.queue;
    else if (regionalQueues.length) {
      const local = regionalQueues.find((q) => q.region === customerRegion);
      queue = (local && rng.chance(0.8) ? local : rng.pick(regionalQueues)).code;
    } else {
      queue = rng.weighted(
        sharedQueues.map((q, k) => [q.code, q.code === policy.defaults.queue ? 6 : 4 - k] as const),
      );
    }
    const queueRegion = policy.queues.find((q) => q.code === queue)?.region;

    // Owner: someone who works the queue; the on-leave agent only holds finished cases.
    const open = OPEN.has(status);
    const candidates = workers.filter(
      (m) =>
        m.queues.includes(queue) &&
        (m.availability !== "on_leave" || !open) &&
        (m.role === "agent" || rng.chance(0.35)),
    );
    const fallback = workers.filter((m) => m.queues.includes(queue));
    const pool = candidates.length ? candidates : fallback;
    // The off-queue agent is clearing a backlog, so holds more open cases than most.
    const weightedPool = pool.flatMap((m) =>
      m.availability === "off_queue" && open ? [m, m] : [m],
    );
    const queueOwned =
      status === "new"
        ? rng.chance(0.55)
        : open && rng.chance(slug === "ps-escalation" ? 0.2 : 0.06);
    const owner = !queueOwned && weightedPool.length ? rng.pick(weightedPool) : undefined;

    // S2.2: in professional services the consultant opens the case and is its secondary owner.
    let secondary: Member | undefined;
    let creator: Member;
    if (slug === "ps-escalation") {
      const consultants = agentsOnly.filter((m) => m.id !== owner?.id);
      secondary = rng.pick(consultants.length ? consultants : agentsOnly);
      creator = secondary;
    } else {
      const triage = members.filter((m) => m.role === "triage");
      creator = owner && rng.chance(0.6) ? owner : rng.pick(triage.length ? triage : workers);
    }

    // Timeline: finished cases are older, new ones are hours old.
    const ageDays =
      status === "new"
        ? rng.between(0.05, 1.5)
        : status === "closed" || status === "resolved"
          ? rng.between(6, 45)
          : rng.between(0.5, 28);
    const createdAt = now - ageDays * DAY;
    let updatedAt: number;
    if (status === "new") updatedAt = createdAt + rng.between(0, 0.3) * HOUR;
    else if (open) updatedAt = Math.max(createdAt + HOUR, now - rng.next() ** 2 * 96 * HOUR);
    else updatedAt = Math.min(now - HOUR, createdAt + rng.between(1, 12) * DAY);
    updatedAt = Math.min(updatedAt, now - 60_000);

    const firstResponseDueAt = severity.firstResponseMinutes
      ? new Date(createdAt + severity.firstResponseMinutes * 60_000)
      : null;
    const nextUpdateDueAt =
      open && status !== "new" && severity.updateEveryMinutes
        ? new Date(updatedAt + severity.updateEveryMinutes * 60_000)
        : null;
    const region = owner?.region ?? queueRegion ?? customerRegion ?? null;
    const caseId = rng.uuid();
    const impact = sevIndex === 0 ? rng.pick(IMPACTS.slice(0, 4)) : rng.pick(IMPACTS);
    const description = [
      `${contact.name} reports: ${fill(subj.detail, values)}`,
      "",
      `Environment: ${rng.pick(ENVIRONMENTS)}`,
      `Customer time zone: ${customer.timeZone}`,
      `Impact: ${impact}`,
    ].join("\n");
    const followTheSun = slug === "follow-the-sun";
    const row: PlannedCase["row"] = {
      id: caseId,
      workspaceId: "",
      subject: fill(subj.subject, values),
      internalTitle: rng.pick(INTERNAL_TITLES[status]),
      description,
      customerId,
      contactId: contact.id,
      product: product.code,
      severity: severity.code,
      priority: (priority ?? priorities[0])?.code ?? policy.defaults.priority,
      impact,
      plan: planCode,
      is24x7,
      status,
      ownerId: owner?.id ?? null,
      secondaryOwnerId: secondary?.id ?? null,
      queue,
      region: region && policyRegions.has(region) ? region : null,
      brand: rng.weighted(policy.brands.map((b, k) => [b.code, k === 0 ? 3 : 1] as const)),
      pinned: slug === "helpdesk-transfer" && owner !== undefined && rng.chance(0.15),
      partnerTicket:
        followTheSun && rng.chance(0.35)
          ? `PT-${2026}${String(rng.int(1e6)).padStart(6, "0")}`
          : null,
      incidentId:
        followTheSun && sevIndex === 0 && rng.chance(0.6)
          ? `INC-${String(4_000_000 + rng.int(900_000))}`
          : null,
      stepsToReproduce:
        (queue === "triage" || queue === "development") && status !== "new"
          ? rng.pick(STEPS_TO_REPRODUCE)
          : "",
      firstResponseDueAt,
      nextUpdateDueAt,
      nextContactAt: open && status !== "new" ? nextContact(now, customer.timeZone) : null,
      idleSince: new Date(updatedAt),
      handoffCount:
        status === "new"
          ? 0
          : rng.weighted([
              [0, 6],
              [1, 3],
              [2, 1],
            ] as const),
      createdBy: creator.id,
      createdAt: new Date(createdAt),
      updatedAt: new Date(updatedAt),
    };

    // Activities: created, a call, a few notes, and the status change that led here.
    const acts: PlannedActivity[] = [
      {
        row: {
          kind: "system",
          visibility: "private",
          body: "Case created",
          authorId: creator.id,
          data: { event: "case.created" },
          createdAt: new Date(createdAt),
        },
      },
    ];
    const span = Math.max(updatedAt - createdAt, 60_000);
    const at = (fraction: number) => new Date(createdAt + span * fraction);
    const author = owner ?? creator;
    const direction = status === "new" || rng.chance(0.4) ? "inbound" : "outbound";
    const callData = {
      direction,
      durationMinutes: 5 + rng.int(41),
      contactName: contact.name,
    } as const;
    const callVisibility = rng.chance(0.8) ? "private" : "public";
    acts.push({
      row: {
        kind: "call",
        visibility: callVisibility,
        body: fill(rng.pick(CALL_NOTES[direction]), values),
        authorId: author.id,
        data: callData,
        createdAt: at(status === "new" ? 0.5 : rng.between(0.05, 0.4)),
      },
      audit: {
        action: "case.call_logged",
        data: { visibility: callVisibility, mentions: [], ...callData },
      },
    });
    const noteCount = status === "new" ? rng.int(2) : 1 + rng.int(3);
    for (let k = 0; k < noteCount; k++) {
      const isPublic = rng.chance(0.5);
      let body: string;
      let mentions: string[] = [];
      if (isPublic) body = fill(rng.pick(PUBLIC_NOTES), values);
      else if (rng.chance(0.3)) {
        const colleague = rng.pick(workers.filter((m) => m.id !== author.id));
        body = fill(rng.pick(MENTION_NOTES), { handle: colleague.email.split("@")[0] ?? "" });
        mentions = [colleague.id];
      } else body = rng.pick(PRIVATE_NOTES);
      const visibility = isPublic ? "public" : "private";
      acts.push({
        row: {
          kind: "note",
          visibility,
          body,
          authorId: author.id,
          mentions,
          createdAt: at(0.45 + (0.5 * (k + 1)) / (noteCount + 1)),
        },
        audit: { action: "case.note_added", data: { visibility, mentions } },
      });
    }
    // S4.10: approved tickets carry the shift lead's private note.
    const lead = members.find((m) => m.role === "shift_lead");
    if (slug === "shift-lead" && lead && status !== "new" && rng.chance(0.3)) {
      acts.push({
        row: {
          kind: "note",
          visibility: "private",
          body: `Approved by shift lead: stays with ${author.name}; next customer update due as promised.`,
          authorId: lead.id,
          createdAt: at(0.5),
        },
        audit: { action: "case.note_added", data: { visibility: "private", mentions: [] } },
      });
    }
    if (status !== "new") {
      const changes = { status: { from: "new", to: status } };
      acts.push({
        row: {
          kind: "system",
          visibility: "private",
          body: `Status: new → ${status}`,
          authorId: author.id,
          data: { event: "case.updated", changes },
          createdAt: new Date(updatedAt),
        },
        audit: { action: "case.updated", data: { changes, version: 2 } },
      });
      row.version = 2;
    }
    planned.push({ row, activities: acts });
  }

  // S4.9: a few child tickets for a second issue, owned by whoever created them.
  if (slug === "shift-lead") {
    let children = 0;
    for (const parent of planned) {
      if (children === 3) break;
      if (parent.row.status !== "active" || parent.row.parentCaseId) continue;
      const child = planned.find(
        (pc) =>
          pc !== parent &&
          !pc.row.parentCaseId &&
          pc.row.ownerId &&
          !planned.some((x) => x.row.parentCaseId === pc.row.id) &&
          pc.row.customerId === parent.row.customerId &&
          pc.row.createdAt > parent.row.createdAt,
      );
      if (!child?.row.ownerId) continue;
      child.row.parentCaseId = parent.row.id;
      child.row.createdBy = child.row.ownerId;
      const first = child.activities[0];
      if (first) first.row.authorId = child.row.ownerId;
      children++;
    }
  }

  return {
    slug,
    name: WORKSPACE_NAMES[slug],
    policy: withDispatchMailbox(policy, domain),
    foundedAt: new Date(now - 150 * DAY),
    members,
    users: usersOut,
    memberships: membershipsOut,
    customers: customersOut,
    contacts: contactsOut,
    cases: planned,
    availability: availabilityAudit,
    logins,
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

// Any constant works; it only has to be the same in every Baton process.
const SEED_LOCK = 7_316_202;

async function writeWorkspace(
  db: Db,
  plan: Plan,
  hashes: Promise<string[]>,
  first: boolean,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Two processes starting together on an empty database: one seeds, the other sees it done.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const existing = await tx.select({ slug: workspaces.slug }).from(workspaces);
    if (first ? existing.length > 0 : existing.some((w) => w.slug === plan.slug)) return false;

    // The same rows as createWorkspace writes, dated when the demo organisation "started", so
    // that the audit log reads in time order from the workspace's creation onwards.
    const parsed = parsePolicy(plan.policy);
    if (!parsed.ok) throw new Error(`preset ${plan.slug} does not parse`);
    const [ws] = await tx
      .insert(workspaces)
      .values({ slug: plan.slug, name: plan.name, preset: plan.slug, createdAt: plan.foundedAt })
      .returning({ id: workspaces.id });
    if (!ws) throw new Error("workspace insert returned nothing");
    const wsId = ws.id;
    await tx.insert(policies).values({
      workspaceId: wsId,
      version: 1,
      document: parsed.policy,
      createdBy: null,
      createdAt: plan.foundedAt,
    });
    // Kinds that post a case-transfer channel entry (S1.2) post it to Baton's own channel, so the
    // demo shows it without a chat service; an admin can add Slack or Teams on Integrations.
    if (parsed.policy.transferKinds.some((k) => k.artifacts.channelEntry))
      await tx.insert(webhookSubscriptions).values({
        workspaceId: wsId,
        url: "local:case-transfer",
        format: "local",
        secret: "",
        events: ["transfer.completed"],
        createdAt: plan.foundedAt,
      });
    const passwordHashes = await hashes;
    await tx
      .insert(users)
      .values(plan.users.map((u, i) => ({ ...u, passwordHash: passwordHashes[i] ?? null })));
    await tx.insert(memberships).values(plan.memberships.map((m) => ({ ...m, workspaceId: wsId })));
    await tx.insert(customers).values(plan.customers.map((cu) => ({ ...cu, workspaceId: wsId })));
    await tx.insert(contacts).values(plan.contacts);

    // Parents before children, so the parent reference is always to an existing row.
    const ordered = [...plan.cases].sort(
      (a, b) =>
        Number(Boolean(a.row.parentCaseId)) - Number(Boolean(b.row.parentCaseId)) ||
        a.row.createdAt.getTime() - b.row.createdAt.getTime(),
    );
    const inserted = await tx
      .insert(cases)
      .values(ordered.map((pc) => ({ ...pc.row, workspaceId: wsId })))
      .returning({ id: cases.id, number: cases.number });
    const numberOf = new Map(inserted.map((r) => [r.id, r.number]));

    const activityRows: ActivityRow[] = [];
    const activityAudit: (PlannedActivity & { caseId: string })[] = [];
    // In time order within each case, so the timeline reads the same by id and by date.
    const byTime = (a: PlannedActivity, b: PlannedActivity) =>
      (a.row.createdAt?.getTime() ?? 0) - (b.row.createdAt?.getTime() ?? 0);
    for (const pc of ordered)
      for (const act of [...pc.activities].sort(byTime)) {
        activityRows.push({ ...act.row, caseId: pc.row.id });
        activityAudit.push({ ...act, caseId: pc.row.id });
      }
    const activityIds = await tx
      .insert(activities)
      .values(activityRows)
      .returning({ id: activities.id });

    const audit: AuditRow[] = [
      {
        workspaceId: wsId,
        actorId: null,
        action: "workspace.created",
        subjectType: "workspace",
        subjectId: wsId,
        data: { slug: plan.slug, preset: plan.slug, policyVersion: 1, demo: true },
        at: plan.foundedAt,
      },
    ];
    plan.users.forEach((u, i) => {
      const m = plan.memberships[i];
      const at = u.createdAt;
      audit.push({
        workspaceId: wsId,
        actorId: null,
        action: "user.created",
        subjectType: "user",
        subjectId: u.id as string,
        data: { email: u.email, name: u.name, timeZone: u.timeZone },
        at,
      });
      if (m)
        audit.push({
          workspaceId: wsId,
          actorId: null,
          action: "membership.added",
          subjectType: "user",
          subjectId: u.id as string,
          data: {
            workspace: plan.slug,
            role: m.role,
            region: m.region,
            queues: m.queues,
            skills: m.skills,
            languages: m.languages,
          },
          at,
        });
    });
    for (const change of plan.availability) {
      const u = plan.users.find((x) => x.id === change.userId);
      audit.push({
        workspaceId: wsId,
        actorId: change.userId,
        action: "agent.availability_changed",
        subjectType: "user",
        subjectId: change.userId,
        data: change.data,
        at: u?.updatedAt ?? new Date(),
      });
    }
    for (const pc of ordered) {
      const r = pc.row;
      audit.push({
        workspaceId: wsId,
        caseId: r.id,
        actorId: r.createdBy,
        action: "case.created",
        subjectType: "case",
        subjectId: String(numberOf.get(r.id)),
        data: {
          number: numberOf.get(r.id),
          subject: r.subject,
          severity: r.severity,
          priority: r.priority,
          queue: r.queue,
          brand: r.brand,
          plan: r.plan,
          product: r.product,
          region: r.region,
          ownerId: r.ownerId,
        },
        at: r.createdAt,
      });
    }
    activityAudit.forEach((act, i) => {
      if (!act.audit) return;
      const number = numberOf.get(act.caseId);
      const id = activityIds[i]?.id;
      const isActivity = act.audit.action !== "case.updated";
      audit.push({
        workspaceId: wsId,
        caseId: act.caseId,
        actorId: act.row.authorId ?? null,
        action: act.audit.action,
        subjectType: isActivity ? "activity" : "case",
        subjectId: isActivity ? String(id) : String(number),
        data: { number, ...act.audit.data },
        at: act.row.createdAt ?? new Date(),
      });
    });
    // Keep the log in time order, as if the events had happened one after the other.
    audit.sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
    for (let i = 0; i < audit.length; i += 2000)
      await tx.insert(auditEvents).values(audit.slice(i, i + 2000));
    return true;
  });
}

/**
 * Fills an empty database with one demo workspace per preset. Does nothing (and says so) when
 * any workspace exists, so it is safe to call at every start.
 */
export async function seedDemo(db: Db, options?: { password?: string }): Promise<DemoSummary> {
  const [any] = await db.select({ id: workspaces.id }).from(workspaces).limit(1);
  if (any) return { seeded: false };
  const password = options?.password ?? DEMO_PASSWORD;
  const problem = passwordProblem(password);
  if (problem) throw invalid("password", problem);
  const now = Date.now();

  // Each person appears in one workspace only: the pools are shuffled once and dealt out.
  const dealt = makeRng("baton-demo:people");
  const peopleByRegion = Object.fromEntries(
    REGION_CODES.map((r) => [r, dealt.shuffle(PEOPLE[r])]),
  ) as Record<RegionCode, Person[]>;
  const plans: Plan[] = [];
  PRESET_SLUGS.forEach((slug, i) => {
    const plan = planWorkspace(slug, i, peopleByRegion, now);
    for (const r of REGION_CODES) {
      const used = plan.members.filter((m) => m.region === r).length;
      peopleByRegion[r] = [...peopleByRegion[r].slice(used), ...peopleByRegion[r].slice(0, used)];
    }
    plans.push(plan);
  });

  // scrypt runs on libuv's thread pool, so the hashes are started now and overlap with each
  // other and with the inserts of the first workspaces. One hash (one salt) per workspace, shared
  // by its demo users: they all have the same, published password, so per-user salts would hide
  // nothing, and ~60 scrypt runs cost 2-3 s of CPU on a small machine at every first start.
  // Whoever changes their password gets a hash of their own.
  const hashes = plans.map((plan) =>
    hashPassword(password).then((hash) => plan.users.map(() => hash)),
  );
  // An unhandled rejection of a later workspace's hash must not crash the process first.
  for (const h of hashes) h.catch(() => {});

  const summary: DemoWorkspace[] = [];
  const logins: DemoLogin[] = [];
  for (const [i, plan] of plans.entries()) {
    const wrote = await writeWorkspace(db, plan, hashes[i] as Promise<string[]>, i === 0);
    if (!wrote) {
      if (i === 0) return { seeded: false };
      continue;
    }
    summary.push({
      slug: plan.slug,
      name: plan.name,
      cases: plan.cases.length,
      agents: plan.members.length,
    });
    logins.push(...plan.logins);
  }
  return { seeded: true, workspaces: summary, logins, password };
}
