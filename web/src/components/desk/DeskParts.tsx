// What every section of the desk shows the same way: the table of requests, who decided with
// their note, and the moves the server allows (with the approver's note where they decide).

import type { ReactNode } from "react";
import { useId } from "react";
import { useTranslation } from "react-i18next";

/** `columns`: the message keys of the column headings. */
export function DeskTable({ columns, children }: { columns: string[]; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="case-table desk-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {t(c)}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t("deskParts.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function DecidedBy({
  r,
}: {
  r: { state: string; decidedBy: { name: string } | null; decisionNote: string | null };
}) {
  const { t } = useTranslation();
  if (!r.decidedBy || r.state === "pending") return null;
  return (
    <span className="hint">
      {t("deskParts.byName", { name: r.decidedBy.name })}
      {r.decisionNote ? `: “${r.decisionNote}”` : ""}
    </span>
  );
}

export function DeskMoves<A extends string>({
  labels,
  actions,
  note,
  busy,
  onMove,
}: {
  /** Each move's message key. */
  labels: Record<A, string>;
  actions: Record<A, boolean>;
  /** Shown while the viewer may approve or decline: the note, and whether a move needs one. */
  note: {
    shown: boolean;
    label: string;
    placeholder: string;
    maxLength: number;
    value: string;
    onChange: (value: string) => void;
    requiredFor?: A;
  };
  busy: boolean;
  onMove: (action: A) => void;
}) {
  const { t } = useTranslation();
  const noteId = useId();
  const allowed = (Object.keys(labels) as A[]).filter((a) => actions[a]);
  return (
    <div className="btn-row">
      {note.shown && (
        <>
          <label htmlFor={noteId} className="visually-hidden">
            {note.label}
          </label>
          <input
            id={noteId}
            value={note.value}
            maxLength={note.maxLength}
            placeholder={note.placeholder}
            onChange={(e) => note.onChange(e.target.value)}
          />
        </>
      )}
      {allowed.map((a) => (
        <button
          key={a}
          type="button"
          className={`btn btn-small ${a === "approve" ? "btn-primary" : ""}`}
          disabled={busy || (a === note.requiredFor && !note.value.trim())}
          onClick={() => onMove(a)}
        >
          {t(labels[a] as string)}
        </button>
      ))}
    </div>
  );
}
