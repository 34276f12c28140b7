// Invented people, one pool per region; none comes from the seed documents.

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
