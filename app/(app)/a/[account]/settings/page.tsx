import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { getDb } from "@/db/client";
import { defaultRoleChoice } from "@/lib/accounts/settings";
import { requireMember } from "@/lib/auth/current";
import { loadJoinLinkSettings } from "@/lib/invitations/join-link";
import { listRoleOptions } from "@/lib/roles/choice";
import { can } from "@/lib/permissions/can";
import { AccountSettingsForm } from "./account-settings-form";
import { ApprovalRequirementForm } from "./approval-requirement-form";
import { DefaultRoleForm } from "./default-role-form";
import { JoinLinkChangeButton, JoinLinkField, JoinLinkSettingsForm } from "./join-link-form";
import { TwoFactorRequirementForm } from "./two-factor-requirement-form";
import { PlanForm } from "./plan-form";
import { accountUsage } from "@/lib/plans/limits";
import { usedOf } from "@/lib/plans/plans";

export const metadata: Metadata = { title: "Settings" };

export default async function AccountSettingsPage({ params }: PageProps<"/a/[account]/settings">) {
  const ctx = await requireMember((await params).account);
  const db = await getDb();
  const defaultRole = can(ctx, "account.manage")
    ? await Promise.all([
        defaultRoleChoice(db, ctx.account.id),
        listRoleOptions(db, ctx.account.id, ctx),
      ]).then(([current, roles]) => ({ current, roles: roles.map(({ value, label }) => ({ value, label })) }))
    : null;
  const joinLink = can(ctx, "account.manage") ? await loadJoinLinkSettings(db, ctx.account.id) : null;
  const usage =
    can(ctx, "account.manage") || can(ctx, "billing.manage") ? await accountUsage(db, ctx.account.id) : null;
  const defaultRoleLabel =
    defaultRole?.roles.find((option) => option.value === defaultRole.current)?.label ?? "Member";
  return (
    <div className="max-w-xl">
      <Card className="p-6">
        <h2 className="font-semibold">Account</h2>
        <AccountSettingsForm
          account={ctx.account.shortName}
          displayName={ctx.account.displayName}
          canEdit={can(ctx, "account.manage")}
        />
      </Card>
      {usage && (
        <Card className="mt-6 p-6">
          <h2 className="font-semibold">Plan</h2>
          <p className="mt-1 text-sm text-zinc-600">
            {usage.plan.name} plan: {usedOf(usage.seats, usage.plan.seats)} seats in use (members of any
            status and pending invitations), {usedOf(usage.projects, usage.plan.projects)} projects.
          </p>
          {can(ctx, "billing.manage") ? (
            <PlanForm account={ctx.account.shortName} plan={usage.plan.id} />
          ) : (
            <p className="mt-3 text-sm text-zinc-600">The owner can change the plan.</p>
          )}
        </Card>
      )}
      {can(ctx, "account.manage") && (
        <Card className="mt-6 p-6">
          <h2 className="font-semibold">Approval of new people</h2>
          <p className="mt-1 text-sm text-zinc-600">
            {ctx.account.requireApproval
              ? "Required: people who join wait until someone who may approve new members approves them. They see that they are waiting, and nothing of the account."
              : "Not required: people who accept an invitation can use the account at once."}
          </p>
          <ApprovalRequirementForm
            key={String(ctx.account.requireApproval)}
            account={ctx.account.shortName}
            required={ctx.account.requireApproval}
          />
        </Card>
      )}
      {defaultRole && (
        <Card className="mt-6 p-6">
          <h2 className="font-semibold">Default role for new people</h2>
          <p className="mt-1 text-sm text-zinc-600">
            The role a person added with “New user” gets, unless whoever adds them picks another.
          </p>
          <DefaultRoleForm
            account={ctx.account.shortName}
            role={defaultRole.current}
            roles={defaultRole.roles}
          />
        </Card>
      )}
      {joinLink && (
        <Card className="mt-6 p-6">
          <h2 className="font-semibold">Join link</h2>
          <p className="mt-1 text-sm text-zinc-600">
            {joinLink.on
              ? `On: whoever opens the link can ask to join with their email address. We email them a link to join as ${defaultRoleLabel} (the default role for new people), which works like an invitation.`
              : "Off. Turn it on for a link people can use to ask to join: each is emailed an invitation with the default role for new people."}
          </p>
          {joinLink.on &&
            (joinLink.url ? (
              <JoinLinkField url={joinLink.url} />
            ) : (
              <div className="mt-4">
                <Notice tone="warning">
                  The link cannot be shown any more (the server&apos;s secret changed). Make a new link to see
                  and share it.
                </Notice>
              </div>
            ))}
          <div className="mt-4 flex flex-wrap items-start gap-3">
            {joinLink.on ? (
              <>
                <JoinLinkChangeButton
                  account={ctx.account.shortName}
                  change="regenerate"
                  label="Make a new link"
                  done="A new link is in force: the old one no longer works."
                />
                <JoinLinkChangeButton account={ctx.account.shortName} change="off" label="Turn off" />
              </>
            ) : (
              <JoinLinkChangeButton
                account={ctx.account.shortName}
                change="on"
                label="Turn on the join link"
                variant="primary"
              />
            )}
          </div>
          <JoinLinkSettingsForm
            account={ctx.account.shortName}
            domains={joinLink.domains}
            requiresApproval={joinLink.requiresApproval}
          />
        </Card>
      )}
      {can(ctx, "account.manage") && (
        <Card className="mt-6 p-6">
          <h2 className="font-semibold">Two-factor authentication</h2>
          <p className="mt-1 text-sm text-zinc-600">
            {ctx.account.requireTwoFactorForAdmins
              ? "Required: everyone with administrative permissions here must sign in with two-factor. Those without it are sent to set it up before they can use this account."
              : "Not required. The owner can require two-factor of everyone with administrative permissions here."}
          </p>
          {ctx.membership.role === "owner" &&
            (ctx.user.twoFactorEnabledAt || ctx.account.requireTwoFactorForAdmins ? (
              <TwoFactorRequirementForm
                key={String(ctx.account.requireTwoFactorForAdmins)}
                account={ctx.account.shortName}
                required={ctx.account.requireTwoFactorForAdmins}
              />
            ) : (
              <p className="mt-3 text-sm text-zinc-600">
                To require it, first{" "}
                <Link href="/profile/two-factor" className="font-medium text-indigo-700 hover:underline">
                  turn on two-factor for yourself
                </Link>
                .
              </p>
            ))}
        </Card>
      )}
    </div>
  );
}
