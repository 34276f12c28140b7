// The transfer panel: pick a kind, a target and a reason, fill in the handover template, and see
// live what Baton will do — every guard's message, the checklist, the note and the artifacts —
// before submitting. The state lives in useTransferForm; each fieldset is its own component.

import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { ApiError } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { type TransferFormInput, useTransferForm } from "../hooks/useTransferForm.ts";
import { KindFieldset } from "./transfer/KindFieldset.tsx";
import { LivePreview } from "./transfer/LivePreview.tsx";
import { MoreOptions } from "./transfer/MoreOptions.tsx";
import { ReasonFieldset } from "./transfer/ReasonFieldset.tsx";
import { SubmitBar } from "./transfer/SubmitBar.tsx";
import { TargetFieldset } from "./transfer/TargetFieldset.tsx";
import { TemplateFieldset } from "./transfer/TemplateFieldset.tsx";
import { VersionNotices } from "./transfer/VersionNotices.tsx";

type Props = Omit<TransferFormInput, "options"> & { onCancel: () => void };

/** Loads what the person may do on this case, then shows the form. */
export function TransferPanel(props: Props) {
  const { t } = useTranslation();
  const n = props.caseData.number;
  const options = useQuery({
    queryKey: queryKeys.transferOptions(n),
    queryFn: ({ signal }) => endpoints.transferOptions(n, signal),
  });
  if (options.isError)
    return (
      <p className="notice notice-error" role="alert">
        {t("transferPanel.couldNotLoadTheTransfer")}{" "}
        {options.error instanceof ApiError ? options.error.detail : t("transferPanel.tryAgain")}
      </p>
    );
  // The form starts from the case version as it is now, not as an earlier visit cached it.
  if (!options.data || (options.isStale && !options.isFetchedAfterMount))
    return (
      <p className="muted" aria-live="polite">
        {t("transferPanel.loading")}
      </p>
    );
  return <TransferFormView {...props} options={options.data} />;
}

function TransferFormView({ onCancel, ...input }: TransferFormInput & { onCancel: () => void }) {
  const f = useTransferForm(input);
  const { caseData, policy, agents, options } = input;
  return (
    <form
      className="transfer-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        f.submitForm();
      }}
    >
      <VersionNotices form={f} />
      <div className="transfer-grid">
        <div className="transfer-inputs">
          <KindFieldset form={f} options={options} />
          {f.kind && (
            <>
              <TargetFieldset
                form={f}
                kind={f.kind}
                caseData={caseData}
                policy={policy}
                agents={agents}
              />
              <ReasonFieldset form={f} kind={f.kind} />
              <TemplateFieldset form={f} kind={f.kind} />
              <MoreOptions form={f} caseData={caseData} policy={policy} />
            </>
          )}
        </div>
        <LivePreview form={f} />
      </div>
      <SubmitBar form={f} onCancel={onCancel} />
    </form>
  );
}
