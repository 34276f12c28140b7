import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Task } from "../../api/types.ts";
import { hours, taskHref, taskStatusLabel } from "../../lib/taskTime.ts";

/** Tasks in a table: what, who, how far, and the case a roadblock became. */
export function TaskTable({ tasks, showProject }: { tasks: Task[]; showProject?: boolean }) {
  const { t } = useTranslation();
  return (
    <table className="case-table task-table">
      <thead>
        <tr>
          <th scope="col">{t("taskTable.task")}</th>
          {showProject && <th scope="col">{t("taskTable.project")}</th>}
          <th scope="col">{t("taskTable.status")}</th>
          <th scope="col">{t("taskTable.assignee")}</th>
          <th scope="col">{t("taskTable.deliveredEstimate")}</th>
          <th scope="col">{t("taskTable.due")}</th>
          <th scope="col">{t("taskTable.case")}</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((t) => (
          <tr key={t.number}>
            <td>
              <Link to={taskHref(t.number)}>
                {t.ref} {t.title}
              </Link>
            </td>
            {showProject && <td>{t.project.name}</td>}
            <td>{taskStatusLabel(t.status)}</td>
            <td>{t.assignee?.name ?? "—"}</td>
            <td>
              {hours(t.minutesDelivered)} / {hours(t.estimateMinutes)}
            </td>
            <td>{t.dueOn ?? "—"}</td>
            <td>
              {t.case ? (
                <Link to={`/cases/${t.case.number}`}>
                  #{t.case.number} ({t.case.status.replace("_", " ")})
                </Link>
              ) : (
                "—"
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
