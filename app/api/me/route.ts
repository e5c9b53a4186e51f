import { Me } from "@/engine/contract/people";
import { route } from "@/server/http/route";

export const dynamic = "force-dynamic";

/** The signed-in person: what pages show and what functions see as `currentUser`. */
export const GET = route({ response: Me, access: "signedIn" }, async ({ caller }) => {
  if (!caller) throw new Error("signedIn routes always have a caller");
  return caller.user;
});
