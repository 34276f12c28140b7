// Invented customer companies and their contacts; none comes from the seed documents.

export interface ContactSpec {
  name: string;
  /** The part before the @ of the contact's email. */
  local: string;
  tz?: string;
  lang?: string;
  phone: string;
}

export interface CustomerSpec {
  name: string;
  lang: string;
  tz: string;
  domain: string;
  /** The business treats them as critical (the shift lead weighs it, S4.12). */
  critical?: boolean;
  contacts: ContactSpec[];
}

const c = (name: string, local: string, phone: string, tz?: string, lang?: string) => ({
  name,
  local,
  phone,
  ...(tz ? { tz } : {}),
  ...(lang ? { lang } : {}),
});

export const CUSTOMERS: CustomerSpec[] = [
  {
    name: "Harbourline Logistics Pty Ltd",
    critical: true,
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
    critical: true,
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
    critical: true,
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
