import { CurrentUser } from "@/engine/contract/current-user";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** The signed-in person: what pages show and what functions see as `currentUser`. */
export const GET = route({ response: CurrentUser, access: "signedIn" }, async ({ caller }) => {
  if (!caller) throw new Error("signedIn routes always have a caller");
  return caller.user;
});
