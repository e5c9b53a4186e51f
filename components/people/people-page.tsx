"use client";

import Link from "next/link";
import type { GroupView, InvitationView, MailSetting, PersonView } from "@/engine/contract/admin";
import { GroupsSection } from "./groups-section";
import { InvitationsSection } from "./invitations-section";
import { MailSettingForm } from "./mail-setting-form";
import { PeopleSection } from "./people-section";

/** The admin's People page: people and their roles, groups, invitations, Lathe's own mail. */
export function PeoplePage({ meId, people, groups, invitations, mail }: {
  meId: string;
  people: PersonView[];
  groups: GroupView[];
  invitations: InvitationView[];
  mail: MailSetting;
}) {
  return (
    <div className="min-h-screen">
      <header className="flex h-12 items-center gap-3 border-b border-slate-200 bg-white px-4">
        <Link href="/" className="text-sm text-slate-500 hover:text-slate-900">← Apps</Link>
        <span className="text-slate-300">/</span>
        <h1 className="font-semibold">People</h1>
      </header>
      <main className="mx-auto flex max-w-5xl flex-col gap-10 px-6 py-8">
        <PeopleSection meId={meId} people={people} />
        <InvitationsSection invitations={invitations} mailOn={mail.resourceId !== null} />
        <GroupsSection groups={groups} people={people} />
        <MailSettingForm mail={mail} />
      </main>
    </div>
  );
}
