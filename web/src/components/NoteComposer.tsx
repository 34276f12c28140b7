import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type RefObject, useEffect, useId, useState } from "react";
import { endpoints } from "../api/endpoints.ts";
import { fieldErrorMap } from "../api/errors.ts";
import { queryKeys } from "../api/queryKeys.ts";
import type { Agent } from "../api/types.ts";
import { MentionTextarea } from "./MentionTextarea.tsx";
import { useToast } from "./Toasts.tsx";

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
  const id = useId();
  const [body, setBody] = useState(() => readDraft(caseNumber));
  const [visibility, setVisibility] = useState<Visibility>("private");
  const queryClient = useQueryClient();
  const { notify } = useToast();

  useEffect(() => writeDraft(caseNumber, body), [caseNumber, body]);

  const mutation = useMutation({
    mutationFn: () => endpoints.addNote(caseNumber, { body, visibility }),
    onSuccess: () => {
      setBody("");
      notify(visibility === "public" ? "Public note added" : "Private note added", "success");
      void queryClient.invalidateQueries({ queryKey: queryKeys.timeline(caseNumber) });
    },
  });

  const errors = fieldErrorMap(mutation.error);
  const bodyError = errors.body ?? errors.mentions;
  const otherError = mutation.error && !bodyError ? mutation.error.message : null;
  const submit = () => {
    if (!body.trim() || mutation.isPending) return;
    mutation.mutate();
  };

  return (
    <form
      className={`composer composer-${visibility}`}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} className="section-title">
        Add a note
      </h2>
      <fieldset className="visibility-choice">
        <legend>Who can see it</legend>
        <label className={`vis-option vis-private ${visibility === "private" ? "is-checked" : ""}`}>
          <input
            type="radio"
            name={`${id}-vis`}
            value="private"
            checked={visibility === "private"}
            onChange={() => setVisibility("private")}
          />
          <span>
            <strong>Private</strong> · agents only
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
            <strong>Public</strong> · the customer sees it
          </span>
        </label>
      </fieldset>
      <p className={`composer-banner composer-banner-${visibility}`} id={`${id}-banner`}>
        {visibility === "public"
          ? "Public note: the customer will see this text."
          : "Private note: only agents see this."}
      </p>
      <label htmlFor={`${id}-body`} className="visually-hidden">
        Note text
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
        placeholder="Write a note. Type @ to mention someone."
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
      <div className="composer-actions">
        <span className="muted small">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to add
        </span>
        <button
          type="submit"
          className={`btn ${visibility === "public" ? "btn-public" : "btn-primary"}`}
          disabled={mutation.isPending || !body.trim()}
        >
          {mutation.isPending
            ? "Adding…"
            : visibility === "public"
              ? "Add public note"
              : "Add private note"}
        </button>
      </div>
    </form>
  );
}
