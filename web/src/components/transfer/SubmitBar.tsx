import { useTranslation } from "react-i18next";
import type { TransferFormState } from "../../hooks/useTransferForm.ts";

/** What still stands in the way, Cancel, and Submit (enabled once the preview is current). */
export function SubmitBar({
  form: f,
  onCancel,
}: {
  form: TransferFormState;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-actions transfer-submit">
      <span className="muted">
        {f.body === null
          ? (f.gaps[0]?.message ?? "")
          : !f.submittable && !f.submitting
            ? t("submitBar.resolveWhatTheChecklistMarks")
            : ""}
      </span>
      <button type="button" className="btn" onClick={onCancel}>
        {t("submitBar.cancel")}
      </button>
      <button type="submit" className="btn btn-primary" disabled={!f.submittable}>
        {f.submitting ? t("submitBar.submitting") : t("submitBar.submitTransfer")}
      </button>
    </div>
  );
}
