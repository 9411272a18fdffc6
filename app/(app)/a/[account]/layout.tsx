import type { Metadata } from "next";
import { AccountNav } from "@/components/account-nav";
import { RememberAccount } from "@/components/remember-account";
import { requireMember } from "@/lib/auth/current";
import { can, canAny } from "@/lib/permissions/can";
import { OPENS_MEMBERS_PAGE, OPENS_ROLES_PAGE, SEES_PEOPLE } from "@/lib/permissions/permissions";

/**
 * Every page of an account says where it is: "Members · Acme · Roster". Read through the same
 * cached member context as the layout and pages, so it costs no query of its own.
 */
export async function generateMetadata({ params }: LayoutProps<"/a/[account]">): Promise<Metadata> {
  // Not a member (or signed out): the layout answers that (404, or a redirect) with the same
  // cached refusal. Thrown here, it would leave the page untitled; and a page's own title
  // ("Members") must not name what the 404 hides: a template without "%s" titles every page
  // below "Not found".
  const ctx = await requireMember((await params).account).catch(() => null);
  if (!ctx) return { title: { template: "Not found · Roster", default: "Not found" } };
  // "%s" is the template's placeholder: an account named with it must not swallow the page's title.
  const name = ctx.account.displayName.replaceAll("%s", "%​s");
  // The default is the account's name alone: the root layout's template adds " · Roster".
  return { title: { template: `%s · ${name} · Roster`, default: name } };
}

export default async function AccountLayout({ children, params }: LayoutProps<"/a/[account]">) {
  const ctx = await requireMember((await params).account);
  const base = `/a/${ctx.account.shortName}`;
  return (
    <>
      <RememberAccount shortName={ctx.account.shortName} />
      <div className="-mt-8 mb-8 border-b border-zinc-200">
        <p className="pt-6 text-sm text-zinc-500">
          <span className="font-mono">{ctx.account.shortName}</span>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">{ctx.account.displayName}</h1>
        <AccountNav
          items={[
            { href: base, label: "Overview" },
            { href: `${base}/projects`, label: "Projects" },
            { href: `${base}/repositories`, label: "Repositories" },
            // Each tab for those holding a permission its page serves (lib/permissions/permissions.ts).
            ...(canAny(ctx, OPENS_MEMBERS_PAGE) ? [{ href: `${base}/members`, label: "Members" }] : []),
            ...(canAny(ctx, OPENS_ROLES_PAGE) ? [{ href: `${base}/roles`, label: "Roles" }] : []),
            // Those who see no people reach their own membership (to leave) here.
            ...(canAny(ctx, SEES_PEOPLE)
              ? []
              : [{ href: `${base}/members/${ctx.membership.id}`, label: "My membership" }]),
            ...(can(ctx, "audit.read") ? [{ href: `${base}/audit`, label: "Audit log" }] : []),
            { href: `${base}/settings`, label: "Settings" },
          ]}
        />
      </div>
      {children}
    </>
  );
}
