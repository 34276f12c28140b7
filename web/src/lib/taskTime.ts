/** "2 h 30 min": minutes as a task shows them. */
export function hours(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "—";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Hours typed in a form ("1.5") as whole minutes; empty is none. */
export function minutesOf(hoursText: string): number | null {
  const trimmed = hoursText.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed.replace(",", "."));
  return Number.isFinite(value) ? Math.round(value * 60) : Number.NaN;
}

export const taskHref = (number: number) => `/tasks/${number}`;
export const projectHref = (workspace: string, code: string) =>
  `/w/${encodeURIComponent(workspace)}/projects/${encodeURIComponent(code)}`;

export const STATUS_LABEL: Record<string, string> = {
  draft: "Draft follow-up",
  open: "Open",
  in_progress: "In progress",
  closed: "Closed",
};
