// The desk's part of leave: plans handed to the shift lead, each a link to the leave planner
// where its cases are decided one by one.

import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { endpoints } from "../../api/endpoints.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import { dayAndTime } from "../../lib/zonedTime.ts";

export function LeaveSection({ workspace }: { workspace: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: queryKeys.leave(workspace),
    queryFn: ({ signal }) => endpoints.leavePlans(workspace, signal),
  });
  const waiting = (list.data?.items ?? []).filter((p) => p.state === "submitted");
  if (!list.data) return null;
  return (
    <section aria-label={t("leaveSection.leaveHandOffs")}>
      <h2>{t("leaveSection.leaveHandOffs")}</h2>
      {waiting.length === 0 ? (
        <p className="empty">{t("leaveSection.noLeaveHandOffWaits")}</p>
      ) : (
        <ul>
          {waiting.map((p) => (
            <li key={p.id}>
              <Link to={`/w/${encodeURIComponent(workspace)}/leave`}>
                {t("leaveSection.nameAwayFromDayandtime", {
                  name: p.agent.name,
                  dayAndTime: dayAndTime(p.leaveFrom),
                })}
                {p.items.filter((i) => i.state === "requested").length}{" "}
                {t("leaveSection.ofLengthCasesToDecide", { length: p.items.length })}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
