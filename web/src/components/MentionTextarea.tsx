import {
  type KeyboardEvent,
  type RefObject,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import type { Agent } from "../api/types.ts";
import { filterAgents, insertMention, type MentionToken, mentionAt } from "../lib/mentions.ts";

interface Props {
  id: string;
  value: string;
  onChange: (value: string) => void;
  agents: Agent[];
  /** Ctrl/Cmd+Enter. */
  onSubmit: () => void;
  describedBy?: string;
  invalid?: boolean;
  disabled?: boolean;
  placeholder?: string;
  rows?: number;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}

const AVAILABILITY: Record<Agent["availability"]["status"], string> = {
  available: "",
  off_queue: "off queue",
  on_leave: "on leave",
};

/**
 * A textarea with @mention completion, following the ARIA combobox pattern: typing "@" and
 * letters opens a listbox of agents; arrow keys move, Enter or Tab picks, Esc closes.
 */
export function MentionTextarea({
  id,
  value,
  onChange,
  agents,
  onSubmit,
  describedBy,
  invalid,
  disabled,
  placeholder,
  rows = 5,
  textareaRef,
}: Props) {
  const { t } = useTranslation();
  const ownRef = useRef<HTMLTextAreaElement>(null);
  const ref = textareaRef ?? ownRef;
  const listId = useId();
  const hintId = useId();
  const [token, setToken] = useState<MentionToken | null>(null);
  const [active, setActive] = useState(0);
  /** The "@" position whose list the person closed with Esc. */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const caretAfterRender = useRef<number | null>(null);

  const options = useMemo(
    () => (token ? filterAgents(agents, token.query, 8) : []),
    [agents, token],
  );
  const open = token !== null && options.length > 0 && dismissedAt !== token.start;
  const activeIndex = Math.min(active, Math.max(0, options.length - 1));

  useLayoutEffect(() => {
    const caret = caretAfterRender.current;
    const el = ref.current;
    if (caret === null || !el) return;
    caretAfterRender.current = null;
    el.setSelectionRange(caret, caret);
  });

  const track = (el: HTMLTextAreaElement) => {
    const caret = el.selectionStart === el.selectionEnd ? el.selectionStart : -1;
    const next = caret >= 0 ? mentionAt(el.value, caret) : null;
    if (next?.start !== token?.start || next?.query !== token?.query) setActive(0);
    setToken(next);
    if (!next) setDismissedAt(null);
  };

  const choose = (agent: Agent) => {
    if (!token) return;
    const result = insertMention(value, token, agent.handle);
    caretAfterRender.current = result.caret;
    onChange(result.text);
    setToken(null);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key === "Enter") {
      e.preventDefault();
      onSubmit();
      return;
    }
    if (!open) return;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        setActive((activeIndex + 1) % options.length);
        break;
      case "ArrowUp":
        e.preventDefault();
        setActive((activeIndex - 1 + options.length) % options.length);
        break;
      case "Enter":
      case "Tab": {
        const agent = options[activeIndex];
        if (agent) {
          e.preventDefault();
          choose(agent);
        }
        break;
      }
      case "Escape":
        e.preventDefault();
        e.stopPropagation();
        setDismissedAt(token?.start ?? null);
        break;
    }
  };

  const optionId = (i: number) => `${listId}-opt-${i}`;

  return (
    <div className="mention-box">
      <textarea
        ref={ref}
        id={id}
        value={value}
        rows={rows}
        disabled={disabled}
        placeholder={placeholder}
        // A textarea may not take the combobox role (axe: aria-allowed-role); as a textbox it
        // still says that it suggests from a list, which list, and which suggestion is active.
        aria-autocomplete="list"
        aria-controls={listId}
        aria-activedescendant={open ? optionId(activeIndex) : undefined}
        aria-describedby={[describedBy, hintId].filter(Boolean).join(" ")}
        aria-invalid={invalid || undefined}
        onChange={(e) => {
          onChange(e.target.value);
          track(e.target);
        }}
        onSelect={(e) => track(e.currentTarget)}
        onKeyDown={onKeyDown}
        onBlur={() => setToken(null)}
      />
      <span id={hintId} className="visually-hidden">
        {t("mentionTextarea.typeAndANameTo")}
      </span>
      <div
        id={listId}
        role="listbox"
        aria-label={t("mentionTextarea.agentsToMention")}
        className="mention-list"
        hidden={!open}
      >
        {open &&
          options.map((agent, i) => (
            <div
              key={agent.id}
              tabIndex={-1}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              className={`mention-option ${i === activeIndex ? "is-active" : ""}`}
              onMouseDown={(e) => {
                // Keep focus in the textarea.
                e.preventDefault();
                choose(agent);
              }}
              onMouseMove={() => setActive(i)}
            >
              <span className="mention-name">{agent.name}</span>
              <span className="mention-handle">@{agent.handle}</span>
              {AVAILABILITY[agent.availability.status] && (
                <span className="mention-away">{AVAILABILITY[agent.availability.status]}</span>
              )}
            </div>
          ))}
      </div>
      <div className="visually-hidden" aria-live="polite">
        {open ? t("mentionTextarea.agentsFound", { count: options.length }) : ""}
      </div>
    </div>
  );
}
