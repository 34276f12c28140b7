import { Fragment } from "react";
import { OTHER_KEYS, SHORTCUTS } from "../lib/shortcuts.ts";
import { Dialog } from "./Dialog.tsx";

const GROUPS = ["Anywhere", "Lists", "Case page"] as const;

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <>
      {keys.map((k, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed key sequence; position is identity
        <Fragment key={i}>
          {i > 0 && <span className="key-then">{keys[0] === "Ctrl" ? "+" : "then"}</span>}
          <kbd>{k}</kbd>
        </Fragment>
      ))}
    </>
  );
}

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts" className="shortcuts-dialog">
      <p className="muted">Shortcuts work when the cursor is not in a text field.</p>
      <div className="shortcut-groups">
        {GROUPS.map((group) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl className="shortcut-list">
              {[...SHORTCUTS, ...OTHER_KEYS]
                .filter((s) => s.group === group)
                .map((s) => (
                  <div key={s.keys.join(" ")} className="shortcut-row">
                    <dt>
                      <Keys keys={s.keys} />
                    </dt>
                    <dd>{s.description}</dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
