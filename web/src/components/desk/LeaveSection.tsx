// The desk's part of leave: plans handed to the shift lead, each a link to the leave planner
// where its cases are decided one by one.
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { endpoints } from "../../api/endpoints.ts";
import { queryKeys } from "../../api/queryKeys.ts";
import { dayAndTime } from "../../lib/zonedTime.ts";

export function LeaveSection({ workspace }: { workspace: string }) {
  const list = useQuery({
    queryKey: queryKeys.leave(workspace),
    queryFn: ({ signal }) => endpoints.leavePlans(workspace, signal),
  });
  const waiting = (list.data?.items ?? []).filter((p) => p.state === "submitted");
  if (!list.data) return null;
  return (
    <section aria-label="Leave hand-offs">
      <h2>Leave hand-offs</h2>
      {waiting.length === 0 ? (
        <p className="empty">No leave hand-off waits.</p>
      ) : (
        <ul>
          {waiting.map((p) => (
            <li key={p.id}>
              <Link to={`/w/${encodeURIComponent(workspace)}/leave`}>
                {p.agent.name}, away from {dayAndTime(p.leaveFrom)}:{" "}
                {p.items.filter((i) => i.state === "requested").length} of {p.items.length} cases to
                decide
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
