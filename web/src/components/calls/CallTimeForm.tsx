// When a call is, typed in the viewer's own zone and shown in the customer's too; used to
// schedule a call and to move one.

import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { browserZone, dayAndTime, zonedToInstant, zoneName } from "../../lib/zonedTime.ts";

export interface CallTime {
  startsAt: string;
  durationMinutes: number;
}

export function CallTimeFields({
  customerZone,
  onChange,
  initialDuration = 30,
}: {
  customerZone: string | null;
  onChange: (time: CallTime | null) => void;
  initialDuration?: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const zone = browserZone();
  const [local, setLocal] = useState("");
  const [minutes, setMinutes] = useState(initialDuration);
  const parsed = local ? zonedToInstant(local, zone) : null;
  const tell = (nextLocal: string, nextMinutes: number) => {
    const at = nextLocal ? zonedToInstant(nextLocal, zone) : null;
    onChange(at ? { startsAt: at.iso, durationMinutes: nextMinutes } : null);
  };
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-at`}>
          {t("callTimeForm.startsZonename", { zoneName: zoneName(zone) })}
        </label>
        <input
          id={`${id}-at`}
          type="datetime-local"
          value={local}
          required
          onChange={(e) => {
            setLocal(e.target.value);
            tell(e.target.value, minutes);
          }}
        />
        {parsed && customerZone && (
          <span className="hint">
            {t("callTimeForm.dayandtimeForTheCustomerZonename", {
              dayAndTime: dayAndTime(new Date(parsed.time).toISOString(), customerZone),
              zoneName: zoneName(customerZone),
            })}
          </span>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-len`}>{t("callTimeForm.lengthMinutes")}</label>
        <input
          id={`${id}-len`}
          type="number"
          min={5}
          max={480}
          step={5}
          value={minutes}
          onChange={(e) => {
            const n = Number(e.target.value);
            setMinutes(n);
            tell(local, n);
          }}
        />
      </div>
    </>
  );
}
