"use client";

import { useEffect, useRef, useState, useTransition, type ComponentProps, type ReactNode } from "react";
import { useAction } from "@/components/forms/use-action";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { ProjectRoleSelect } from "@/components/forms/project-role-select";
import { ProjectChoices, RoleChoices } from "@/components/forms/role-and-project-choices";
import { FieldError, FieldHint } from "@/components/ui/field-error";
import { Textarea } from "@/components/ui/textarea";
import { useHydrated } from "@/components/use-hydrated";
import { Button } from "@/components/ui/button";
import { DialogClose } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/actions/result";
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

/** The action's refusal, on the field it is about when there is one. */
const refusalOf = (result: Extract<ActionResult<unknown>, { ok: false }>) =>
  result.fieldErrors?.role ?? result.fieldErrors?.emails ?? result.fieldErrors?.projectKeys ?? result.error;

/**
 * The invite steps, with a polite live region that is in the page before anything is put in
 * it (a region added together with its text is not announced): it reads out the results.
 */
export function InviteForm(props: Omit<ComponentProps<typeof InviteSteps>, "announce">) {
  const [announcement, setAnnouncement] = useState("");
  return (
    <>
      <p role="status" className="sr-only">
        {announcement}
      </p>
      <InviteSteps {...props} announce={setAnnouncement} />
    </>
  );
}

/**
 * Invite people in three steps: write the addresses and pick a role; review the addresses
 * as they were read (the typo guard); then see what happened to each one. Without JavaScript
 * the form POSTs to `formAction` at once (no review step) and `answer` brings the results.
 */
function InviteSteps({
  account,
  roles,
  projects,
  whenFull,
  formAction,
  answer,
  onDismissAnswer,
  announce,
}: {
  account: string;
  roles: RoleOption[];
  /** Shown instead of the form while every seat is taken (the results of a send stay until dismissed). */
  whenFull: ReactNode;
  /** Projects whose access the inviter manages: the invitation can carry access to them. */
  projects: { key: string; name: string }[];
  /** The invite action as the form's `action`, for a POST made without JavaScript. */
  formAction: (formData: FormData) => void;
  /** What that POST answered, until dismissed. */
  answer: ActionResult<InviteOutcome[]> | null;
  onDismissAnswer: () => void;
  announce: (text: string) => void;
}) {
  const defaultRole = roles.find((r) => r.value === "member")?.value ?? roles[0]?.value;
  const form = useForm<InviteValues>({
    resolver: zodResolver(inviteSchema),
    defaultValues: {
      emails: "",
      role: defaultRole,
      projectKeys: [],
      projectRole: "viewer",
    },
  });
  const [review, setReview] = useState<{ valid: string[]; invalid: string[] } | null>(null);
  const [results, setResults] = useState<InviteOutcome[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
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
        setError(refusalOf(result));
        return;
      }
      setResults(result.data);
      announce(`Invitations: ${summarize(result.data)}`);
      setReview(null);
      form.reset({ emails: "", role: form.getValues("role"), projectKeys: [], projectRole: "viewer" });
    });

  const shownResults = results ?? (answer?.ok ? answer.data : null);
  const answerError = answer && !answer.ok ? refusalOf(answer) : null;

  // After a step change the button pressed is gone: the new step's heading takes the focus,
  // or back on the form, its first field.
  const step = shownResults ? "results" : whenFull ? "full" : review ? "review" : "form";
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const shownStep = useRef(step);
  const { setFocus } = form;
  useEffect(() => {
    if (shownStep.current === step) return;
    shownStep.current = step;
    if (step === "form") setFocus("emails");
    else stepHeading.current?.focus();
  }, [step, setFocus]);

  if (shownResults) {
    return (
      <div className="space-y-4">
        <h3 ref={stepHeading} tabIndex={-1} className="font-medium">
          Invitations: {summarize(shownResults)}
        </h3>
        {shownResults.some((r) => r.outcome === "over_seat_limit") && (
          <Notice tone="warning">
            Every seat of your plan is taken. Remove someone or revoke an invitation, or move to a larger plan
            in Settings.
          </Notice>
        )}
        <ul
          className="divide-y divide-zinc-100 rounded-md ring-1 ring-zinc-200"
          aria-label="Invitation results"
        >
          {shownResults.map((r) => (
            <li key={r.email} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
              <span className="font-medium wrap-break-word">{r.email}</span>
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
        <div className="flex flex-wrap gap-3">
          {/* Starting over needs script; without it, Done closes the dialog. */}
          {hydrated && (
            <Button
              variant="secondary"
              onClick={() => {
                setResults(null);
                onDismissAnswer();
              }}
            >
              Invite more people
            </Button>
          )}
          <DialogClose>Done</DialogClose>
        </div>
      </div>
    );
  }

  if (whenFull) return whenFull;

  if (review) {
    return (
      <div className="space-y-4">
        {error && <Notice tone="error">{error}</Notice>}
        <div>
          <h3 ref={stepHeading} tabIndex={-1} className="font-medium">
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
              <li key={email} className="py-0.5 font-mono wrap-break-word">
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
      action={formAction}
      onSubmit={form.handleSubmit((values) => setReview(parseEmailList(values.emails)))}
      noValidate
      className="space-y-4"
    >
      <input type="hidden" name="account" value={account} />
      {answerError && <Notice tone="error">{answerError}</Notice>}
      <div>
        <label htmlFor="invite-emails" className="block text-sm font-medium">
          Email addresses
        </label>
        <Textarea
          id="invite-emails"
          rows={3}
          placeholder="ada@example.com, grace@example.com"
          invalid={Boolean(emailsError)}
          aria-describedby="invite-emails-help"
          className="mt-1"
          {...form.register("emails")}
        />
        {emailsError ? (
          <FieldError id="invite-emails-help">{emailsError}</FieldError>
        ) : (
          <FieldHint id="invite-emails-help">
            Separate addresses with commas, spaces or new lines. Up to 50 at a time.
          </FieldHint>
        )}
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Role</legend>
        <RoleChoices roles={roles} registration={form.register("role")} checked={defaultRole} />
      </fieldset>
      {projects.length > 0 && (
        <fieldset>
          <legend className="text-sm font-medium">Projects (optional)</legend>
          <p className="text-xs text-zinc-500">Access to these is given when the invitation is accepted.</p>
          <ProjectChoices projects={projects} registration={form.register("projectKeys")} />
          <div className="mt-3 max-w-xs">
            <ProjectRoleSelect label="Project role" defaultValue="viewer" {...form.register("projectRole")} />
          </div>
        </fieldset>
      )}
      <div className="flex flex-wrap justify-end gap-3">
        <DialogClose>Cancel</DialogClose>
        {/* With script the addresses are shown for a check first; without it they are sent. */}
        <Button type="submit">{hydrated ? "Review invitations" : "Send invitations"}</Button>
      </div>
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
  // Said beside the button, not in a toast: in the invite dialog a toast would be hidden.
  const [sent, setSent] = useState(false);
  const resend = useAction(resendInvitationAction, { onSuccess: () => setSent(true) });
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        pending={resend.pending}
        onClick={() => {
          setSent(false);
          resend.run({ account, invitationId });
        }}
      >
        {expired ? "Renew" : "Resend"}
      </Button>
      {/* In the page before its text, so the text is announced. */}
      <span role="status" className="text-xs text-zinc-600">
        {sent ? "Sent again" : resend.error}
      </span>
    </span>
  );
}
