// The case's product and steps to reproduce, editable where the caller may update the case.
// S2.5: both must be filled in before a case goes to triage, and the triage-ready guard says so;
// this is where the person does what the guard asks.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CaseDetail, PolicyView } from "../api/types.ts";
import { labelIn } from "../lib/policy.ts";
import { useToast } from "./Toasts.tsx";

export function ProductAndSteps({
  caseData: c,
  policy,
  onSaved,
}: {
  caseData: CaseDetail;
  policy: PolicyView | undefined;
  onSaved: (saved: CaseDetail) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [editing, setEditing] = useState(false);
  const [product, setProduct] = useState("");
  const [subProduct, setSubProduct] = useState("");
  const subProducts = policy?.products.find((p) => p.code === product)?.subProducts ?? [];
  const [steps, setSteps] = useState("");
  const canEdit = c.allowed.includes("case.update") && c.status !== "closed";

  const save = useMutation({
    mutationFn: () =>
      endpoints.updateCase(c.number, {
        version: c.version,
        product: product || null,
        subProduct: subProduct || null,
        stepsToReproduce: steps,
      }),
    onSuccess: (saved) => {
      onSaved(saved);
      queryClient.setQueryData(queryKeys.caseDetail(c.number), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.case(c.number) });
      setEditing(false);
      notify(t("productAndSteps.caseNumberUpdated", { number: c.number }), "success");
    },
    onError: (error) => {
      if (error instanceof ApiError && error.isConflict)
        void queryClient.invalidateQueries({ queryKey: queryKeys.caseDetail(c.number) });
    },
  });

  const start = () => {
    setProduct(c.product ?? "");
    setSubProduct(c.subProduct ?? "");
    setSteps(c.stepsToReproduce);
    save.reset();
    setEditing(true);
  };

  if (!editing)
    return (
      <div className="product-steps">
        <p>
          <span className="label">{t("productAndSteps.product")}</span>{" "}
          {c.product ? (
            labelIn(policy?.products, c.product)
          ) : (
            <span className="muted">{t("productAndSteps.none")}</span>
          )}
          {c.subProduct && (
            <>
              {" / "}
              {labelIn(
                policy?.products.find((p) => p.code === c.product)?.subProducts,
                c.subProduct,
              )}
            </>
          )}
        </p>
        <h3 className="subsection-title">{t("productAndSteps.stepsToReproduce")}</h3>
        {c.stepsToReproduce ? (
          <p className="prewrap">{c.stepsToReproduce}</p>
        ) : (
          <p className="muted">{t("productAndSteps.notFilledIn")}</p>
        )}
        {canEdit && (
          <button type="button" className="btn btn-small" onClick={start}>
            {t("productAndSteps.editProductAndSteps")}
          </button>
        )}
      </div>
    );

  return (
    <form
      className="product-steps"
      aria-label={t("productAndSteps.productAndStepsToReproduce")}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      {save.error && (
        <p className="notice notice-error" role="alert">
          {errorMessage(save.error)}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-product`}>{t("productAndSteps.product")}</label>
        <select
          id={`${id}-product`}
          value={product}
          onChange={(e) => {
            setProduct(e.target.value);
            setSubProduct("");
          }}
        >
          <option value="">{t("productAndSteps.none")}</option>
          {(policy?.products ?? []).map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {subProducts.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-sub`}>{t("productAndSteps.subProductOptional")}</label>
          <select
            id={`${id}-sub`}
            value={subProduct}
            onChange={(e) => setSubProduct(e.target.value)}
          >
            <option value="">{t("productAndSteps.none")}</option>
            {subProducts.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-steps`}>{t("productAndSteps.stepsToReproduce")}</label>
        <span className="hint">{t("productAndSteps.theBugSubmissionTemplateS")}</span>
        <textarea
          id={`${id}-steps`}
          rows={5}
          value={steps}
          onChange={(e) => setSteps(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
          {t("productAndSteps.cancel")}
        </button>
        <button type="submit" className="btn btn-small btn-primary" disabled={save.isPending}>
          {save.isPending ? t("productAndSteps.saving") : t("productAndSteps.save")}
        </button>
      </div>
    </form>
  );
}
