import type { Metadata } from "next";
import Link from "next/link";
import { Avatar } from "@/components/ui/avatar";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { ArrivalToast } from "@/components/ui/toast";
import { getDb } from "@/db/client";
import { getCurrentSession } from "@/lib/auth/current";
import { IMPERSONATION_MINUTES, impersonationRefusal } from "@/lib/members/impersonation";
import { loadMemberPage } from "@/lib/members/member-page";
import { manageRefusal } from "@/lib/members/manage";
import { can } from "@/lib/permissions/can";
import { OFFERED_PERMISSIONS, PERMISSIONS } from "@/lib/permissions/permissions";
import { rolePermissions } from "@/lib/permissions/roles";
import { PROJECT_ROLES } from "@/lib/projects/project-roles";
import { roleChoiceOf } from "@/lib/roles/choice";
import {
  ApprovalButtons,
  DeletePersonButton,
  LeaveAccountButton,
  MemberAccessButton,
  PasswordResetButtons,
  RemoveMemberButton,
  TransferOwnershipButton,
} from "./membership-actions";
import { GrantProjectsForm } from "./grant-projects-form";
import { ImpersonateButton } from "./impersonate-button";
import { requireMemberTarget } from "./member-target";
import { PermissionsForm, type PermissionRow } from "./permissions-form";
import { PersonDetailsForm } from "./person-details-form";
import { RoleForm } from "./role-form";

export async function generateMetadata({
  params,
}: PageProps<"/a/[account]/members/[member]">): Promise<Metadata> {
  const { account, member } = await params;
  // Unknown or hidden: notFound() here too, so the title is the 404 page's ("Not found · …").
  const { target } = await requireMemberTarget(account, member);
  return { title: target.name };
}

/** One member: their role, their permissions (role defaults and exceptions), and what can be done. */
export default async function MemberPage({
  params,
  searchParams,
}: PageProps<"/a/[account]/members/[member]">) {
  const { account, member: membershipId } = await params;
  const { ownership } = await searchParams;
  const { ctx, target, isSelf } = await requireMemberTarget(account, membershipId);
  const db = await getDb();

  const refusal = manageRefusal(ctx.membership, target);
  const canManage = refusal === null;
  // Everything else the page shows, in one statement (lib/members/member-page.ts).
  const details = await loadMemberPage(db, ctx, target.id, { roles: canManage });
  const roles = details?.roles.filter((r) => r.grantable) ?? [];
  const fromRole = new Set(rolePermissions(target));
  const overrides = new Map(target.overrides.map((o) => [o.permission, o.granted]));
  const permissionRows: PermissionRow[] = OFFERED_PERMISSIONS.map((permission) => ({
    permission,
    label: PERMISSIONS[permission],
    effective: target.permissions.has(permission),
    fromRole: target.role === "owner" || fromRole.has(permission),
    override: target.role === "owner" ? null : (overrides.get(permission) ?? null),
    editable: canManage && ctx.permissions.has(permission),
  }));
  const base = `/a/${ctx.account.shortName}/members`;
  const memberProjects = details?.projects ?? [];
  const grantable = details?.grantable ?? [];
  const awaitingFirstPassword = canManage && !isSelf && Boolean(details?.awaitsFirstPassword);
  // A person's names are their own, unless this account created their user and alone holds it.
  const mayEditPerson = canManage && !isSelf && Boolean(details?.heldHere);
  const canApprove = Boolean(target.awaitingApprovalSince) && can(ctx, "members.approve");
  // "Log in as": not while already acting as someone, and only as someone of lower rank.
  const mayImpersonate =
    can(ctx, "members.impersonate") &&
    !(await getCurrentSession())?.impersonation &&
    impersonationRefusal({ id: ctx.membership.id, permissions: ctx.permissions }, target) === null;

  return (
    <div className="space-y-6">
      {/* No link of this page is prefetched: each leads to a server render of its own (issue 15). */}
      <Link href={base} prefetch={false} className="text-sm text-indigo-700 hover:underline">
        ← Members
      </Link>
      {ownership === "transferred" && target.role === "owner" && (
        <ArrivalToast
          message={`${target.name} is now the owner. You are an administrator. Both of you will get an email.`}
          param="ownership"
        />
      )}
      <Card className="p-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="flex items-start gap-4">
            <Avatar id={target.userId} name={target.name} email={target.email} size="lg" />
            <div>
              <h2 className="text-xl font-semibold">{target.name}</h2>
              <p className="text-zinc-600">{target.email}</p>
              <p className="mt-1 text-sm text-zinc-600">
                Joined <RelativeTime date={target.joinedAt} />
              </p>
              {can(ctx, "audit.read") && (
                <Link
                  href={`/a/${ctx.account.shortName}/audit?person=${target.userId}`}
                  prefetch={false}
                  className="mt-1 inline-block text-sm font-medium text-indigo-700 hover:underline"
                >
                  Audit log of {isSelf ? "you" : target.name}
                </Link>
              )}
            </div>
          </div>
          <div className="flex gap-2">
            {target.awaitingApprovalSince && <Badge tone="amber">Awaiting approval</Badge>}
            {target.disabledAt && <Badge tone="amber">Access disabled</Badge>}
            <Badge tone={target.role === "owner" ? "indigo" : "zinc"}>{target.roleLabel}</Badge>
          </div>
        </div>
        {target.awaitingApprovalSince && (
          <div className="mt-4 space-y-3">
            <p className="text-sm text-zinc-600">
              {target.name} joined <RelativeTime date={target.awaitingApprovalSince} /> and waits for
              approval.
            </p>
            {canApprove && (
              <div className="flex flex-wrap gap-3">
                <ApprovalButtons
                  account={ctx.account.shortName}
                  membershipId={target.id}
                  name={target.name}
                />
              </div>
            )}
          </div>
        )}
        {target.approvedAt && (
          <p className="mt-4 text-sm text-zinc-600">
            Approved by {details?.approvedBy ?? "a former user"} <RelativeTime date={target.approvedAt} />.
          </p>
        )}
        {target.disabledAt && (
          <p className="mt-4 text-sm text-zinc-600">
            {isSelf ? "Your" : `${target.name}'s`} access was disabled{" "}
            <RelativeTime date={target.disabledAt} />.
          </p>
        )}
        {!canManage && refusal && can(ctx, "members.manage") && (
          <p className="mt-4 text-sm text-zinc-600">{refusal}</p>
        )}
        {mayImpersonate && (
          <div className="mt-4">
            <ImpersonateButton
              account={ctx.account.shortName}
              membershipId={target.id}
              name={target.name}
              minutes={IMPERSONATION_MINUTES}
            />
          </div>
        )}
      </Card>

      <Card className="p-6">
        <h3 className="font-semibold">Details</h3>
        {mayEditPerson ? (
          <>
            <p className="mt-1 text-sm text-zinc-600">
              This account created {target.name}&apos;s user, and they belong to no other account.
            </p>
            <PersonDetailsForm
              account={ctx.account.shortName}
              membershipId={target.id}
              name={target.name}
              username={details?.username ?? ""}
              displayName={details?.displayName ?? ""}
              company={details?.company ?? ""}
            />
          </>
        ) : (
          <>
            <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
              <dt className="text-zinc-500">User name</dt>
              <dd>{details?.username || "—"}</dd>
              <dt className="text-zinc-500">Display name</dt>
              <dd>{details?.displayName || "—"}</dd>
              <dt className="text-zinc-500">Company</dt>
              <dd>{details?.company || "—"}</dd>
            </dl>
            <p className="mt-3 text-sm text-zinc-600">
              {isSelf ? (
                <>
                  You edit these on{" "}
                  <Link href="/profile" prefetch={false} className="text-indigo-700 hover:underline">
                    your profile
                  </Link>
                  .
                </>
              ) : (
                `${target.name} edits these on their own profile.`
              )}
            </p>
          </>
        )}
      </Card>

      {canManage && (
        <Card className="p-6">
          <h3 className="font-semibold">Role</h3>
          <RoleForm
            account={ctx.account.shortName}
            membershipId={target.id}
            current={roleChoiceOf(target)}
            currentLabel={target.roleLabel}
            roles={roles}
          />
        </Card>
      )}

      <Card className="p-6">
        <h3 className="font-semibold">Permissions</h3>
        <p className="mt-1 text-sm text-zinc-600">
          {target.role === "owner"
            ? "The owner holds every permission."
            : `What ${target.roleLabel} gives, with the exceptions made for ${target.name}.`}
        </p>
        <PermissionsForm
          account={ctx.account.shortName}
          membershipId={target.id}
          rows={permissionRows}
          canEdit={canManage && target.role !== "owner"}
        />
      </Card>

      <Card className="scroll-mt-6 p-6" id="projects">
        <h3 className="font-semibold">Projects</h3>
        {memberProjects.length === 0 ? (
          <p className="mt-1 text-sm text-zinc-600">
            {isSelf ? "You have" : `${target.name} has`} no project access
            {can(ctx, "projects.manage") ? "" : " that you can see"}.
          </p>
        ) : (
          <ul aria-label="Project access" className="mt-3 divide-y divide-zinc-100 text-sm">
            {memberProjects.map((project) => (
              <li key={project.key} className="flex items-center justify-between py-2">
                <Link
                  href={`/a/${ctx.account.shortName}/projects/${project.key}`}
                  prefetch={false}
                  className="text-indigo-700 hover:underline"
                >
                  {project.name}
                </Link>
                <span className="text-zinc-600">{PROJECT_ROLES[project.role].label}</span>
              </li>
            ))}
          </ul>
        )}
        {grantable.length > 0 && (
          <GrantProjectsForm account={ctx.account.shortName} membershipId={target.id} projects={grantable} />
        )}
      </Card>

      {(canManage || isSelf || (ctx.membership.role === "owner" && !isSelf)) && (
        <Card className="p-6">
          <h3 className="font-semibold">Membership</h3>
          <div className="mt-4 flex flex-wrap gap-3">
            {ctx.membership.role === "owner" &&
              !isSelf &&
              !target.disabledAt &&
              !target.awaitingApprovalSince && (
                <TransferOwnershipButton
                  account={ctx.account.shortName}
                  membershipId={target.id}
                  name={target.name}
                />
              )}
            {canManage && !isSelf && (
              <MemberAccessButton
                account={ctx.account.shortName}
                membershipId={target.id}
                name={target.name}
                disabled={Boolean(target.disabledAt)}
              />
            )}
            {canManage && !isSelf && (
              <PasswordResetButtons
                account={ctx.account.shortName}
                membershipId={target.id}
                name={target.name}
                awaitsFirstPassword={awaitingFirstPassword}
              />
            )}
            {canManage && !isSelf && (
              <RemoveMemberButton
                account={ctx.account.shortName}
                membershipId={target.id}
                name={target.name}
              />
            )}
            {mayEditPerson && (
              <DeletePersonButton
                account={ctx.account.shortName}
                membershipId={target.id}
                name={target.name}
                email={target.email}
              />
            )}
            {isSelf &&
              (target.role === "owner" ? (
                <p className="text-sm text-zinc-600">
                  As the owner you can&apos;t leave. Transfer ownership to another member first.
                </p>
              ) : (
                <LeaveAccountButton account={ctx.account.shortName} accountName={ctx.account.displayName} />
              ))}
          </div>
        </Card>
      )}
    </div>
  );
}
