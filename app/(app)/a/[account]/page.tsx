import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { requireMember } from "@/lib/auth/current";

export async function generateMetadata({ params }: PageProps<"/a/[account]">): Promise<Metadata> {
  const ctx = await requireMember((await params).account);
  return { title: ctx.account.displayName };
}

export default async function AccountHomePage({ params }: PageProps<"/a/[account]">) {
  const ctx = await requireMember((await params).account);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card className="p-6">
        <h2 className="font-semibold">Welcome, {ctx.user.name}</h2>
        <p className="mt-2 text-sm text-zinc-600">
          You are <strong>{ctx.membership.roleLabel}</strong> of {ctx.account.displayName}.
        </p>
      </Card>
      <Card className="p-6">
        <h2 className="font-semibold">Plan</h2>
        <p className="mt-2 text-sm text-zinc-600 capitalize">{ctx.account.plan}</p>
      </Card>
    </div>
  );
}
