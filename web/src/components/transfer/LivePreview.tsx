import type { TransferFormState } from "../../hooks/useTransferForm.ts";
import { ArtifactList, Checklist, GuardList } from "../TransferParts.tsx";

/** Beside the form, live: what the guards say, the checklist, and the note and artifacts. */
export function LivePreview({ form: f }: { form: TransferFormState }) {
  const { id, guards, preview, updating, gaps, submitted, previewRefusal } = f;
  return (
    <aside className="transfer-live" aria-label="What Baton will do">
      <section aria-labelledby={`${id}-guards`}>
        <h3 id={`${id}-guards`} className="subsection-title">
          Guards{" "}
          <span className="muted small" aria-live="polite">
            {updating ? "checking…" : ""}
          </span>
        </h3>
        <div aria-live="polite" className="guard-region">
          {guards.length > 0 ? (
            <GuardList findings={guards} />
          ) : preview ? (
            <p className="muted small">No guard objects to this transfer.</p>
          ) : (
            <p className="muted small">
              {gaps[0]?.message ?? "Checking…"}
              {gaps[0] ? " to see what the guards say." : ""}
            </p>
          )}
          {(submitted.fields.guards ?? previewRefusal?.general) && (
            <p className="field-error">{submitted.fields.guards ?? previewRefusal?.general}</p>
          )}
        </div>
      </section>
      <section aria-labelledby={`${id}-checklist`}>
        <h3 id={`${id}-checklist`} className="subsection-title">
          Checklist
        </h3>
        <Checklist items={f.items} />
      </section>
      {preview && (
        <section aria-labelledby={`${id}-preview`} className={updating ? "is-updating" : ""}>
          <h3 id={`${id}-preview`} className="subsection-title">
            Preview
          </h3>
          <ArtifactList artifacts={preview.artifacts} />
          <h4 className="preview-heading">Handover note (private)</h4>
          <pre className="note-preview">{preview.note}</pre>
        </section>
      )}
    </aside>
  );
}
