import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { isPreviewable } from "../../../src/domain/attachments.ts";
import type { TimelineItem } from "../api/types.ts";
import { changeLabel, changeSide, systemLine } from "../lib/changeText.ts";
import { dateTime, fileSize, relativeTime } from "../lib/format.ts";
import { splitMentions } from "../lib/mentions.ts";
import { VisibilityBadge } from "./Badges.tsx";

/** Note text with @mentions highlighted; every part is a text node, never HTML. */
export function NoteBody({ body, known }: { body: string; known: (handle: string) => boolean }) {
  return (
    <p className="tl-body">
      {splitMentions(body, known).map((part, i) =>
        "handle" in part ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable text
          <span key={i} className="mention">
            {part.text}
          </span>
        ) : (
          part.text
        ),
      )}
    </p>
  );
}

function str(data: Record<string, unknown> | null, key: string): string | null {
  const v = data?.[key];
  return typeof v === "string" || typeof v === "number" ? String(v) : null;
}

interface NoteFile {
  id: string;
  filename: string;
  size: number;
  contentType: string | null;
}

/** The files a note carries (an email's, or uploads put on it), as the server stored them. */
function filesOf(item: TimelineItem): NoteFile[] {
  const list = item.data?.attachments;
  if (!Array.isArray(list)) return [];
  return list.flatMap((f: unknown) => {
    if (typeof f !== "object" || f === null) return [];
    const { id, filename, size, contentType } = f as Record<string, unknown>;
    if (typeof id !== "string" || typeof filename !== "string") return [];
    return [
      {
        id,
        filename,
        size: typeof size === "number" ? size : 0,
        contentType: typeof contentType === "string" ? contentType : null,
      },
    ];
  });
}

/** An emailed reply's sender (data.source "email"), or null for any other note. */
function emailOf(item: TimelineItem): { from: string } | null {
  if (item.data?.source !== "email") return null;
  const from = item.data.from as { name?: unknown; email?: unknown } | undefined;
  const name = typeof from?.name === "string" ? from.name : null;
  const email = typeof from?.email === "string" ? from.email : null;
  return { from: name ?? email ?? "unknown sender" };
}

const fileUrl = (id: string) => `/api/v1/attachments/${encodeURIComponent(id)}`;

/** A note's files: raster images as small previews (served inline), everything as a download. */
export function NoteFiles({ files }: { files: readonly NoteFile[] }) {
  const { t } = useTranslation();
  if (files.length === 0) return null;
  return (
    <ul className="tl-attachments" aria-label={t("timeline.attachments")}>
      {files.map((f) => (
        <li key={f.id}>
          {f.contentType && isPreviewable(f.contentType) && (
            <a href={fileUrl(f.id)} download={f.filename} className="tl-preview-link">
              <img
                src={`${fileUrl(f.id)}/preview`}
                alt={t("timeline.previewOfFilename", { filename: f.filename })}
                className="tl-preview"
                loading="lazy"
              />
            </a>
          )}
          <a href={fileUrl(f.id)} download={f.filename}>
            {f.filename}
          </a>{" "}
          <span className="tl-file-size">({fileSize(f.size)})</span>
        </li>
      ))}
    </ul>
  );
}

function callSummary(item: TimelineItem, t: TFunction): string {
  const direction = str(item.data, "direction");
  const minutes = str(item.data, "durationMinutes");
  const contact = str(item.data, "contactName");
  return [
    direction === "inbound"
      ? t("timeline.inboundCall")
      : direction === "outbound"
        ? t("timeline.outboundCall")
        : t("timeline.call"),
    minutes !== null ? t("timeline.minutes", { minutes }) : null,
    contact ? t("timeline.withContact", { contact }) : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** A system line: each changed field with names and labels as the server gave them. */
function SystemText({ item }: { item: TimelineItem }) {
  const { t } = useTranslation();
  if (!item.changes?.length) return <>{systemLine(item.body, item.data, item.line)}</>;
  return (
    <>
      {item.changes.map((c, i) => (
        <span key={c.field} className="tl-change">
          {i > 0 && "; "}
          {c.long ? (
            t("timeline.labelChanged", { label: changeLabel(c) })
          ) : (
            <>
              {changeLabel(c)}:{" "}
              <span className="tl-change-from">{changeSide(c.field, c.from)}</span> →{" "}
              <span className="tl-change-to">{changeSide(c.field, c.to)}</span>
            </>
          )}
        </span>
      ))}
    </>
  );
}

export function TimelineEntry({
  item,
  now,
  known,
}: {
  item: TimelineItem;
  now: Date;
  known: (handle: string) => boolean;
}) {
  const { t } = useTranslation();
  const author =
    item.author?.name ??
    (item.data?.source === "email" ? emailOf(item)?.from : null) ??
    t("timeline.baton");
  const when = (
    <time dateTime={item.createdAt} title={dateTime(item.createdAt)} className="tl-time">
      {relativeTime(item.createdAt, now)}
    </time>
  );
  if (item.kind === "system") {
    return (
      <li className="tl-item tl-system">
        <span className="tl-system-label">{t("timeline.system")}</span>
        <span className="tl-system-text">
          <span className="tl-author">{author}</span> · <SystemText item={item} />
        </span>
        {when}
      </li>
    );
  }
  const visibility = item.visibility === "public" ? "public" : "private";
  const email = emailOf(item);
  const kindLabel =
    item.kind === "call"
      ? callSummary(item, t)
      : email
        ? t("timeline.emailFromFrom", { from: email.from })
        : t("timeline.note");
  return (
    <li className={`tl-item tl-${item.kind} tl-${visibility}`}>
      <article
        aria-label={t("timeline.entryBy", {
          context: `${visibility}_${item.kind === "call" ? "call" : "note"}`,
          author,
        })}
      >
        <header className="tl-header">
          <VisibilityBadge visibility={visibility} />
          <span className="tl-author">{author}</span>
          <span className="tl-kind">{kindLabel}</span>
          {when}
        </header>
        <NoteBody body={item.body} known={known} />
        <NoteFiles files={filesOf(item)} />
        {item.mentions.length > 0 && (
          <p className="tl-mentions">
            {t("timeline.mentioned")} {item.mentions.map((m) => m.name).join(", ")}
          </p>
        )}
      </article>
    </li>
  );
}
