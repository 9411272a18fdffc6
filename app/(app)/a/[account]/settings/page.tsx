import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/current";
import { can } from "@/lib/permissions/can";
import { AccountSettingsForm } from "./account-settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function AccountSettingsPage({ params }: PageProps<"/a/[account]/settings">) {
  const ctx = await requireMember((await params).account);
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
    </div>
  );
}
