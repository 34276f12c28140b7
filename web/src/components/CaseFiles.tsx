// "Files" on a case: every file uploaded to it or that came with an email, newest last, with a
// preview for raster images (served inline by the server, so <img> only ever shows a picture).

import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import { dateTime, fileSize, relativeTime } from "../lib/format.ts";

export function CaseFiles({ caseNumber, now }: { caseNumber: number; now: Date }) {
  const { t } = useTranslation();
  const files = useQuery({
    queryKey: queryKeys.caseFiles(caseNumber),
    queryFn: ({ signal }) => endpoints.caseAttachments(caseNumber, signal),
  });
  const items = files.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="files-title">
      <h2 id="files-title" className="section-title">
        {t("caseFiles.files")} {files.data && <span className="muted small">({items.length})</span>}
      </h2>
      {files.isError ? (
        <p className="field-error">
          {t("caseFiles.couldNotLoadTheFiles", { errorMessage: errorMessage(files.error) })}
        </p>
      ) : files.isPending ? (
        <p className="muted">{t("caseFiles.loading")}</p>
      ) : items.length === 0 ? (
        <p className="muted">
          {t("caseFiles.noFilesYet")}
          {files.data.viewer.mayUpload && t("caseFiles.attachScreenshotsOrLogsTo")}
        </p>
      ) : (
        <ul className="case-files">
          {items.map((f) => (
            <li key={f.id} className="case-file">
              {f.previewUrl ? (
                <a href={f.url} download={f.filename} className="case-file-thumb">
                  <img
                    src={f.previewUrl}
                    alt={t("caseFiles.previewOfFilename", { filename: f.filename })}
                    loading="lazy"
                  />
                </a>
              ) : (
                <span className="case-file-thumb case-file-icon" aria-hidden="true">
                  {f.filename.split(".").at(-1)?.slice(0, 4).toUpperCase() ?? t("caseFiles.file")}
                </span>
              )}
              <span className="case-file-text">
                <a href={f.url} download={f.filename} className="case-file-name">
                  {f.filename}
                </a>
                <span className="muted small">
                  {fileSize(f.size)} · {f.uploadedBy?.name ?? t("caseFiles.byEmail")} ·{" "}
                  <time dateTime={f.createdAt} title={dateTime(f.createdAt)}>
                    {relativeTime(f.createdAt, now)}
                  </time>
                  {f.noteId === null ? t("caseFiles.notOnANoteYet") : ""}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
