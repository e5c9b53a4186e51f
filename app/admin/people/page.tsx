import { Refused } from "@/components/auth/refused";
import { PeoplePage } from "@/components/people/people-page";
import { getDb } from "@/server/db/client";
import { pageCaller } from "@/server/http/page-access";
import { listGroups } from "@/server/services/groups";
import { listInvitations } from "@/server/services/invitations";
import { mailSetting } from "@/server/services/lathe-mail";
import { listPeople } from "@/server/services/people";

export const dynamic = "force-dynamic";

export default async function People() {
  const caller = await pageCaller("/admin/people");
  if (caller.user.role !== "admin") {
    return <Refused title="Only admins manage people" reason="Ask an admin to invite someone or change a role." href="/" linkText="Back to apps" />;
  }
  const db = getDb();
  const [people, groups, invitations, mail] = await Promise.all([listPeople(db), listGroups(db), listInvitations(db), mailSetting(db)]);
  return <PeoplePage meId={caller.user.id} people={people} groups={groups} invitations={invitations} mail={mail} />;
}
