import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type RefObject, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { endpoints } from "../api/endpoints.ts";
import { errorMessage, fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { Agent } from "../api/types.ts";
import { fileSize } from "../lib/format.ts";
import { MentionTextarea } from "./MentionTextarea.tsx";
import { useToast } from "./Toasts.tsx";

/** A file on its way onto the note: uploading, uploaded (with its id) or refused. */
interface PendingFile {
  key: string;
  name: string;
  size: number;
  progress: number;
  state: "uploading" | "done" | "failed";
  id?: string;
  /** The server's preview of an uploaded raster image (never a local blob: the page's CSP). */
  previewUrl?: string | null;
  error?: string;
  abort: AbortController;
}

let fileCounter = 0;

/**
 * Files for the note: each is uploaded to the case as soon as it is picked, dropped or pasted,
 * so the note only names them (attachmentIds) when it is sent.
 */
function useNoteFiles(caseNumber: number) {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const change = (key: string, patch: Partial<PendingFile>) =>
    setFiles((all) => all.map((f) => (f.key === key ? { ...f, ...patch } : f)));
  const add = (picked: readonly File[]) => {
    for (const file of picked) {
      fileCounter += 1;
      const key = `f${fileCounter}`;
      const abort = new AbortController();
      setFiles((all) => [
        ...all,
        {
          key,
          name: file.name || "pasted image",
          size: file.size,
          progress: 0,
          state: "uploading",
          abort,
        },
      ]);
      endpoints
        .uploadAttachment(caseNumber, file, (progress) => change(key, { progress }), abort.signal)
        .then((made) =>
          change(key, {
            state: "done",
            progress: 1,
            id: made.id,
            name: made.filename,
            previewUrl: made.previewUrl,
          }),
        )
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === "AbortError") return;
          change(key, { state: "failed", error: errorMessage(error) });
        });
    }
  };
  const remove = (key: string) =>
    setFiles((all) => {
      all.find((f) => f.key === key)?.abort.abort();
      return all.filter((f) => f.key !== key);
    });
  return { files, add, remove, clear: () => setFiles([]) };
}

type Visibility = "public" | "private";

const draftKey = (n: number) => `baton.note-draft.${n}`;

function readDraft(n: number): string {
  try {
    return sessionStorage.getItem(draftKey(n)) ?? "";
  } catch {
    return "";
  }
}

function writeDraft(n: number, text: string): void {
  try {
    if (text) sessionStorage.setItem(draftKey(n), text);
    else sessionStorage.removeItem(draftKey(n));
  } catch {}
}

/**
 * The workspace's and the person's canned replies, filled in for this case by the server; picking
 * one adds its text to the note (after what is already written) for the agent to adapt.
 */
function CannedReplyPicker({
  caseNumber,
  onPick,
}: {
  caseNumber: number;
  onPick: (text: string) => void;
}) {
  const { t } = useTranslation();
  const replies = useQuery({
    queryKey: queryKeys.cannedRepliesFor(caseNumber),
    queryFn: () => endpoints.cannedRepliesFor(caseNumber),
    staleTime: 60_000,
  });
  const items = replies.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <label className="canned-picker">
      <span className="visually-hidden">{t("noteComposer.cannedReply")}</span>
      <select
        value=""
        onChange={(e) => {
          const picked = items.find((r) => r.id === e.currentTarget.value);
          if (picked) onPick(picked.body);
        }}
      >
        <option value="">{t("noteComposer.insertACannedReply")}</option>
        {items.map((r) => (
          <option key={r.id} value={r.id}>
            {r.scope === "personal" ? t("noteComposer.mineTitle", { title: r.title }) : r.title}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Adds a public or private note. Private is the default; public is marked loudly. */
export function NoteComposer({
  caseNumber,
  agents,
  textareaRef,
}: {
  caseNumber: number;
  agents: Agent[];
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState(() => readDraft(caseNumber));
  const [visibility, setVisibility] = useState<Visibility>("private");
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const notes = useNoteFiles(caseNumber);
  const picker = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const uploading = notes.files.some((f) => f.state === "uploading");
  const ready = notes.files.flatMap((f) => (f.state === "done" && f.id ? [f.id] : []));

  useEffect(() => writeDraft(caseNumber, body), [caseNumber, body]);

  const mutation = useMutation({
    mutationFn: () =>
      endpoints.addNote(caseNumber, {
        body,
        visibility,
        ...(ready.length ? { attachmentIds: ready } : {}),
      }),
    onSuccess: () => {
      setBody("");
      notes.clear();
      notify(
        visibility === "public"
          ? t("noteComposer.publicNoteAdded")
          : t("noteComposer.privateNoteAdded"),
        "success",
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(caseNumber) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.caseFiles(caseNumber) });
    },
  });

  const errors = fieldErrorMap(mutation.error);
  const bodyError = errors.body ?? errors.mentions;
  const otherError = mutation.error && !bodyError ? mutation.error.message : null;
  const submit = () => {
    if (!body.trim() || mutation.isPending || uploading) return;
    mutation.mutate();
  };

  return (
    <form
      className={`composer composer-${visibility} ${dragging ? "is-dragging" : ""}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      // A screenshot pasted into the note becomes one of its files; pasted text stays text.
      onPaste={(e) => {
        const pasted = [...e.clipboardData.files];
        if (pasted.length === 0) return;
        e.preventDefault();
        notes.add(pasted);
      }}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (e.dataTransfer.files.length === 0) return;
        e.preventDefault();
        setDragging(false);
        notes.add([...e.dataTransfer.files]);
      }}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} className="section-title">
        {t("noteComposer.addANote")}
      </h2>
      <fieldset className="visibility-choice">
        <legend>{t("noteComposer.whoCanSeeIt")}</legend>
        <label className={`vis-option vis-private ${visibility === "private" ? "is-checked" : ""}`}>
          <input
            type="radio"
            name={`${id}-vis`}
            value="private"
            checked={visibility === "private"}
            onChange={() => setVisibility("private")}
          />
          <span>
            <strong>{t("noteComposer.private")}</strong> {t("noteComposer.agentsOnly")}
          </span>
        </label>
        <label className={`vis-option vis-public ${visibility === "public" ? "is-checked" : ""}`}>
          <input
            type="radio"
            name={`${id}-vis`}
            value="public"
            checked={visibility === "public"}
            onChange={() => setVisibility("public")}
          />
          <span>
            <strong>{t("noteComposer.public")}</strong> {t("noteComposer.theCustomerSeesIt")}
          </span>
        </label>
      </fieldset>
      <p className={`composer-banner composer-banner-${visibility}`} id={`${id}-banner`}>
        {visibility === "public"
          ? t("noteComposer.publicNoteTheCustomerWill")
          : t("noteComposer.privateNoteOnlyAgentsSee")}
      </p>
      <label htmlFor={`${id}-body`} className="visually-hidden">
        {t("noteComposer.noteText")}
      </label>
      <MentionTextarea
        id={`${id}-body`}
        textareaRef={textareaRef}
        value={body}
        onChange={setBody}
        agents={agents}
        onSubmit={submit}
        describedBy={[`${id}-banner`, bodyError ? `${id}-err` : ""].filter(Boolean).join(" ")}
        invalid={Boolean(bodyError)}
        placeholder={t("noteComposer.writeANoteTypeTo")}
      />
      {bodyError && (
        <p className="field-error" id={`${id}-err`}>
          {bodyError}
        </p>
      )}
      {otherError && (
        <p className="field-error" role="alert">
          {otherError}
        </p>
      )}
      {notes.files.length > 0 && (
        <ul className="file-chips" aria-label={t("noteComposer.filesForThisNote")}>
          {notes.files.map((f) => (
            <li key={f.key} className={`file-chip file-chip-${f.state}`}>
              {f.previewUrl ? (
                <img src={f.previewUrl} alt="" className="file-chip-thumb" />
              ) : (
                <span className="file-chip-thumb file-chip-icon" aria-hidden="true">
                  {f.state === "failed" ? "!" : "📄"}
                </span>
              )}
              <span className="file-chip-text">
                <span className="file-chip-name">{f.name}</span>{" "}
                <span className="muted small">{fileSize(f.size)}</span>
                {f.state === "uploading" && (
                  <progress
                    className="file-chip-progress"
                    max={1}
                    value={f.progress}
                    aria-label={t("noteComposer.uploadingName", { name: f.name })}
                  />
                )}
                {f.error && (
                  <span className="field-error small" role="alert">
                    {f.error}
                  </span>
                )}
              </span>
              <button
                type="button"
                className="btn btn-small file-chip-remove"
                aria-label={t("noteComposer.removeName", { name: f.name })}
                onClick={() => notes.remove(f.key)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={picker}
        type="file"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          notes.add([...(e.currentTarget.files ?? [])]);
          e.currentTarget.value = "";
        }}
      />
      <div className="composer-actions">
        <button type="button" className="btn" onClick={() => picker.current?.click()}>
          {t("noteComposer.attachFiles")}
        </button>
        <CannedReplyPicker
          caseNumber={caseNumber}
          onPick={(text) => {
            setBody((was) => (was.trim() ? `${was.trimEnd()}\n\n${text}` : text));
            textareaRef.current?.focus();
          }}
        />
        <span className="muted small composer-hint">
          <kbd>{t("noteComposer.ctrl")}</kbd>+<kbd>{t("noteComposer.enter")}</kbd>{" "}
          {t("noteComposer.toAddDropOrPaste")}
        </span>
        <button
          type="submit"
          className={`btn ${visibility === "public" ? "btn-public" : "btn-primary"}`}
          disabled={mutation.isPending || uploading || !body.trim()}
        >
          {mutation.isPending
            ? t("noteComposer.adding")
            : uploading
              ? t("noteComposer.uploading")
              : visibility === "public"
                ? t("noteComposer.addPublicNote")
                : t("noteComposer.addPrivateNote")}
        </button>
      </div>
    </form>
  );
}
