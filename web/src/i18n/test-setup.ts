// Unit tests read the app's English, dates written as in en-GB (as the tests expect).
import i18next from "i18next";
import en from "../locales/en.json" with { type: "json" };

await i18next.init({
  lng: "en-GB",
  fallbackLng: "en",
  resources: { en: { translation: en } },
  initAsync: false,
});
