import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { defaultRoleChoice } from "@/lib/accounts/settings";
import { requireMember } from "@/lib/auth/current";
import { listRoleOptions } from "@/lib/roles/choice";
import { can } from "@/lib/permissions/can";
import { AccountSettingsForm } from "./account-settings-form";
import { ApprovalRequirementForm } from "./approval-requirement-form";
import { DefaultRoleForm } from "./default-role-form";
import { TwoFactorRequirementForm } from "./two-factor-requirement-form";

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
