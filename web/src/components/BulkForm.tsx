// The frame of a bulk action's form (S3.4, issue 17): which cases it is for, the refusal of the
// request as a whole, the action's own fields, and its submit button.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/errors.ts";
import type { Agent, CaseSummary, PolicyView } from "../api/types.ts";

/** What a bulk action's dialog is given: the picked cases, and what to offer for them. */
export interface BulkActionProps {
  cases: CaseSummary[];
  policy: PolicyView | undefined;
  agents: Agent[] | undefined;
  /** After the result was read: the numbers that went through. */
  onDone: (done: number[]) => void;
}

export function BulkForm({
  cases,
  ready,
  onRun,
  error,
  children,
  submit,
}: {
  cases: CaseSummary[];
  ready: boolean;
  onRun: () => void;
  error: Error | null;
  children: ReactNode;
  /** The form's actions: its submit button. */
  submit: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form
      className="bulk-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) onRun();
      }}
    >
      <p className="muted">
        {t("bulkForm.casesEachChecked", {
          count: cases.length,
          numbers: cases.map((c) => `#${c.number}`).join(", "),
        })}
      </p>
      {error && (
        <p className="notice notice-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      {children}
      <div className="form-actions">{submit}</div>
    </form>
  );
}
