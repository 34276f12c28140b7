import { useTranslation } from "react-i18next";
import { statusLabel } from "../lib/caseStatus.ts";
import { severityTone } from "../lib/policy.ts";

const STATUS_TONE: Record<string, string> = {
  new: "blue",
  active: "green",
  awaiting_customer: "purple",
  solution_delivered: "teal",
  resolved: "gray",
  closed: "gray",
};

export function StatusBadge({
  status,
  labels,
}: {
  status: string;
  labels?: Partial<Record<string, string>>;
}) {
  const label = statusLabel(status, labels);
  // Long workspace labels may wrap; short ones stay on one line.
  const wrap = label.length > 20 ? " badge-wrap" : "";
  return (
    <span className={`badge badge-${STATUS_TONE[status] ?? "gray"}${wrap}`} data-status={status}>
      {label}
    </span>
  );
}

export function SeverityBadge({
  severity,
  codes,
  name,
}: {
  severity: string;
  /** Severity codes in policy order, most severe first. */
  codes: readonly string[];
  name?: string;
}) {
  const { t } = useTranslation();
  const tone = severityTone(codes, severity);
  return (
    <span
      className={`badge badge-sev badge-sev-${tone}`}
      title={name ? t("badges.severityName", { name }) : undefined}
    >
      <span className="visually-hidden">{t("badges.severity")} </span>
      {name ?? severity}
    </span>
  );
}

export function Badge24x7() {
  const { t } = useTranslation();
  return (
    <span className="badge badge-orange" title={t("badges.coveredAroundTheClock")}>
      24x7
    </span>
  );
}

export function VisibilityBadge({ visibility }: { visibility: string }) {
  const { t } = useTranslation();
  return visibility === "public" ? (
    <span className="badge badge-public">{t("badges.publicCustomerSeesThis")}</span>
  ) : (
    <span className="badge badge-private">{t("badges.privateAgentsOnly")}</span>
  );
}
