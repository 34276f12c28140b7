import { useTranslation } from "react-i18next";
import type { TransferFormState } from "../../hooks/useTransferForm.ts";
import { ArtifactList, Checklist, GuardList } from "../TransferParts.tsx";

/** Beside the form, live: what the guards say, the checklist, and the note and artifacts. */
export function LivePreview({ form: f }: { form: TransferFormState }) {
  const { t } = useTranslation();
  const { id, guards, preview, updating, gaps, submitted, previewRefusal } = f;
  return (
    <aside className="transfer-live" aria-label={t("livePreview.whatBatonWillDo")}>
      <section aria-labelledby={`${id}-guards`}>
        <h3 id={`${id}-guards`} className="subsection-title">
          {t("livePreview.guards")}{" "}
          <span className="muted small" aria-live="polite">
            {updating ? t("livePreview.checking") : ""}
          </span>
        </h3>
        <div aria-live="polite" className="guard-region">
          {guards.length > 0 ? (
            <GuardList findings={guards} />
          ) : preview ? (
            <p className="muted small">{t("livePreview.noGuardObjectsToThis")}</p>
          ) : (
            <p className="muted small">
              {gaps[0]?.message ?? t("livePreview.checking2")}
              {gaps[0] ? t("livePreview.toSeeWhatTheGuards") : ""}
            </p>
          )}
          {(submitted.fields.guards ?? previewRefusal?.general) && (
            <p className="field-error">{submitted.fields.guards ?? previewRefusal?.general}</p>
          )}
        </div>
      </section>
      <section aria-labelledby={`${id}-checklist`}>
        <h3 id={`${id}-checklist`} className="subsection-title">
          {t("livePreview.checklist")}
        </h3>
        <Checklist items={f.items} />
      </section>
      {preview && (
        <section aria-labelledby={`${id}-preview`} className={updating ? "is-updating" : ""}>
          <h3 id={`${id}-preview`} className="subsection-title">
            {t("livePreview.preview")}
          </h3>
          <ArtifactList artifacts={preview.artifacts} />
          <h4 className="preview-heading">{t("livePreview.handoverNotePrivate")}</h4>
          <pre className="note-preview">{preview.note}</pre>
        </section>
      )}
    </aside>
  );
}
