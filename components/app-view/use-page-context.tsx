"use client";

import { useCallback, useMemo, useRef, useState } from "react";
import type { PageContext } from "../runtime/page-runtime";
import { ConfirmDialog } from "../ui/confirm-dialog";

export interface Toast {
  id: number;
  message: string;
  level: "info" | "success" | "warning" | "error";
}

const LEVEL_STYLE: Record<Toast["level"], string> = {
  info: "bg-slate-800 text-white",
  success: "bg-green-700 text-white",
  warning: "bg-amber-500 text-slate-900",
  error: "bg-red-700 text-white",
};

/**
 * The browser side of event handlers: notifications, a confirmation dialog, navigation, the
 * clipboard. Returns a stable context for the runtime and the element that shows toasts and dialogs.
 */
export function usePageContext(navigate: (page: string, query: Record<string, string>) => void) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [asking, setAsking] = useState<{ message: string; resolve: (ok: boolean) => void } | null>(null);
  const nextId = useRef(1);
  const navRef = useRef(navigate);
  navRef.current = navigate;

  const dismiss = useCallback((id: number) => setToasts((ts) => ts.filter((t) => t.id !== id)), []);
  const ctx: PageContext = useMemo(() => ({
    confirm: (message) => new Promise<boolean>((resolve) => setAsking({ message, resolve })),
    notify: ({ message, level }) => {
      const id = nextId.current++;
      setToasts((ts) => [...ts.slice(-4), { id, message, level }]);
      setTimeout(() => dismiss(id), level === "error" ? 8000 : 4000);
    },
    openUrl: (url, newTab) => {
      if (!/^(https?:|mailto:|\/)/i.test(url)) return; // no javascript: or data: URLs from expressions
      if (newTab) window.open(url, "_blank", "noopener");
      else window.location.assign(url);
    },
    navigate: (page, query) => navRef.current(page, query),
    copy: (text) => navigator.clipboard?.writeText(text),
  }), [dismiss]);

  const overlay = (
    <>
      <div className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-80 flex-col gap-2" aria-live="polite">
        {toasts.map((t) => (
          <div key={t.id} role="status" data-testid="notification" data-level={t.level} className={`pointer-events-auto rounded-md px-3 py-2 text-sm shadow-lg ${LEVEL_STYLE[t.level]}`}>
            <div className="flex items-start gap-2">
              <span className="flex-1">{t.message}</span>
              <button type="button" aria-label="Dismiss" className="opacity-70 hover:opacity-100" onClick={() => dismiss(t.id)}>×</button>
            </div>
          </div>
        ))}
      </div>
      {asking ? (
        <ConfirmDialog
          title="Are you sure?"
          message={asking.message}
          confirmLabel="Confirm"
          onConfirm={() => { asking.resolve(true); setAsking(null); }}
          onCancel={() => { asking.resolve(false); setAsking(null); }}
        />
      ) : null}
    </>
  );
  return { ctx, overlay };
}
