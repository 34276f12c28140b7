import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { OTHER_KEYS, SHORTCUTS } from "../lib/shortcuts.ts";
import { Dialog } from "./Dialog.tsx";

const GROUPS = ["shortcuts.groupAnywhere", "shortcuts.groupLists", "shortcuts.groupCasePage"];

function Keys({ keys }: { keys: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {keys.map((k, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed key sequence; position is identity
        <Fragment key={i}>
          {i > 0 && (
            <span className="key-then">{keys[0] === "Ctrl" ? "+" : t("shortcutsDialog.then")}</span>
          )}
          <kbd>{k === "Ctrl" ? t("shortcutsDialog.ctrl") : k}</kbd>
        </Fragment>
      ))}
    </>
  );
}

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={t("shortcutsDialog.keyboardShortcuts")}
      className="shortcuts-dialog"
    >
      <p className="muted">{t("shortcutsDialog.shortcutsWorkWhenTheCursor")}</p>
      <div className="shortcut-groups">
        {GROUPS.map((group) => (
          <section key={group}>
            <h3>{t(group)}</h3>
            <dl className="shortcut-list">
              {[...SHORTCUTS, ...OTHER_KEYS]
                .filter((s) => s.group === group)
                .map((s) => (
                  <div key={s.keys.join(" ")} className="shortcut-row">
                    <dt>
                      <Keys keys={s.keys} />
                    </dt>
                    <dd>{t(s.description)}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
