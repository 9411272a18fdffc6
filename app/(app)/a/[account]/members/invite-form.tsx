"use client";

import { useState, useTransition, type ReactNode } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { ProjectRoleSelect } from "@/components/forms/project-role-select";
import { ProjectChoices, RoleChoices } from "@/components/forms/role-and-project-choices";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { InviteOutcome } from "@/lib/invitations/invite";
import { PROJECT_ROLES } from "@/lib/projects/project-roles";
import type { RoleOption } from "@/lib/roles/choice";
import { inviteSchema, parseEmailList } from "@/lib/invitations/schemas";
import { inviteMembersAction, resendInvitationAction } from "./actions";

type InviteValues = z.input<typeof inviteSchema>;

const OUTCOME_TEXT: Record<InviteOutcome["outcome"], string> = {
  invited: "Invited",
  already_member: "Already a member",
  already_invited: "Already invited",
  invalid: "Not a valid email address",
  over_seat_limit: "Not sent: over your seat limit",
};

/** "3 sent, 2 over your seat limit": the batch at a glance, before the list. */
function summarize(results: InviteOutcome[]): string {
  const sent = results.filter((r) => r.outcome === "invited").length;
  const over = results.filter((r) => r.outcome === "over_seat_limit").length;
  return over > 0 ? `${sent} sent, ${over} over your seat limit` : `${sent} sent`;
}

/**
 * Invite people in three steps: write the addresses and pick a role; review the addresses
 * as they were read (the typo guard); then see what happened to each one.
 */
export function InviteForm({
  account,
  roles,
  projects,
  whenFull,
}: {
  account: string;
  roles: RoleOption[];
  /** Shown instead of the form while every seat is taken (the results of a send stay until dismissed). */
  whenFull: ReactNode;
  /** Projects whose access the inviter manages: the invitation can carry access to them. */
  projects: { key: string; name: string }[];
}) {
  const form = useForm<InviteValues>({
    resolver: zodResolver(inviteSchema),
    defaultValues: {
      emails: "",
      role: roles.find((r) => r.value === "member")?.value ?? roles[0]?.value,
      projectKeys: [],
      projectRole: "viewer",
    },
  });
  const [review, setReview] = useState<{ valid: string[]; invalid: string[] } | null>(null);
  const [results, setResults] = useState<InviteOutcome[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const selectedRole = useWatch({ control: form.control, name: "role" });
  const role = roles.find((r) => r.value === selectedRole);
  const pickedKeys = useWatch({ control: form.control, name: "projectKeys" });
  const pickedRole = useWatch({ control: form.control, name: "projectRole" }) ?? "viewer";
  const picked = projects.filter((project) =>
    Array.isArray(pickedKeys) ? pickedKeys.includes(project.key) : pickedKeys === project.key,
  );

  const send = () =>
    startTransition(async () => {
      setError(null);
      const result = await inviteMembersAction({ ...form.getValues(), account });
      if (!result.ok) {
        setError(
          result.fieldErrors?.role ??
            result.fieldErrors?.emails ??
            result.fieldErrors?.projectKeys ??
            result.error,
        );
        return;
      }
      setResults(result.data);
      setReview(null);
      form.reset({ emails: "", role: form.getValues("role"), projectKeys: [], projectRole: "viewer" });
    });

  if (results) {
    return (
      <div className="space-y-4">
        <h3 className="font-medium">Invitations: {summarize(results)}</h3>
        {results.some((r) => r.outcome === "over_seat_limit") && (
          <Notice tone="warning">
            Every seat of your plan is taken. Remove someone or revoke an invitation, or move to a larger plan
            in Settings.
          </Notice>
        )}
        <ul
          className="divide-y divide-zinc-100 rounded-md ring-1 ring-zinc-200"
          aria-label="Invitation results"
        >
          {results.map((r) => (
            <li key={r.email} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span className="font-medium break-all">{r.email}</span>
              <span className="flex items-center gap-3">
                <span
                  className={
                    r.outcome === "invited"
                      ? "text-green-700"
                      : r.outcome === "invalid" || r.outcome === "over_seat_limit"
                        ? "text-red-700"
                        : "text-zinc-600"
                  }
                >
                  {OUTCOME_TEXT[r.outcome]}
                  {r.outcome === "already_invited" && r.expired && " (expired)"}
                </span>
                {r.outcome === "already_invited" && (
                  <ResendButton account={account} invitationId={r.invitationId} expired={r.expired} />
                )}
              </span>
            </li>
          ))}
        </ul>
        <Button variant="secondary" onClick={() => setResults(null)}>
          Invite more people
        </Button>
      </div>
    );
  }

  if (whenFull) return whenFull;

  if (review) {
    return (
      <div className="space-y-4">
        {error && <Notice tone="error">{error}</Notice>}
        <div>
          <h3 className="font-medium">
            {review.valid.length === 1 ? "Invite 1 person" : `Invite ${review.valid.length} people`} as{" "}
            {role?.label}?
          </h3>
          <p className="text-sm text-zinc-600">
            Check the addresses: each one gets an email with a link to join.
          </p>
          {picked.length > 0 && (
            <p className="mt-1 text-sm text-zinc-600">
              On joining, they get {PROJECT_ROLES[pickedRole].label.toLowerCase()} access to{" "}
              {picked.map((project) => project.name).join(", ")}.
            </p>
          )}
        </div>
        {review.valid.length > 0 && (
          <ul
            className="rounded-md bg-zinc-50 px-3 py-2 text-sm ring-1 ring-zinc-200"
            aria-label="Addresses to invite"
          >
            {review.valid.map((email) => (
              <li key={email} className="py-0.5 font-mono break-all">
                {email}
              </li>
            ))}
          </ul>
        )}
        {review.invalid.length > 0 && (
          <Notice tone="warning">
            Not email addresses, so they will be skipped:{" "}
            <span className="font-mono">{review.invalid.join(", ")}</span>
          </Notice>
        )}
        <div className="flex gap-3">
          <Button onClick={send} pending={pending} disabled={review.valid.length === 0}>
            {review.valid.length === 1 ? "Send invitation" : `Send ${review.valid.length} invitations`}
          </Button>
          <Button variant="secondary" onClick={() => setReview(null)} disabled={pending}>
            Back to edit
          </Button>
        </div>
      </div>
    );
  }

  const emailsError = form.formState.errors.emails?.message;
  return (
    <form
      method="post"
      onSubmit={form.handleSubmit((values) => setReview(parseEmailList(values.emails)))}
      noValidate
      className="space-y-4"
    >
      <div>
        <label htmlFor="invite-emails" className="block text-sm font-medium">
          Email addresses
        </label>
        <textarea
          id="invite-emails"
          rows={3}
          placeholder="ada@example.com, grace@example.com"
          aria-invalid={emailsError ? true : undefined}
          aria-describedby="invite-emails-help"
          className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm shadow-xs ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none"
          {...form.register("emails")}
        />
        <p
          id="invite-emails-help"
          className={`mt-1 text-xs ${emailsError ? "text-sm text-red-700" : "text-zinc-500"}`}
          data-field-error={emailsError ? "" : undefined}
        >
          {emailsError ?? "Separate addresses with commas, spaces or new lines. Up to 50 at a time."}
        </p>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Role</legend>
        <RoleChoices roles={roles} registration={form.register("role")} />
      </fieldset>
      {projects.length > 0 && (
        <fieldset>
          <legend className="text-sm font-medium">Projects (optional)</legend>
          <p className="text-xs text-zinc-500">Access to these is given when the invitation is accepted.</p>
          <ProjectChoices projects={projects} registration={form.register("projectKeys")} />
          <div className="mt-3 max-w-xs">
            <ProjectRoleSelect label="Project role" {...form.register("projectRole")} />
          </div>
        </fieldset>
      )}
      <Button type="submit">Review invitations</Button>
    </form>
  );
}

export function ResendButton({
  account,
  invitationId,
  expired,
}: {
  account: string;
  invitationId: string;
  expired: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        pending={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await resendInvitationAction({ account, invitationId });
            setMessage(result.ok ? "Sent again" : result.error);
          })
        }
      >
        {expired ? "Renew" : "Resend"}
      </Button>
      {message && (
        <span role="status" className="text-xs text-zinc-600">
          {message}
        </span>
      )}
    </span>
  );
}
