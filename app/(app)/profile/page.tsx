import type { Metadata } from "next";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { getDb } from "@/db/client";
import { describeDevice } from "@/lib/auth/describe-device";
import { requireOwnSession } from "@/lib/auth/current";
import { listLiveSessions } from "@/lib/auth/sessions";
import { loadProfile } from "@/lib/users/profile";
import { EmailForm } from "./email-form";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";
import { SignOutEverywhereElseButton, SignOutSessionButton } from "./session-buttons";

export const metadata: Metadata = { title: "My profile" };

/** My names, my password, and where I am signed in. */
export default async function ProfilePage() {
  const session = await requireOwnSession();
  const db = await getDb();
  const [profile, sessions] = await Promise.all([
    loadProfile(db, session.user.id),
    listLiveSessions(db, session.user.id),
  ]);
  const others = sessions.filter((s) => s.id !== session.sessionId).length;
  return (
    <>
      <PageHeader title="My profile" description={`You sign in as ${profile.email}.`} />
      <div className="grid max-w-3xl gap-6">
        <Card className="p-6">
          <h2 className="font-semibold">Profile</h2>
          <ProfileForm
            name={profile.name}
            displayName={profile.displayName ?? ""}
            username={profile.username ?? ""}
            company={profile.company ?? ""}
          />
        </Card>
        <Card className="p-6">
          <h2 className="font-semibold">Email</h2>
          <p className="mt-1 text-sm text-zinc-600">
            You sign in as <strong>{profile.email}</strong>. It changes once you follow the link we send to
            the new address.
          </p>
          <EmailForm email={profile.email} />
        </Card>
        <Card className="p-6">
          <h2 className="font-semibold">Password</h2>
          <PasswordForm email={profile.email} />
        </Card>
        <Card className="p-6">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 className="font-semibold">Two-factor authentication</h2>
            <Link href="/profile/two-factor" className={buttonClasses("secondary")}>
              {profile.twoFactorEnabledAt ? "Manage" : "Set up"}
            </Link>
          </div>
          <p className="mt-1 text-sm text-zinc-600">
            {profile.twoFactorEnabledAt ? (
              <>
                Turned on <RelativeTime date={profile.twoFactorEnabledAt} />: signing in asks for a code from
                your app.
              </>
            ) : (
              "Off: signing in asks only for your password."
            )}
          </p>
        </Card>
        <Card className="p-6">
          <div className="flex flex-wrap items-center justify-between gap-3">
            <h2 className="font-semibold">Sessions</h2>
            {others > 0 && <SignOutEverywhereElseButton />}
          </div>
          <p className="mt-1 text-sm text-zinc-600">
            Where you are signed in. A session ends after 30 days, or after a week unused.
          </p>
          <ul aria-label="Sessions" className="mt-4 divide-y divide-zinc-100">
            {sessions.map((s) => {
              const device = describeDevice(s.userAgent);
              const current = s.id === session.sessionId;
              return (
                <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <div className="text-sm">
                    <p className="font-medium text-zinc-900">
                      {device}
                      {current && (
                        <span className="ml-2 rounded-full bg-green-50 px-2 py-0.5 text-xs text-green-800 ring-1 ring-green-200">
                          This browser
                        </span>
                      )}
                    </p>
                    <p className="text-zinc-600">
                      {s.ip ?? "Unknown address"} · signed in <RelativeTime date={s.createdAt} /> · last seen{" "}
                      <RelativeTime date={s.lastSeenAt} />
                    </p>
                  </div>
                  {!current && <SignOutSessionButton sessionId={s.id} device={device} />}
                </li>
              );
            })}
          </ul>
        </Card>
      </div>
    </>
  );
}
