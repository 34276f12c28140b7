// What a bulk action did, case by case (S3.4, issue 17): a count, then each case with its tick or
// the server's reason it was refused. Bulk transfer and bulk edit read the same.
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

interface CaseOutcome {
  number: number;
  ok: boolean;
  error: { code: string; detail: string } | null;
}

export function BulkOutcome<R extends CaseOutcome>({
  summary,
  results,
  done,
  onDone,
}: {
  /** "3 cases changed, 1 refused." */
  summary: string;
  results: readonly R[];
  /** What a case that went through shows after its tick. */
  done: (result: R) => string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const summaryRef = useRef<HTMLParagraphElement>(null);
  // The form the person was in is gone: keyboard focus goes to what replaced it.
  useEffect(() => summaryRef.current?.focus(), []);
  return (
    <div className="bulk-result">
      <p className="strong" role="status" tabIndex={-1} ref={summaryRef}>
        {summary}
      </p>
      <ul className="bulk-results">
        {results.map((r) => (
          <li key={r.number} className={r.ok ? "bulk-ok" : "bulk-failed"} data-case={r.number}>
            <span className="case-no">#{r.number}</span>{" "}
            {r.ok ? (
              <span>✓ {done(r)}</span>
            ) : (
              <span className="field-error">{r.error?.detail ?? t("bulkOutcome.refused")}</span>
            )}
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" onClick={onDone}>
          {t("bulkOutcome.done")}
        </button>
      </div>
    </div>
  );
}
