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
  const tone = severityTone(codes, severity);
  return (
    <span
      className={`badge badge-sev badge-sev-${tone}`}
      title={name ? `Severity ${name}` : undefined}
    >
      <span className="visually-hidden">Severity </span>
      {name ?? severity}
    </span>
  );
}

export function Badge24x7() {
  return (
    <span className="badge badge-orange" title="Covered around the clock">
      24x7
    </span>
  );
}

export function VisibilityBadge({ visibility }: { visibility: string }) {
  return visibility === "public" ? (
    <span className="badge badge-public">Public · customer sees this</span>
  ) : (
    <span className="badge badge-private">Private · agents only</span>
  );
}
