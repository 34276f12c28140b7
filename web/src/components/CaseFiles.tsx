// "Files" on a case: every file uploaded to it or that came with an email, newest last, with a
// preview for raster images (served inline by the server, so <img> only ever shows a picture).
import { useQuery } from "@tanstack/react-query";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { dateTime, fileSize, relativeTime } from "../lib/format.ts";

export function CaseFiles({ caseNumber, now }: { caseNumber: number; now: Date }) {
  const files = useQuery({
    queryKey: queryKeys.caseFiles(caseNumber),
    queryFn: ({ signal }) => endpoints.caseAttachments(caseNumber, signal),
  });
  const items = files.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="files-title">
      <h2 id="files-title" className="section-title">
        Files {files.data && <span className="muted small">({items.length})</span>}
      </h2>
      {files.isError ? (
        <p className="field-error">Could not load the files: {errorMessage(files.error)}</p>
      ) : files.isPending ? (
        <p className="muted">Loading…</p>
      ) : items.length === 0 ? (
        <p className="muted">
          No files yet.
          {files.data.viewer.mayUpload && " Attach screenshots or logs to a note below."}
        </p>
      ) : (
        <ul className="case-files">
          {items.map((f) => (
            <li key={f.id} className="case-file">
              {f.previewUrl ? (
                <a href={f.url} download={f.filename} className="case-file-thumb">
                  <img src={f.previewUrl} alt={`Preview of ${f.filename}`} loading="lazy" />
                </a>
              ) : (
                <span className="case-file-thumb case-file-icon" aria-hidden="true">
                  {f.filename.split(".").at(-1)?.slice(0, 4).toUpperCase() ?? "FILE"}
                </span>
              )}
              <span className="case-file-text">
                <a href={f.url} download={f.filename} className="case-file-name">
                  {f.filename}
                </a>
                <span className="muted small">
                  {fileSize(f.size)} · {f.uploadedBy?.name ?? "by email"} ·{" "}
                  <time dateTime={f.createdAt} title={dateTime(f.createdAt)}>
                    {relativeTime(f.createdAt, now)}
                  </time>
                  {f.noteId === null ? " · not on a note yet" : ""}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
