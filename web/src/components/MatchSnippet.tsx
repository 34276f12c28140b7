import { useTranslation } from "react-i18next";
import type { SearchMatch } from "../api/types.ts";

// Locale keys per field the server says a case matched in.
const FIELD_LABEL: Record<SearchMatch["field"], string> = {
  subject: "matchSnippet.subject",
  customer: "matchSnippet.customer",
  contact: "matchSnippet.contact",
  description: "matchSnippet.description",
  note: "matchSnippet.note",
};

/** Where a case matched the search, its matching words marked; the text is never read as HTML. */
export function MatchSnippet({ match }: { match: SearchMatch }) {
  const { t } = useTranslation();
  return (
    <span className="match-snippet">
      <span className="match-field">{t(FIELD_LABEL[match.field])}</span>{" "}
      {match.segments.map((s, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: the pieces never move
        s.mark ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>,
      )}
    </span>
  );
}
