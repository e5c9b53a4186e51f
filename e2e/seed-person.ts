import { expect, type APIRequestContext } from "@playwright/test";
import type { Role } from "@/engine/contract/people";

/**
 * Creates a person besides the admin the way an installation does, over HTTP: the admin's request
 * context invites them, and the link's token is accepted with their name and password. For specs
 * about what comes after (sharing, running); people.spec and team-journey.spec go through the pages.
 */
export async function seedPerson(admin: APIRequestContext, person: { email: string; password: string; name: string; role: Role }): Promise<void> {
  const invited = await admin.post("/api/invitations", { data: { email: person.email, role: person.role } });
  expect(invited.status(), await invited.text()).toBe(200);
  const token = new URL((await invited.json()).link as string).pathname.split("/").pop();
  const accepted = await admin.post("/api/invitations/accept", { data: { token, name: person.name, password: person.password } });
  expect(accepted.status(), await accepted.text()).toBe(200);
}
