import { notFound } from "next/navigation";
import { AppView } from "@/components/app-view/app-view";
import { getDb } from "@/server/db/client";
import { pageAppAccess } from "@/server/http/page-access";
import { appRuntime } from "@/server/services/app-runtime";
import { ServiceError } from "@/server/services/errors";

export const dynamic = "force-dynamic";

/** The app's user view: `/apps/<id>?page=<name>&…` (other query parameters are the page's `url.query`). */
export default async function AppUserView({ params, searchParams }: {
  params: Promise<{ appId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { appId } = await params;
  const { caller } = await pageAppAccess(appId, `/apps/${appId}`);
  const sp = await searchParams;
  const pageName = typeof sp.page === "string" ? sp.page : undefined;
  const urlQuery: Record<string, string> = {};
  for (const [k, v] of Object.entries(sp)) if (k !== "page" && typeof v === "string") urlQuery[k] = v;
  try {
    const runtime = await appRuntime(getDb(), appId, pageName, caller.user);
    return <AppView runtime={runtime} urlQuery={urlQuery} />;
  } catch (err) {
    if (err instanceof ServiceError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
