import { t } from "i18next";

/** "2 h 30 min": minutes as a task shows them (whole hours, never days). */
export function hours(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "—";
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const inMinutes = t("followTheSun.minutes", { count: m });
  if (h === 0) return inMinutes;
  const inHours = t("followTheSun.hours", { count: h });
  return m === 0 ? inHours : `${inHours} ${inMinutes}`;
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

const STATUS_LABEL: Record<string, string> = {
  draft: "taskTime.draft",
  open: "taskTime.open",
  in_progress: "taskTime.inProgress",
  closed: "taskTime.closed",
};

/** A task's status in words; an unknown one as the server sends it. */
export function taskStatusLabel(status: string): string {
  const key = STATUS_LABEL[status];
  return key ? t(key) : status;
}
