import { createContext, type ReactNode, use, useEffect, useMemo, useRef, useState } from "react";
import {
  isTypingTarget,
  SequenceMatcher,
  SHORTCUTS,
  type ShortcutId,
  shortcutKey,
} from "../lib/shortcuts.ts";

type Handler = () => void;

interface ShortcutRegistry {
  register: (id: ShortcutId, handler: { current: Handler }) => () => void;
}

const ShortcutContext = createContext<ShortcutRegistry | null>(null);

/**
 * One keydown listener for the whole app. Pages register handlers for the shortcuts they
 * support; the most recent registration of an id wins (a page over the layout).
 */
export function ShortcutProvider({ children }: { children: ReactNode }) {
  const handlers = useRef(new Map<ShortcutId, { current: Handler }[]>());
  const [pending, setPending] = useState<string[]>([]);

  useEffect(() => {
    const matcher = new SequenceMatcher(SHORTCUTS);
    let clear: number | undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const key = shortcutKey(event);
      if (key === null) return;
      if (isTypingTarget(document.activeElement as HTMLElement | null)) return;
      // A modal dialog owns the keyboard until it closes.
      if (document.querySelector("dialog[open]")) return;
      const result = matcher.feed(key, event.timeStamp || performance.now());
      window.clearTimeout(clear);
      if (result.kind === "pending") {
        setPending([...matcher.pending]);
        clear = window.setTimeout(() => {
          matcher.reset();
          setPending([]);
        }, 1200);
        return;
      }
      setPending([]);
      if (result.kind !== "match") return;
      const stack = handlers.current.get(result.id as ShortcutId);
      const handler = stack?.at(-1);
      if (!handler) return;
      event.preventDefault();
      handler.current();
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      window.clearTimeout(clear);
    };
  }, []);

  const registry = useMemo<ShortcutRegistry>(
    () => ({
      register: (id, handler) => {
        const stack = handlers.current.get(id) ?? [];
        stack.push(handler);
        handlers.current.set(id, stack);
        return () => {
          const list = handlers.current.get(id) ?? [];
          handlers.current.set(
            id,
            list.filter((h) => h !== handler),
          );
        };
      },
    }),
    [],
  );

  return (
    <ShortcutContext value={registry}>
      {children}
      {pending.length > 0 && (
        <div className="key-pending" aria-hidden="true">
          {pending.map((k) => (
            <kbd key={k}>{k}</kbd>
          ))}
          <span>…</span>
        </div>
      )}
    </ShortcutContext>
  );
}

/** Runs `handler` when the shortcut is typed, while the component is mounted and `enabled`. */
export function useShortcut(id: ShortcutId, handler: Handler, enabled = true): void {
  const registry = use(ShortcutContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!registry || !enabled) return;
    return registry.register(id, ref);
  }, [registry, id, enabled]);
}
