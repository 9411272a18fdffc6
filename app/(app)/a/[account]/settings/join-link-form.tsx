"use client";

import { TextField } from "@/components/forms/text-field";
import { useFormAction } from "@/components/forms/use-form-action";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Notice } from "@/components/ui/notice";
import { joinLinkChangeSchema, joinLinkSettingsSchema } from "@/lib/accounts/schemas";
import type { JoinLinkChange } from "@/lib/invitations/join-link";
import { changeJoinLinkAction, updateJoinLinkSettingsAction } from "./actions";

/** The join link, read-only and selected whole on focus, to copy and share. */
export function JoinLinkField({ url }: { url: string }) {
  return (
    <TextField
      label="Join link"
      value={url}
      readOnly
      // Read-only, yet a Tab stop: it is there to be selected and copied.
      tabIndex={0}
      spellCheck={false}
      className="mt-4"
      onFocus={(event) => event.currentTarget.select()}
      hint="Whoever has this link can ask to join: share it only where you mean to."
    />
  );
}

/**
 * One of the join link's switches (turn on, new link, turn off). Render it with a `key` that
 * changes with the link's state, so that after a change it starts over.
 */
export function JoinLinkChangeButton({
  account,
  change,
  label,
  variant = "secondary",
  done,
}: {
  account: string;
  change: JoinLinkChange;
  label: string;
  variant?: ButtonVariant;
  /** Said once the change is made, while the button stays on the page. */
  done?: string;
}) {
  const { successNotice, formProps, field, pending, formError } = useFormAction({
    schema: joinLinkChangeSchema,
    action: changeJoinLinkAction,
    defaultValues: { change },
    success: () => done ?? null,
  });
  return (
    <form {...formProps} className="space-y-3">
      {formError && <Notice tone="error">{formError}</Notice>}
      {successNotice && <Notice tone="success">{successNotice}</Notice>}
      <input type="hidden" name="account" value={account} />
      <input type="hidden" {...field("change")} />
      <Button type="submit" variant={variant} pending={pending}>
        {label}
      </Button>
    </form>
  );
}

/** Who may use the join link (email domains) and whether they wait for approval. */
export function JoinLinkSettingsForm({
  account,
  domains,
  requiresApproval,
}: {
  account: string;
  domains: string[];
  requiresApproval: boolean;
}) {
  const { state, successNotice, form, formProps, field, pending, formError, fieldError } = useFormAction({
    schema: joinLinkSettingsSchema,
    action: updateJoinLinkSettingsAction,
    defaultValues: { domains: domains.join(", ") },
    success: () => "Join link settings saved.",
  });
  // The checkbox: what was sent before, or the saved setting on a fresh form.
  const approvalChecked = state?.values ? state.values.requiresApproval === "on" : requiresApproval;
  return (
    <form {...formProps} className="mt-6 space-y-4">
      {formError && <Notice tone="error">{formError}</Notice>}
      {successNotice && <Notice tone="success">{successNotice}</Notice>}
      <input type="hidden" name="account" value={account} />
      <TextField
        label="Allowed email domains (optional)"
        placeholder="acme.com, acme.co.uk"
        spellCheck={false}
        autoComplete="off"
        hint="Only addresses at these domains can use the link (exactly these: not their subdomains). Separate them with commas or spaces; leave empty for any address."
        error={fieldError("domains")}
        {...field("domains")}
      />
      <Checkbox
        label="People who join by the link need approval"
        description="They wait until someone who may approve new members approves them, whatever the approval setting above says."
        defaultChecked={approvalChecked}
        {...form.register("requiresApproval")}
      />
      <Button type="submit" variant="secondary" pending={pending}>
        Save join link settings
      </Button>
    </form>
  );
}
