import type { FunctionDefinition } from "@/engine/model";

export interface FunctionItem {
  id: string;
  name: string;
  pageId: string | null;
  runBehavior: string;
  currentVersion: number;
  updatedAt: string;
}

export interface PageItem {
  id: string;
  name: string;
}

export interface VersionItem {
  version: number;
  name: string;
  reason: string;
  createdAt: string;
}

export interface SelectedFunction extends FunctionItem {
  definition: FunctionDefinition;
}
