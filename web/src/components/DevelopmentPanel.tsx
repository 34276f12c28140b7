// Development on a case (seed 002, S2.5): once triage hands it on, development's stage shows
// here with who stays the customer's owner; development moves the stage (the owner and, where
// the policy says, the customer are told); anyone who may change the case links its tracker
// issue, which the tracker's webhook then updates.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useState } from "react";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CaseDetail } from "../api/types.ts";
import { dateTime } from "../lib/format.ts";
import { useToast } from "./Toasts.tsx";

export function DevelopmentPanel({
  caseData: c,
  mayEdit,
  onSaved,
}: {
  caseData: CaseDetail;
  mayEdit: boolean;
  onSaved: (saved: { version: number }) => void;
}) {
  const dev = c.development;
  if (!dev && !c.trackerUrl && !mayEdit) return null;
  return (
    <section className="panel" aria-labelledby="development-title">
      <h2 id="development-title" className="section-title">
        Development
      </h2>
      {dev ? (
        <>
          <p data-testid="development-stage">
            <strong>{dev.stage.name}</strong> since {dateTime(dev.since)}
            {dev.active ? "" : " (the case has left development)"}
          </p>
          <p className="small">
            Customer's owner: <strong>{dev.supportOwner?.name ?? "nobody recorded"}</strong> — they
            keep answering the customer while development works on the case.
          </p>
          <StageHistory history={dev.history} />
          {dev.maySetStage && <StageForm c={c} />}
        </>
      ) : (
        <p className="muted small">
          Not with development. Product issues reach development through triage.
        </p>
      )}
      <TrackerLink c={c} mayEdit={mayEdit} onSaved={onSaved} />
    </section>
  );
}

type Step = NonNullable<CaseDetail["development"]>["history"][number];

/** Each stage the case reached, newest first: when, who moved it (or the tracker), and the note. */
function StageHistory({ history }: { history: Step[] }) {
  if (history.length === 0) return null;
  return (
    <details className="small">
      <summary>Stage history ({history.length})</summary>
      <ol aria-label="Development history" className="step-list">
        {[...history].reverse().map((h) => (
          <li key={`${h.at}-${h.stage.code}`}>
            <strong>{h.stage.name}</strong> — {dateTime(h.at)}, {h.by}
            {h.note && <span className="muted">: {h.note}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}

function StageForm({ c }: { c: CaseDetail }) {
  const id = useId();
  const client = useQueryClient();
  const { notify } = useToast();
  const dev = c.development;
  const [stage, setStage] = useState(dev?.stage.code ?? "");
  const [note, setNote] = useState("");
  const move = useMutation({
    mutationFn: () =>
      endpoints.setDevelopmentStage(c.number, {
        version: dev?.version ?? 0,
        stage,
        ...(note.trim() ? { note } : {}),
      }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: queryKeys.caseDetail(c.number) });
      await client.invalidateQueries({ queryKey: queryKeys.timeline(c.number) });
      setNote("");
      notify("Development stage saved; the customer's owner is told.", "success");
    },
  });
  const errors = move.error ? fieldErrorMap(move.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    move.mutate();
  };
  const chosen = dev?.stages.find((s) => s.code === stage);
  return (
    <form onSubmit={submit} aria-label="Development stage" className="form-row">
      <div className="field">
        <label htmlFor={`${id}-stage`}>Stage</label>
        <select id={`${id}-stage`} value={stage} onChange={(e) => setStage(e.target.value)}>
          {(dev?.stages ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {s.name}
            </option>
          ))}
        </select>
        {errors.stage && <p className="field-error">{errors.stage}</p>}
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note for the owner</label>
        <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <p className="muted small">
        {chosen?.tellCustomer ? "The customer is told of this stage." : "The customer is not told."}
      </p>
      {move.isError && Object.keys(errors).length === 0 && (
        <p role="alert" className="field-error">
          {errorMessage(move.error)}
        </p>
      )}
      <div className="form-actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={move.isPending || stage === dev?.stage.code}
        >
          Set stage
        </button>
      </div>
    </form>
  );
}

function TrackerLink({
  c,
  mayEdit,
  onSaved,
}: {
  c: CaseDetail;
  mayEdit: boolean;
  onSaved: (saved: { version: number }) => void;
}) {
  const id = useId();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [url, setUrl] = useState(c.trackerUrl ?? "");
  const save = useMutation({
    mutationFn: () =>
      endpoints.updateCase(c.number, { version: c.version, trackerUrl: url.trim() || null }),
    onSuccess: async (saved) => {
      onSaved(saved);
      await client.invalidateQueries({ queryKey: queryKeys.caseDetail(c.number) });
      setEditing(false);
    },
  });
  const errors = save.error ? fieldErrorMap(save.error) : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  if (!editing)
    return (
      <p className="small">
        Tracker issue:{" "}
        {c.trackerUrl ? (
          <a href={c.trackerUrl} target="_blank" rel="noopener noreferrer">
            {c.trackerUrl}
          </a>
        ) : (
          <span className="muted">none linked</span>
        )}{" "}
        {mayEdit && (
          <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
            {c.trackerUrl ? "Change" : "Link an issue"}
          </button>
        )}
      </p>
    );
  return (
    <form onSubmit={submit} aria-label="Tracker issue" className="form-row">
      <div className="field">
        <label htmlFor={`${id}-url`}>Tracker issue address</label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          placeholder="https://tracker.example.com/issues/123"
          onChange={(e) => setUrl(e.target.value)}
        />
        {errors.trackerUrl && <p className="field-error">{errors.trackerUrl}</p>}
      </div>
      {save.isError && Object.keys(errors).length === 0 && (
        <p role="alert" className="field-error">
          {errorMessage(save.error)}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn" onClick={() => setEditing(false)}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          Save
        </button>
      </div>
    </form>
  );
}
