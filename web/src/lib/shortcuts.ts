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
  /** Message keys, for the overlay. */
  description: string;
  group: "shortcuts.groupAnywhere" | "shortcuts.groupLists" | "shortcuts.groupCasePage";
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: "help", keys: ["?"], description: "shortcuts.help", group: "shortcuts.groupAnywhere" },
  {
    id: "goMine",
    keys: ["g", "m"],
    description: "shortcuts.goMine",
    group: "shortcuts.groupAnywhere",
  },
  {
    id: "goQueue",
    keys: ["g", "q"],
    description: "shortcuts.goQueue",
    group: "shortcuts.groupAnywhere",
  },
  {
    id: "goAll",
    keys: ["g", "a"],
    description: "shortcuts.goAll",
    group: "shortcuts.groupAnywhere",
  },
  {
    id: "newCase",
    keys: ["c"],
    description: "shortcuts.newCase",
    group: "shortcuts.groupAnywhere",
  },
  { id: "search", keys: ["/"], description: "shortcuts.search", group: "shortcuts.groupAnywhere" },
  { id: "next", keys: ["j"], description: "shortcuts.next", group: "shortcuts.groupLists" },
  { id: "previous", keys: ["k"], description: "shortcuts.previous", group: "shortcuts.groupLists" },
  {
    id: "newNote",
    keys: ["n"],
    description: "shortcuts.newNote",
    group: "shortcuts.groupCasePage",
  },
  {
    id: "editStatus",
    keys: ["e"],
    description: "shortcuts.editStatus",
    group: "shortcuts.groupCasePage",
  },
  {
    id: "backToList",
    keys: ["u"],
    description: "shortcuts.backToList",
    group: "shortcuts.groupCasePage",
  },
  {
    id: "transfer",
    keys: ["t"],
    description: "shortcuts.transfer",
    group: "shortcuts.groupCasePage",
  },
];

/** Keys handled by the browser or by a focused control, listed in the overlay for reference. */
export const OTHER_KEYS: readonly { keys: string[]; description: string; group: string }[] = [
  { keys: ["Enter"], description: "shortcuts.openSelected", group: "shortcuts.groupLists" },
  { keys: ["Ctrl", "Enter"], description: "shortcuts.addNote", group: "shortcuts.groupCasePage" },
  { keys: ["Esc"], description: "shortcuts.close", group: "shortcuts.groupAnywhere" },
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
