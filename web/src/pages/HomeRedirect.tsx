import { Navigate } from "react-router";
import { useCurrentWorkspace } from "../hooks/workspace.ts";

/** "/" opens My cases in the workspace used last. */
export function HomeRedirect() {
  const workspace = useCurrentWorkspace();
  if (!workspace)
    return (
      <div className="page">
        <h1 tabIndex={-1} className="page-title">
          No workspace yet
        </h1>
        <p>You do not belong to any workspace. Ask an administrator to add you to one.</p>
      </div>
    );
  return <Navigate to={`/w/${encodeURIComponent(workspace)}/mine`} replace />;
}
