import { Link } from "react-router";
import { useDocumentTitle } from "../hooks/useDocumentTitle.ts";

export function NotFoundPage({ what = "Page", detail }: { what?: string; detail?: string }) {
  useDocumentTitle("Not found");
  return (
    <div className="page">
      <h1 tabIndex={-1} className="page-title">
        {what} not found
      </h1>
      <p>{detail ?? "The address may be mistyped, or the page has moved."}</p>
      <p>
        <Link to="/">Go to my cases</Link>
      </p>
    </div>
  );
}
