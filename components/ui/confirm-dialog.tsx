"use client";

import {
  useActionState,
  useId,
  useRef,
  useState,
  useTransition,
  type FormEvent,
  type ReactNode,
} from "react";
import { useHydrated } from "@/components/use-hydrated";
import type { ActionResult } from "@/lib/actions/result";
import { Button, type ButtonVariant } from "./button";
import { Dialog, DialogActions, DialogClose, DialogTrigger } from "./dialog";
import { keepFocusWhenRemoved } from "./keep-focus";
import { Notice } from "./notice";
import { notify } from "./toast";

/** A server action as a `<form action>` calls it (see lib/actions/action.ts). */
export type FormAction<T> = (
  previous: ActionResult<T> | null,
  formData: FormData,
) => Promise<ActionResult<T>>;

export type ConfirmButtonProps<T> = {
  label: ReactNode;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  variant?: ButtonVariant;
  triggerVariant?: ButtonVariant;
  action: FormAction<T>;
  /** The ids the action needs, posted as hidden inputs. */
  fields: Record<string, string>;
  /** What to tell the user when it is done (actions that redirect say it on the next page). */
  success?: string | ((data: T) => string);
  /**
   * With JavaScript, keeps the confirm button disabled (say, until a reason is typed in a field
   * among `children`); without it the server's validation answers instead.
   */
  confirmDisabled?: boolean;
  /** Runs when the dialog closes, for a caller that keeps what was typed in its fields. */
  onClose?: () => void;
};

/**
 * A button that asks before doing something that cannot be undone: it opens a dialog whose
 * confirm button POSTs a form to `action` with `fields` as hidden inputs. Invoker commands open
 * the dialog and the form posts, so it all works without JavaScript (the page answers again,
 * or the action redirects). With JavaScript the form shows its pending state, keeps an error
 * inside the dialog, and on success closes it and toasts `success`.
 */
export function ConfirmButton<T>({
  label,
  title,
  children,
  confirmLabel,
  variant = "danger",
  triggerVariant = "secondary",
  action,
  fields,
  success,
  confirmDisabled = false,
  onClose,
}: ConfirmButtonProps<T>) {
  const dialogId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const hydrated = useHydrated();
  // Without JavaScript the form posts to the action and the page renders again with its answer.
  const [postedAnswer, formAction] = useActionState(action, null);
  // With JavaScript the form calls the action itself, so the toast is shown even when the
  // answer removes this button from the page (a revoked invitation's row, a disabled user's
  // "Disable"): an effect of this component would never run then.
  const [answer, setAnswer] = useState<ActionResult<T> | null>(null);
  const [pending, startTransition] = useTransition();
  const wordSuccess = (data: T) => (typeof success === "function" ? success(data) : (success ?? null));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    // Once the dialog closes the focus goes back to its trigger: when the answer removes that
    // (a revoked invitation's row, a redirect), the focus goes to what took its place.
    const trigger = document.querySelector(`[commandfor="${CSS.escape(dialogId)}"]`);
    if (trigger) keepFocusWhenRemoved(trigger, dialogRef.current);
    startTransition(async () => {
      const result = await action(null, formData);
      if (!result) return; // it redirected
      if (result.ok) {
        dialogRef.current?.close();
        const message = wordSuccess(result.data);
        if (message) notify.success(message);
      }
      setAnswer(result);
    });
  };

  const shown = hydrated ? answer : postedAnswer;
  // A refused field (say, the role members move to) words the reason better than "Some fields need attention".
  const error = shown && !shown.ok ? (Object.values(shown.fieldErrors ?? {})[0] ?? shown.error) : null;
  const postedSuccess = !hydrated && postedAnswer?.ok ? wordSuccess(postedAnswer.data) : null;
  return (
    <>
      <DialogTrigger dialogId={dialogId} variant={triggerVariant}>
        {label}
      </DialogTrigger>
      {/* Without JavaScript the page comes back after the POST: say there what happened. */}
      {postedSuccess && (
        <p role="status" className="w-full text-sm text-green-700">
          {postedSuccess}
        </p>
      )}
      <Dialog
        id={dialogId}
        dialogRef={dialogRef}
        title={title}
        // Closing puts an error away: the dialog opens clean next time.
        onClose={() => {
          setAnswer(null);
          onClose?.();
        }}
        // Without JavaScript a refused POST renders the page again: show the dialog open there
        // (not modal — that needs script) with the reason inside.
        openWithoutScript={!hydrated && error !== null}
      >
        <form action={formAction} onSubmit={onSubmit} className="space-y-4">
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="text-sm text-zinc-600">{children}</div>
          {error && <Notice tone="error">{error}</Notice>}
          <DialogActions>
            <DialogClose disabled={pending}>Cancel</DialogClose>
            <Button type="submit" variant={variant} pending={pending} disabled={hydrated && confirmDisabled}>
              {confirmLabel}
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
