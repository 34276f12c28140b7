// Language and look, remembered in this browser. Both apply at once: the language through
// i18next (every `t` re-renders), the theme through the root's `data-theme`.
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { LANGUAGE_STORAGE_KEY, LANGUAGES, languageName } from "../../i18n/i18n.ts";
import { setTheme, storedTheme, THEMES, type Theme } from "../../theme/theme.ts";

export function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const change = (code: string) => {
    try {
      localStorage.setItem(LANGUAGE_STORAGE_KEY, code);
    } catch {
      // Without storage the choice lasts for this page only.
    }
    void i18n.changeLanguage(code);
  };
  return (
    <div className="field preference">
      <label htmlFor={id}>{t("preferences.language")}</label>
      <select id={id} value={i18n.resolvedLanguage} onChange={(e) => change(e.target.value)}>
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageName(code)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ThemeSelect() {
  const { t } = useTranslation();
  const id = useId();
  const [theme, setChosen] = useState<Theme>(storedTheme);
  const labels: Record<Theme, string> = {
    system: t("preferences.themeSystem"),
    light: t("preferences.themeLight"),
    dark: t("preferences.themeDark"),
  };
  return (
    <div className="field preference">
      <label htmlFor={id}>{t("preferences.theme")}</label>
      <select
        id={id}
        value={theme}
        onChange={(e) => {
          const next = THEMES.find((v) => v === e.target.value) ?? "system";
          setChosen(next);
          setTheme(next);
        }}
      >
        {THEMES.map((v) => (
          <option key={v} value={v}>
            {labels[v]}
          </option>
        ))}
      </select>
    </div>
  );
}
