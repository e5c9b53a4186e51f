"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { api, errorMessage } from "../../ui/api";
import { RunListResponse, RunResponse } from "@/engine/contract/runs";
import { HISTORY_PAGE_SIZE, runUrl, runsUrl, storedRunView, type RunFilters, type RunPerson, type RunSummary, type StoredRunView } from "./stored-run";

export interface RunHistory {
  runs: RunSummary[];
  /** Everyone who ran the function, whatever the filters: the person filter's choices. */
  people: RunPerson[];
  loading: boolean;
  error: string | null;
  /** The last page was full: there may be older runs. */
  hasMore: boolean;
  loadMore: () => void;
}

/** Past runs of a function, newest first, filtered; reloads its first page when `refreshKey` changes. */
export function useRunHistory(fnId: string, filters: RunFilters, refreshKey: unknown): RunHistory {
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [people, setPeople] = useState<RunPerson[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  // Answers to requests made before the latest first-page load are dropped.
  const generation = useRef(0);
  // Another function or other filters: the old rows must not show under the new query.
  const queryKey = `${fnId}\n${filters.status}\n${filters.source}\n${filters.user ?? ""}`;
  const [forQuery, setForQuery] = useState(queryKey);
  if (forQuery !== queryKey) {
    setForQuery(queryKey);
    setRuns([]);
    setHasMore(false);
    setError(null);
  }

  const fetchPage = useCallback(
    async (before: string | undefined, gen: number) => {
      setLoading(true);
      try {
        const answer = await api(RunListResponse, runsUrl(fnId, filters, before));
        if (gen !== generation.current) return;
        const page = answer.runs;
        setPeople(answer.people);
        setRuns((prev) => {
          if (!before) return page;
          const seen = new Set(prev.map((r) => r.id));
          return [...prev, ...page.filter((r) => !seen.has(r.id))];
        });
        setHasMore(page.length >= HISTORY_PAGE_SIZE);
        setError(null);
      } catch (err) {
        if (gen === generation.current) setError(errorMessage(err));
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [fnId, filters],
  );

  useEffect(() => {
    const gen = ++generation.current;
    void fetchPage(undefined, gen);
  }, [fetchPage, refreshKey]);

  const lastId = runs.length > 0 ? runs[runs.length - 1].id : undefined;
  const loadMore = useCallback(() => {
    if (lastId) void fetchPage(lastId, generation.current);
  }, [fetchPage, lastId]);

  return { runs, people, loading, error, hasMore, loadMore };
}

export type RunDetailState = { status: "idle" } | { status: "loading"; runId: string } | { status: "error"; runId: string; message: string } | { status: "ready"; run: StoredRunView };

/** One stored run's detail, fetched when `runId` is set; finished runs do not change, so they are cached. */
export function useRunDetail(fnId: string, runId: string | null): RunDetailState {
  const cache = useRef(new Map<string, StoredRunView>());
  const [state, setState] = useState<RunDetailState>({ status: "idle" });

  useEffect(() => {
    if (runId === null) {
      setState({ status: "idle" });
      return;
    }
    const key = `${fnId}/${runId}`;
    const hit = cache.current.get(key);
    if (hit) {
      setState({ status: "ready", run: hit });
      return;
    }
    let live = true;
    setState({ status: "loading", runId });
    api(RunResponse, runUrl(fnId, runId))
      .then((body) => {
        const run = storedRunView(body.run);
        cache.current.set(key, run);
        if (live) setState({ status: "ready", run });
      })
      .catch((err: unknown) => {
        if (live) setState({ status: "error", runId, message: errorMessage(err) });
      });
    return () => {
      live = false;
    };
  }, [fnId, runId]);

  return state;
}
