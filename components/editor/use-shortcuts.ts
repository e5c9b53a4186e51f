"use client";

import { useEffect, useRef } from "react";

export interface Shortcuts {
  save(): void;
  test(): void;
  undo(): void;
  redo(): void;
  copy(): boolean;
  paste(): boolean;
}

/** True when keys belong to a text field or a code editor (they have their own undo and clipboard). */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest("input, textarea, select, .cm-editor") !== null;
}

/**
 * Ctrl/Cmd+S saves and Ctrl/Cmd+Enter tests from anywhere in the editor; undo, redo, copy and
 * paste of blocks apply when the focus is not in a text field.
 */
export function useShortcuts(handlers: Shortcuts): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const key = e.key.toLowerCase();
      const h = ref.current;
      if (key === "s") {
        e.preventDefault();
        h.save();
      } else if (key === "enter") {
        e.preventDefault();
        h.test();
      } else if (!inTextField(e.target)) {
        if (key === "z" && !e.shiftKey) {
          e.preventDefault();
          h.undo();
        } else if ((key === "z" && e.shiftKey) || key === "y") {
          e.preventDefault();
          h.redo();
        }
        else if (key === "c" && h.copy()) e.preventDefault();
        else if (key === "v" && h.paste()) e.preventDefault();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** Asks before leaving with unsaved changes: reloads, closing the tab and in-app links. */
export function useLeaveGuard(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    const onClick = (e: MouseEvent) => {
      const a = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (!a || a.getAttribute("target") === "_blank") return;
      if (!window.confirm("You have unsaved changes. Leave without saving?")) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty]);
}
