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

// Message keys.
const DISTRIBUTION_LABEL: Record<string, string> = {
  round_robin: "targetFieldset.roundRobin",
  least_loaded: "targetFieldset.leastLoaded",
  skills: "targetFieldset.skills",
};

const TARGET_LABELS: Record<TransferTargetType, string> = {
  agent: "targetFieldset.anAgent",
  queue: "targetFieldset.aQueue",
  workspace: "targetFieldset.anotherWorkspace",
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
  const distribution =
    DISTRIBUTION_LABEL[policy?.queues.find((q) => q.code === form.queue)?.distribution ?? ""];
  return (
    <fieldset className="fieldset">
      <legend>{t("targetFieldset.whereTo")}</legend>
      {kind.targets.length > 1 && (
        <div className="segmented" role="radiogroup" aria-label={t("targetFieldset.targetType")}>
          {kind.targets.map((target) => (
            <label key={target} className={form.targetType === target ? "is-checked" : ""}>
              <input
                type="radio"
                name={`${id}-target-type`}
                checked={form.targetType === target}
                onChange={() => f.setForm(withTargetType(form, kind, target))}
              />
              {t(TARGET_LABELS[target])}
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
              ? ownerRegion
                ? t("targetFieldset.staysWithin", { region: ownerRegion })
                : t("targetFieldset.staysWithinOwnersRegion")
              : kind.region === "other"
                ? ownerRegion
                  ? t("targetFieldset.goesToAnotherRegionThan", { region: ownerRegion })
                  : t("targetFieldset.goesToAnotherRegionThanOwners")
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
                {distribution ? t(distribution) : t("targetFieldset.automatic")})
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
            placeholder={t("targetFieldset.workspaceSlug")}
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
