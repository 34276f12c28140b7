// The app's words, in the person's language (docs/decisions/0014-i18n.md). The languages are the
// files in web/src/locales, found at build time: adding `fr.json` adds French. Only the chosen
// language's file is downloaded, in a chunk of its own.
import i18next from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import resourcesToBackend from "i18next-resources-to-backend";
import { initReactI18next } from "react-i18next";

type Messages = Record<string, unknown>;

const files = import.meta.glob<Messages>("../locales/*.json", { import: "default" });

export const FALLBACK_LANGUAGE = "en";
/** Where the person's choice is remembered; the browser's languages decide until they choose. */
export const LANGUAGE_STORAGE_KEY = "baton:language";

export const LANGUAGES: readonly string[] = Object.keys(files)
  .map((path) => /([^/]+)\.json$/.exec(path)?.[1] ?? path)
  .sort();

/** A language's own name for itself: "Deutsch", "English". */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function startI18n(): Promise<unknown> {
  i18next.on("languageChanged", (lng) => {
    document.documentElement.lang = lng;
  });
  return i18next
    .use(LanguageDetector)
    .use(resourcesToBackend((lng: string) => files[`../locales/${lng}.json`]?.() ?? {}))
    .use(initReactI18next)
    .init({
      supportedLngs: LANGUAGES,
      nonExplicitSupportedLngs: true,
      load: "languageOnly",
      fallbackLng: FALLBACK_LANGUAGE,
      // React escapes what it renders; escaping here too would show "&amp;" for "&".
      interpolation: { escapeValue: false },
      returnNull: false,
      detection: {
        order: ["localStorage", "navigator"],
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        caches: [],
      },
    });
}
