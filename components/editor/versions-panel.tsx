"use client";

import { useCallback, useEffect, useState } from "react";
import type { FunctionDefinition } from "@/engine/model";
import { JsonTree } from "@/components/shared/json-tree";
import { api, errorMessage } from "../ui/api";
import { relativeTime } from "../ui/relative-time";
import { FunctionResponse } from "@/engine/contract/functions";
import { VersionListResponse, VersionResponse, type FunctionVersion, type VersionSummary } from "@/engine/contract/versions";

/** Every save is a version: list them, look at one read-only, restore one as a new version. */
export function VersionsPanel({ fnId, currentVersion, dirty, onRestored }: {
  fnId: string;
  currentVersion: number;
  dirty: boolean;
  onRestored: (definition: FunctionDefinition, version: number) => void;
}) {
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [viewing, setViewing] = useState<FunctionVersion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setVersions((await api(VersionListResponse, `/api/functions/${fnId}/versions`)).versions);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [fnId]);
  useEffect(() => void load(), [load, currentVersion]);

  async function view(version: number) {
    setError(null);
    try {
      setViewing((await api(VersionResponse, `/api/functions/${fnId}/versions/${version}`)).version);
    } catch (err) {
      setError(errorMessage(err));
    }
  }
  async function restore(version: number) {
    if (dirty && !window.confirm("You have unsaved changes. Restore anyway and drop them?")) return;
    setError(null);
    try {
      const { function: fn } = await api(FunctionResponse, `/api/functions/${fnId}/versions/${version}/restore`, {
        method: "POST",
        body: { baseVersion: currentVersion },
      });
      const { version: v } = await api(VersionResponse, `/api/functions/${fnId}/versions/${fn.currentVersion}`);
      onRestored(v.definition, fn.currentVersion);
      setViewing(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <div className="grid h-full grid-cols-[20rem_1fr] gap-3 p-3" data-testid="versions-panel">
      <ul className="overflow-y-auto text-sm">
        {versions.map((v) => (
          <li key={v.version} data-version={v.version} className={`flex items-center gap-2 border-b border-slate-100 py-1 ${viewing?.version === v.version ? "bg-indigo-50" : ""}`}>
            <span className="w-10 font-mono">v{v.version}</span>
            <span className="flex-1 truncate text-slate-500">{v.reason}{v.version === currentVersion ? " · current" : ""}</span>
            <span className="text-xs text-slate-400">{relativeTime(v.createdAt, Date.now())}</span>
            <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => view(v.version)}>View</button>
            {v.version !== currentVersion ? (
              <button type="button" className="text-xs text-indigo-700 hover:underline" onClick={() => restore(v.version)} aria-label={`Restore version ${v.version}`}>Restore</button>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="min-w-0 overflow-auto">
        {error ? <p role="alert" className="text-sm text-red-600">{error}</p> : null}
        {viewing ? (
          <div data-testid="version-view">
            <p className="mb-2 text-sm font-medium">Version {viewing.version} (read-only)</p>
            <JsonTree value={viewing.definition} initiallyExpanded={2} />
          </div>
        ) : (
          <p className="text-sm text-slate-500">View a version to see its definition, or restore it as a new version.</p>
        )}
      </div>
    </div>
  );
}
