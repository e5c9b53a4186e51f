import type { PageComponent } from "@/engine/pages/schema";
import type { AppState } from "./app-state";
import { readsOf } from "./reads-of";

/**
 * True while a function one of the component's props reads is running (a table showing
 * `{{ getCustomers.data }}` while getCustomers fetches), for the widget's `loading`.
 */
export function componentLoading(component: Pick<PageComponent, "props">, state: AppState): boolean {
  for (const prop of Object.values(component.props)) {
    if (typeof prop !== "string") continue;
    for (const name of readsOf(prop)) if (state.functions[name]?.isFetching) return true;
  }
  return false;
}
