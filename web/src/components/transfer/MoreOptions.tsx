import { useTranslation } from "react-i18next";
import type { CaseDetail, PolicyView } from "../../api/types.ts";
import type { TransferFormState } from "../../hooks/useTransferForm.ts";
import { statusLabel } from "../../lib/caseStatus.ts";
import { labelIn } from "../../lib/policy.ts";
import { FieldMessage, fieldAria } from "./FieldMessage.tsx";

const STATUSES = ["new", "active", "awaiting_customer", "solution_delivered", "resolved"] as const;

/** What else the transfer changes: brand, priority, status, the pin, and the comment. */
export function MoreOptions({
  form: f,
  caseData: c,
  policy,
}: {
  form: TransferFormState;
  caseData: CaseDetail;
  policy: PolicyView | undefined;
}) {
  const { t } = useTranslation();
  const { id, form, patch } = f;
  const brands = policy?.brands ?? [];
  const kindStatus = policy?.transferKinds?.find((k) => k.code === form.kind)?.newStatus;
  return (
    <details
      className="fieldset-more"
      open={Boolean(
        form.newPriority || form.newStatus || form.newBrand || form.pin || form.comment,
      )}
    >
      <summary>
        {brands.length > 1 ? t("moreOptions.brandPriority") : t("moreOptions.priority")}
        {t("moreOptions.statusPinAndComment")}
      </summary>
      <div className="field-group">
        {brands.length > 1 && form.targetType !== "workspace" && (
          <div className="field">
            <label htmlFor={`${id}-brand`}>{t("moreOptions.newBrand")}</label>
            <select
              id={`${id}-brand`}
              value={form.newBrand}
              onChange={(e) => patch({ newBrand: e.target.value })}
              {...fieldAria(f, "newBrand")}
            >
              <option value="">
                {t("moreOptions.keepLabelin", { labelIn: labelIn(brands, c.brand) })}
              </option>
              {brands
                .filter((b) => b.code !== c.brand)
                .map((b) => (
                  <option key={b.code} value={b.code}>
                    {b.name}
                  </option>
                ))}
            </select>
            <FieldMessage form={f} field="newBrand" />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-priority`}>{t("moreOptions.newPriority")}</label>
          <select
            id={`${id}-priority`}
            value={form.newPriority}
            onChange={(e) => patch({ newPriority: e.target.value })}
            {...fieldAria(f, "newPriority")}
          >
            <option value="">
              {t("moreOptions.keepLabelin", { labelIn: labelIn(policy?.priorities, c.priority) })}
            </option>
            {(policy?.priorities ?? []).map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
          <FieldMessage form={f} field="newPriority" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>{t("moreOptions.newStatus")}</label>
          <select
            id={`${id}-status`}
            value={form.newStatus}
            onChange={(e) => patch({ newStatus: e.target.value })}
            {...fieldAria(f, "newStatus")}
          >
            <option value="">
              {t("moreOptions.theKindSDefault")}
              {kindStatus ? ` (${statusLabel(kindStatus, policy?.statusLabels)})` : ""}
            </option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s, policy?.statusLabels)}
              </option>
            ))}
          </select>
          <FieldMessage form={f} field="newStatus" />
        </div>
      </div>
      {form.targetType === "agent" && (
        <div className="field-group">
          <div className="field-check">
            <input
              id={`${id}-pin`}
              type="checkbox"
              checked={form.pin}
              onChange={(e) => patch({ pin: e.target.checked })}
              {...fieldAria(f, "pin")}
            />
            <label htmlFor={`${id}-pin`}>{t("moreOptions.pinTheCaseToThe")}</label>
            <FieldMessage form={f} field="pin" />
          </div>
          {form.pin && (
            <div className="field">
              <label htmlFor={`${id}-pin-until`}>
                {t("moreOptions.pinnedUntil")}{" "}
                <span className="required">{t("moreOptions.optional")}</span>
              </label>
              <input
                id={`${id}-pin-until`}
                type="datetime-local"
                value={form.pinUntil}
                onChange={(e) => patch({ pinUntil: e.target.value })}
                {...fieldAria(f, "pinUntil")}
              />
              <FieldMessage form={f} field="pinUntil" />
            </div>
          )}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-comment`}>
          {t("moreOptions.transferComment")}{" "}
          <span className="required">{t("moreOptions.optionalGoesIntoTheNote")}</span>
        </label>
        <textarea
          id={`${id}-comment`}
          rows={2}
          value={form.comment}
          onChange={(e) => patch({ comment: e.target.value })}
          {...fieldAria(f, "comment")}
        />
        <FieldMessage form={f} field="comment" />
      </div>
    </details>
  );
}
