// S0.4 NEXT CUSTOMER CONTACT: set when the customer is next contacted, typed in the customer's
// time or the viewer's, and saved as an instant with its offset. A change meanwhile (409) loads
// the latest case and asks to save again.

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { ApiError, errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { CaseDetail } from "../api/types.ts";
import { dayAndTime, instantToZoned, zonedToInstant, zoneName } from "../lib/zonedTime.ts";
import { useToast } from "./Toasts.tsx";

type Side = "customer" | "viewer";

export function NextContactEditor({
  caseData: c,
  customerZone,
  viewerZone,
  onSaved,
  onClose,
}: {
  caseData: CaseDetail;
  customerZone: string | null;
  viewerZone: string;
  onSaved: (saved: CaseDetail) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [side, setSide] = useState<Side>(customerZone ? "customer" : "viewer");
  const zone = side === "customer" && customerZone ? customerZone : viewerZone;
  const [value, setValue] = useState(() =>
    c.nextContactAt ? instantToZoned(c.nextContactAt, zone) : "",
  );
  const parsed = value ? zonedToInstant(value, zone) : null;

  const save = useMutation({
    mutationFn: (nextContactAt: string | null) =>
      endpoints.updateCase(c.number, { version: c.version, nextContactAt }),
    onSuccess: (saved) => {
      onSaved(saved);
      queryClient.setQueryData(queryKeys.caseDetail(c.number), saved);
      void queryClient.invalidateQueries({ queryKey: queryKeys.case(c.number) });
      notify(
        saved.nextContactAt
          ? t("nextContactEditor.nextCustomerContactSetOn", { number: c.number })
          : t("nextContactEditor.nextContactCleared"),
        "success",
      );
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.isConflict)
        void queryClient.invalidateQueries({ queryKey: queryKeys.caseDetail(c.number) });
    },
  });
  const conflict = save.error instanceof ApiError && save.error.isConflict;

  const switchSide = (next: Side) => {
    // Keep the same instant when switching whose clock the field shows.
    const nextZone = next === "customer" && customerZone ? customerZone : viewerZone;
    if (parsed) setValue(instantToZoned(new Date(parsed.time).toISOString(), nextZone));
    setSide(next);
  };

  return (
    <form
      className="next-contact-form"
      aria-label={t("nextContactEditor.nextCustomerContact")}
      onSubmit={(e) => {
        e.preventDefault();
        if (parsed) save.mutate(parsed.iso);
      }}
    >
      {save.error && (
        <p className="notice notice-error" role="alert">
          {conflict
            ? t("nextContactEditor.someoneChangedThisCaseMeanwhile")
            : errorMessage(save.error)}
        </p>
      )}
      {customerZone && (
        <fieldset className="segmented">
          <legend className="visually-hidden">{t("nextContactEditor.typeTheTimeIn")}</legend>
          {(
            [
              ["customer", t("nextContactEditor.customersTime", { zone: zoneName(customerZone) })],
              ["viewer", t("nextContactEditor.yourTimeIn", { zone: zoneName(viewerZone) })],
            ] as const
          ).map(([key, label]) => (
            <label key={key} className={side === key ? "is-checked" : ""}>
              <input
                type="radio"
                name={`${id}-side`}
                value={key}
                checked={side === key}
                onChange={() => switchSide(key)}
              />
              {label}
            </label>
          ))}
        </fieldset>
      )}
      <div className="field">
        <label htmlFor={`${id}-at`}>
          {t("nextContactEditor.nextContactZonename", { zoneName: zoneName(zone) })}
        </label>
        <input
          id={`${id}-at`}
          type="datetime-local"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={`${id}-zones`}
          required
        />
        <span id={`${id}-zones`} className="hint">
          {parsed
            ? [
                parsed.shifted ? t("nextContactEditor.timeDoesNotExist") : null,
                customerZone
                  ? t("nextContactEditor.savedAsForCustomer", {
                      iso: parsed.iso,
                      yours: dayAndTime(new Date(parsed.time).toISOString(), viewerZone),
                      customers: dayAndTime(new Date(parsed.time).toISOString(), customerZone),
                    })
                  : t("nextContactEditor.savedAs", {
                      iso: parsed.iso,
                      yours: dayAndTime(new Date(parsed.time).toISOString(), viewerZone),
                    }),
              ]
                .filter(Boolean)
                .join(" ")
            : t("nextContactEditor.pickADateAndTime")}
        </span>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t("nextContactEditor.cancel")}
        </button>
        {c.nextContactAt && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => save.mutate(null)}
            disabled={save.isPending}
          >
            {t("nextContactEditor.clear")}
          </button>
        )}
        <button
          type="submit"
          className="btn btn-small btn-primary"
          disabled={!parsed || save.isPending}
        >
          {save.isPending ? t("nextContactEditor.saving") : t("nextContactEditor.saveNextContact")}
        </button>
      </div>
    </form>
  );
}
