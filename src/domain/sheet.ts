import { conflict, DomainError, ruleBroken } from "./errors.ts";

// The hand-off sheet's rules (docs/handoff-sheet.md): an entry is open until someone claims it,
// claimed until its holder releases it or someone finishes it, and done for good.

export const SHEET_STATES = ["open", "claimed", "done"] as const;
export type SheetState = (typeof SHEET_STATES)[number];

/** What can be done to an entry; which of these a person may do is src/auth/authorize.ts's. */
export const SHEET_MOVES = ["claim", "release", "done", "edit"] as const;
export type SheetMove = (typeof SHEET_MOVES)[number];

export interface SheetEntryFacts {
  state: SheetState;
  claimedBy: string | null;
  /** The holder's name, for saying who holds it. */
  claimedByName: string | null;
  version: number;
}

export const isSheetState = (value: string): value is SheetState =>
  (SHEET_STATES as readonly string[]).includes(value);

/** The moves an entry's state allows, whoever asks. */
export function movesFrom(state: SheetState): SheetMove[] {
  switch (state) {
    case "open":
      return ["claim", "done", "edit"];
    case "claimed":
      return ["release", "done", "edit"];
    case "done":
      return [];
  }
}

/**
 * Refuses a move the entry's state does not allow (409: it is done, or someone else holds it;
 * claiming an entry another person holds says who).
 */
export function assertMove(entry: SheetEntryFacts, move: SheetMove, actorId: string): void {
  if (entry.state === "done")
    throw new DomainError("conflict", "entry_done", "This hand-off sheet entry is done already");
  if (move === "claim" && entry.state === "claimed") {
    const who = entry.claimedBy === actorId ? "you" : (entry.claimedByName ?? "someone else");
    throw new DomainError(
      "conflict",
      "already_claimed",
      `This hand-off sheet entry is already claimed by ${who}`,
      { details: { claimedBy: { id: entry.claimedBy, name: entry.claimedByName } } },
    );
  }
  if (move === "release" && entry.state !== "claimed")
    throw ruleBroken(
      "not_claimed",
      "Nobody holds this hand-off sheet entry; there is nothing to release",
    );
}

/** A change sent with an older version than the entry's is refused: someone changed it since. */
export function assertVersion(entry: { version: number }, version: number): void {
  if (entry.version !== version)
    throw conflict("This hand-off sheet entry changed meanwhile; reload it and try again", {
      version: entry.version,
    });
}
