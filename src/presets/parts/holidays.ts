// Public holiday calendars for the regions the presets cover, each written once; a region takes
// the calendar of the place its business hours are kept in.

// New South Wales; weekend holidays are listed by the Monday (or Tuesday) given instead.
const newSouthWalesDays = [
  "2026-01-01",
  "2026-01-26",
  "2026-04-03",
  "2026-04-06",
  "2026-06-08",
  "2026-10-05",
  "2026-12-25",
  "2026-12-28",
  "2027-01-01",
  "2027-01-26",
  "2027-03-26",
  "2027-03-29",
  "2027-06-14",
  "2027-10-04",
  "2027-12-27",
  "2027-12-28",
];

// India: the national holidays and the festivals most offices close for.
const indiaDays = [
  "2026-01-26",
  "2026-03-04",
  "2026-05-01",
  "2026-08-15",
  "2026-10-02",
  "2026-12-25",
  "2027-01-26",
  "2027-05-01",
  "2027-08-15",
  "2027-10-02",
  "2027-10-29",
  "2027-12-25",
];

// England and Wales bank holidays, substitute days where the date falls at a weekend.
const englandAndWalesDays = [
  "2026-01-01",
  "2026-04-03",
  "2026-04-06",
  "2026-05-04",
  "2026-05-25",
  "2026-08-31",
  "2026-12-25",
  "2026-12-28",
  "2027-01-01",
  "2027-03-26",
  "2027-03-29",
  "2027-05-03",
  "2027-05-31",
  "2027-08-30",
  "2027-12-27",
  "2027-12-28",
];

// US federal holidays as observed.
const usFederalDays = [
  "2026-01-01",
  "2026-01-19",
  "2026-02-16",
  "2026-05-25",
  "2026-06-19",
  "2026-07-03",
  "2026-09-07",
  "2026-11-26",
  "2026-12-25",
  "2027-01-01",
  "2027-01-18",
  "2027-02-15",
  "2027-05-31",
  "2027-06-18",
  "2027-07-05",
  "2027-09-06",
  "2027-11-25",
  "2027-12-24",
];

// Singapore; a Sunday holiday is listed by the Monday given in lieu.
const singaporeDays = [
  "2026-01-01",
  "2026-02-17",
  "2026-02-18",
  "2026-04-03",
  "2026-05-01",
  "2026-08-10",
  "2026-12-25",
  "2027-01-01",
  "2027-02-08",
  "2027-03-26",
  "2027-08-09",
];

// Germany (nationwide); there are no substitute days for weekend holidays.
const germanyDays = [
  "2026-01-01",
  "2026-04-03",
  "2026-04-06",
  "2026-05-01",
  "2026-05-14",
  "2026-05-25",
  "2026-10-03",
  "2026-12-25",
  "2026-12-26",
  "2027-01-01",
  "2027-03-26",
  "2027-03-29",
  "2027-05-01",
  "2027-05-06",
  "2027-05-17",
  "2027-10-03",
  "2027-12-25",
  "2027-12-26",
];

// Functions, so that every region gets its own copy to edit.
export const holidays = {
  newSouthWales: () => [...newSouthWalesDays],
  india: () => [...indiaDays],
  englandAndWales: () => [...englandAndWalesDays],
  usFederal: () => [...usFederalDays],
  singapore: () => [...singaporeDays],
  germany: () => [...germanyDays],
};
