// A handover meeting's name in the reader's language. A policy may name its meetings (kept as
// written); without a name Baton calls one "Handover APAC → IST, EMEA" (pairTitle in
// src/domain/schedule/meetings.ts), which reaches the page as that English text only, also from
// analytics rows stored before this page worded it, so the page recognises that exact form, its
// region codes, and says it in its own words.
import { t } from "i18next";

const BATONS_TITLE = /^Handover (\S+) → (\S+(?:, \S+)*)$/;

/** "Übergabe APAC → IST, EMEA" for Baton's own name; a policy's name as written. */
export function meetingTitle(title: string): string {
  const m = BATONS_TITLE.exec(title);
  return m ? t("meetingTitle.handover", { from: m[1], to: m[2] }) : title;
}
