import { useTranslation } from "react-i18next";
import type {
  Agent,
  CaseDetail,
  PolicyView,
  TransferKindOption,
  TransferTargetType,
} from "../../api/types.ts";
import type { TransferFormState } from "../../hooks/useTransferForm.ts";
import { labelIn } from "../../lib/policy.ts";
import { withTargetType } from "../../lib/transferForm.ts";
import { agentChoices, regionChoices } from "../../lib/transfers.ts";
import { FieldMessage, fieldAria } from "./FieldMessage.tsx";

const DISTRIBUTION_LABEL: Record<string, string> = {
  round_robin: "round robin",
  least_loaded: "least loaded",
  skills: "skills",
};

const TARGET_LABELS: Record<TransferTargetType, string> = {
  agent: "An agent",
  queue: "A queue",
  workspace: "Another workspace",
};

/** Where the case goes: an agent (and optionally their group), a queue and region, a workspace. */
export function TargetFieldset({
  form: f,
  kind,
  caseData: c,
  policy,
  agents,
}: {
  form: TransferFormState;
  kind: TransferKindOption;
  caseData: CaseDetail;
  policy: PolicyView | undefined;
  agents: Agent[] | undefined;
}) {
  const { t } = useTranslation();
  const { id, form, patch, ctx, ownerRegion } = f;
  return (
    <fieldset className="fieldset">
      <legend>{t("targetFieldset.whereTo")}</legend>
      {kind.targets.length > 1 && (
        <div className="segmented" role="radiogroup" aria-label={t("targetFieldset.targetType")}>
          {kind.targets.map((t) => (
            <label key={t} className={form.targetType === t ? "is-checked" : ""}>
              <input
                type="radio"
                name={`${id}-target-type`}
                checked={form.targetType === t}
                onChange={() => f.setForm(withTargetType(form, kind, t))}
              />
              {TARGET_LABELS[t]}
            </label>
          ))}
        </div>
      )}
      {form.targetType === "agent" && (
        <div className="field">
          <label htmlFor={`${id}-agent`}>{t("targetFieldset.agent")}</label>
          <select
            id={`${id}-agent`}
            value={form.agentId}
            onChange={(e) => patch({ agentId: e.target.value })}
            {...fieldAria(f, "target.agentId")}
          >
            <option value="">{t("targetFieldset.chooseWhoTakesTheCase")}</option>
            {agentChoices(agents ?? [], {
              ownerId: c.owner?.id ?? null,
              ownerRegion,
              regionRule: kind.region,
            }).map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
          <span className="hint">
            {kind.region === "same"
              ? `Stays within ${ownerRegion ?? "the owner's region"}.`
              : kind.region === "other"
                ? `Goes to another region than ${ownerRegion ?? "the owner's"}.`
                : t("targetFieldset.anyRegion")}
          </span>
          <FieldMessage form={f} field="target.agentId" />
        </div>
      )}
      {form.targetType === "agent" && (
        <div className="field">
          <label htmlFor={`${id}-agent-queue`}>
            {t("targetFieldset.group")}{" "}
            <span className="required">{t("targetFieldset.optional")}</span>
          </label>
          <select
            id={`${id}-agent-queue`}
            value={form.agentQueue}
            onChange={(e) => patch({ agentQueue: e.target.value })}
            {...fieldAria(f, "target.queue")}
          >
            <option value="">
              {t("targetFieldset.keepLabelin", { labelIn: labelIn(policy?.queues, c.queue) })}
            </option>
            {kind.toQueues
              .filter((q) => q !== c.queue)
              .map((q) => (
                <option key={q} value={q}>
                  {labelIn(policy?.queues, q)}
                </option>
              ))}
          </select>
          <FieldMessage form={f} field="target.queue" />
        </div>
      )}
      {form.targetType === "queue" && (
        <div className="field-group">
          <div className="field">
            <label htmlFor={`${id}-queue`}>{t("targetFieldset.queue")}</label>
            <select
              id={`${id}-queue`}
              value={form.queue}
              onChange={(e) => patch({ queue: e.target.value })}
              {...fieldAria(f, "target.queue")}
            >
              {kind.toQueues.map((q) => (
                <option key={q} value={q}>
                  {labelIn(policy?.queues, q)}
                  {ctx.queueRegion(q) ? ` (${ctx.queueRegion(q)})` : ""}
                </option>
              ))}
            </select>
            <FieldMessage form={f} field="target.queue" />
          </div>
          {!ctx.queueRegion(form.queue) && (
            <div className="field">
              <label htmlFor={`${id}-region`}>
                {t("targetFieldset.region")}{" "}
                {kind.region === "any" && (
                  <span className="required">{t("targetFieldset.optional")}</span>
                )}
              </label>
              <select
                id={`${id}-region`}
                value={form.region}
                onChange={(e) => patch({ region: e.target.value })}
                {...fieldAria(f, "target.region")}
              >
                <option value="">{t("targetFieldset.chooseTheRegion")}</option>
                {regionChoices(policy?.regions ?? [], kind.region, ownerRegion).map((r) => (
                  <option key={r.code} value={r.code} disabled={!r.fits}>
                    {r.code} — {r.name}
                    {r.note ? ` (${r.note})` : ""}
                  </option>
                ))}
              </select>
              <FieldMessage form={f} field="target.region" />
            </div>
          )}
          {ctx.queueAutoAssigns(form.queue) && (
            <div className="field-check">
              <input
                id={`${id}-auto-assign`}
                type="checkbox"
                checked={form.autoAssign}
                onChange={(e) => patch({ autoAssign: e.target.checked })}
                {...fieldAria(f, "target.autoAssign")}
              />
              <label htmlFor={`${id}-auto-assign`}>
                {t("targetFieldset.autoAssignByTheQueue")}
                {DISTRIBUTION_LABEL[
                  policy?.queues.find((q) => q.code === form.queue)?.distribution ?? ""
                ] ?? t("targetFieldset.automatic")}
                )
              </label>
              <FieldMessage form={f} field="target.autoAssign" />
            </div>
          )}
        </div>
      )}
      {form.targetType === "workspace" && (
        <div className="field">
          <label htmlFor={`${id}-ws`}>{t("targetFieldset.workspace")}</label>
          <input
            id={`${id}-ws`}
            value={form.workspace}
            placeholder="workspace-slug"
            onChange={(e) => patch({ workspace: e.target.value })}
            {...fieldAria(f, "target.workspace")}
          />
          <FieldMessage form={f} field="target.workspace" />
        </div>
      )}
      <FieldMessage form={f} field="target" />
    </fieldset>
  );
}
