import { t } from "i18next";
import { createContext, type ReactNode, use, useCallback, useMemo, useRef, useState } from "react";

export type ToastTone = "info" | "success" | "error";

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

interface ToastContextValue {
  notify: (message: string, tone?: ToastTone) => void;
}

const ToastContext = createContext<ToastContextValue | null>(null);

const LIFETIME: Record<ToastTone, number> = { info: 5000, success: 4000, error: 9000 };

/**
 * Short messages after actions. Two live regions, created empty so screen readers watch them
 * from the start: polite for news, assertive for errors.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);

  const notify = useCallback(
    (message: string, tone: ToastTone = "info") => {
      const id = next.current++;
      setToasts((list) => [...list.slice(-3), { id, message, tone }]);
      window.setTimeout(() => dismiss(id), LIFETIME[tone]);
    },
    [dismiss],
  );

  const value = useMemo(() => ({ notify }), [notify]);
  const render = (list: Toast[]) =>
    list.map((toast) => (
      <div key={toast.id} className={`toast toast-${toast.tone}`}>
        <span className="toast-text">{toast.message}</span>
        <button
          type="button"
          className="toast-close"
          onClick={() => dismiss(toast.id)}
          aria-label={t("toasts.dismissMessage")}
        >
          ×
        </button>
      </div>
    ));
  return (
    <ToastContext value={value}>
      {children}
      <div className="toasts">
        <div role="status" aria-live="polite" className="toast-region">
          {render(toasts.filter((t) => t.tone !== "error"))}
        </div>
        <div role="alert" aria-live="assertive" className="toast-region">
          {render(toasts.filter((t) => t.tone === "error"))}
        </div>
      </div>
    </ToastContext>
  );
}

export function useToast(): ToastContextValue {
  const value = use(ToastContext);
  if (!value) throw new Error("useToast outside ToastProvider");
  return value;
}
