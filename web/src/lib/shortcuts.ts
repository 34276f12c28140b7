// Keyboard shortcuts: one catalogue (what the ? overlay lists) and a matcher for single keys and
// sequences such as "g m". Pure: the caller passes keys and the time.

export type ShortcutId =
  | "help"
  | "goMine"
  | "goQueue"
  | "goAll"
  | "newCase"
  | "search"
  | "next"
  | "previous"
  | "newNote"
  | "editStatus"
  | "backToList"
  | "transfer";

export interface Shortcut {
  id: ShortcutId;
  /** Keys pressed one after another, as KeyboardEvent.key values. */
  keys: string[];
  description: string;
  group: "Anywhere" | "Lists" | "Case page";
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: "help", keys: ["?"], description: "Show keyboard shortcuts", group: "Anywhere" },
  { id: "goMine", keys: ["g", "m"], description: "Go to My cases", group: "Anywhere" },
  { id: "goQueue", keys: ["g", "q"], description: "Go to my queue", group: "Anywhere" },
  { id: "goAll", keys: ["g", "a"], description: "Go to all cases", group: "Anywhere" },
  { id: "newCase", keys: ["c"], description: "Create a case", group: "Anywhere" },
  { id: "search", keys: ["/"], description: "Search cases or jump to a number", group: "Anywhere" },
  { id: "next", keys: ["j"], description: "Next case", group: "Lists" },
  { id: "previous", keys: ["k"], description: "Previous case", group: "Lists" },
  { id: "newNote", keys: ["n"], description: "Write a note", group: "Case page" },
  { id: "editStatus", keys: ["e"], description: "Change status and fields", group: "Case page" },
  { id: "backToList", keys: ["u"], description: "Back to the list", group: "Case page" },
  { id: "transfer", keys: ["t"], description: "Transfer this case", group: "Case page" },
];

/** Keys handled by the browser or by a focused control, listed in the overlay for reference. */
export const OTHER_KEYS: readonly { keys: string[]; description: string; group: string }[] = [
  { keys: ["Enter"], description: "Open the selected case", group: "Lists" },
  { keys: ["Ctrl", "Enter"], description: "Add the note being written", group: "Case page" },
  { keys: ["Esc"], description: "Close a dialog or menu, leave a field", group: "Anywhere" },
];

export interface Binding {
  id: string;
  keys: readonly string[];
}

export type MatchResult = { kind: "match"; id: string } | { kind: "pending" } | { kind: "none" };

/** Matches key presses against bindings; a sequence must be typed within `timeoutMs`. */
export class SequenceMatcher {
  private buffer: string[] = [];
  private lastAt = Number.NEGATIVE_INFINITY;

  private readonly bindings: readonly Binding[];
  private readonly timeoutMs: number;

  constructor(bindings: readonly Binding[], timeoutMs = 1200) {
    this.bindings = bindings;
    this.timeoutMs = timeoutMs;
  }

  feed(key: string, now: number): MatchResult {
    if (now - this.lastAt > this.timeoutMs) this.buffer = [];
    this.lastAt = now;
    const hadSequence = this.buffer.length > 0;
    const result = this.try([...this.buffer, key]);
    if (result.kind !== "none" || !hadSequence) return result;
    // "g x" is not a shortcut, but "x" alone may be.
    return this.try([key]);
  }

  reset(): void {
    this.buffer = [];
  }

  get pending(): readonly string[] {
    return this.buffer;
  }

  private try(keys: string[]): MatchResult {
    const same = (b: Binding, n: number) => keys.slice(0, n).every((k, i) => b.keys[i] === k);
    const exact = this.bindings.find((b) => b.keys.length === keys.length && same(b, keys.length));
    if (exact) {
      this.buffer = [];
      return { kind: "match", id: exact.id };
    }
    if (this.bindings.some((b) => b.keys.length > keys.length && same(b, keys.length))) {
      this.buffer = keys;
      return { kind: "pending" };
    }
    this.buffer = [];
    return { kind: "none" };
  }
}

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  isComposing?: boolean;
}

/** The key a shortcut sees, or null when modifiers make it someone else's (browser, OS). */
export function shortcutKey(e: KeyLike): string | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  if (e.key === "Shift" || e.key === "Dead" || e.key === "Unidentified") return null;
  return e.key;
}

export interface TargetLike {
  tagName: string;
  isContentEditable?: boolean;
  type?: string;
}

const NON_TEXT_INPUTS = new Set([
  "checkbox",
  "radio",
  "button",
  "submit",
  "reset",
  "range",
  "color",
]);

/** Whether key presses belong to the focused element (typing), not to shortcuts. */
export function isTypingTarget(target: TargetLike | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName.toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !NON_TEXT_INPUTS.has((target.type ?? "text").toLowerCase());
  return false;
}

/** "g m" → ["g", "m"] for display. */
export function describeKeys(keys: readonly string[]): string {
  return keys.join(" then ");
}
