import type { CurrentUser } from "../contract/current-user";
import type { FunctionEvents, ParamDef } from "../model";
import type { PageTree } from "./schema";

/** A function as a running page needs it: how it runs and what it takes, never its blocks. */
export interface RuntimeFunction {
  id: string;
  name: string;
  definition: { runBehavior: "manual" | "automatic"; runOnPageLoad: boolean; params: ParamDef[]; events: FunctionEvents };
}

/**
 * What the server hands a page to run it: the app, its pages, the page's tree and functions,
 * and who is looking at it.
 */
export interface AppRuntime {
  app: { id: string; name: string };
  pages: Array<{ id: string; name: string }>;
  page: { id: string; name: string; revision: number; tree: PageTree };
  functions: RuntimeFunction[];
  /** The signed-in person, for display (`{{ currentUser.name }}`); null when no one is signed in. */
  currentUser?: CurrentUser | null;
}
