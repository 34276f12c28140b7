// The case's product and steps to reproduce, editable where the caller may update the case.
// S2.5: both must be filled in before a case goes to triage, and the triage-ready guard says so;
// this is where the person does what the guard asks.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
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
      notify(`Case #${c.number} updated`, "success");
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
          <span className="label">Product</span>{" "}
          {c.product ? labelIn(policy?.products, c.product) : <span className="muted">None</span>}
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
        <h3 className="subsection-title">Steps to reproduce</h3>
        {c.stepsToReproduce ? (
          <p className="prewrap">{c.stepsToReproduce}</p>
        ) : (
          <p className="muted">Not filled in.</p>
        )}
        {canEdit && (
          <button type="button" className="btn btn-small" onClick={start}>
            Edit product and steps…
          </button>
        )}
      </div>
    );

  return (
    <form
      className="product-steps"
      aria-label="Product and steps to reproduce"
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
        <label htmlFor={`${id}-product`}>Product</label>
        <select
          id={`${id}-product`}
          value={product}
          onChange={(e) => {
            setProduct(e.target.value);
            setSubProduct("");
          }}
        >
          <option value="">None</option>
          {(policy?.products ?? []).map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      {subProducts.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-sub`}>Sub-product (optional)</label>
          <select
            id={`${id}-sub`}
            value={subProduct}
            onChange={(e) => setSubProduct(e.target.value)}
          >
            <option value="">None</option>
            {subProducts.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-steps`}>Steps to reproduce</label>
        <span className="hint">
          The bug submission template's list, each item filled in with what the customer said.
        </span>
        <textarea
          id={`${id}-steps`}
          rows={5}
          value={steps}
          onChange={(e) => setSteps(e.target.value)}
        />
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
          Cancel
        </button>
        <button type="submit" className="btn btn-small btn-primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </button>
      </div>
    </form>
  );
}
