// The locale dates, times and numbers are written in: the app's language, in the variant the
// browser prefers for it (en-GB and en-US write dates differently), so "Di., 24. Nov." in German.
import i18next from "i18next";

/** e.g. "de-DE" for a German browser; "en-GB" before the app has a language. */
export function activeLocale(): string {
  const asked = i18next.language;
  const language = i18next.resolvedLanguage ?? asked;
  if (!language) return "en-GB";
  // A regional tag the app was given ("de-AT" from the browser) says how to write dates.
  if (asked?.startsWith(`${language}-`)) return asked;
  const preferred =
    typeof navigator === "undefined"
      ? []
      : (navigator.languages ?? []).filter((tag) => tag.split("-")[0] === language);
  return preferred[0] ?? language;
}
