"use client";

import { useId, useRef, useState, useTransition, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";
import { Notice } from "./notice";

/**
 * A button that asks before doing something that cannot be undone. The dialog is the
 * browser's modal <dialog>: focus stays inside, Escape cancels. `onConfirm` answers an
 * error message to show in the dialog, or nothing when it is done.
 */
export function ConfirmButton({
  label,
  title,
  children,
  confirmLabel,
  variant = "danger",
  triggerVariant = "secondary",
  onConfirm,
}: {
  label: ReactNode;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  variant?: ButtonVariant;
  triggerVariant?: ButtonVariant;
  onConfirm: () => Promise<string | void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        variant={triggerVariant}
        onClick={() => {
          setError(null);
          dialog.current?.showModal();
        }}
      >
        {label}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-zinc-900/40"
      >
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          <div className="mt-2 text-sm text-zinc-600">{children}</div>
          {error && (
            <div className="mt-4">
              <Notice tone="error">{error}</Notice>
            </div>
          )}
          <div className="mt-6 flex justify-end gap-3">
            <Button variant="secondary" onClick={() => dialog.current?.close()} disabled={pending}>
              Cancel
            </Button>
            <Button
              variant={variant}
              pending={pending}
              onClick={() =>
                startTransition(async () => {
                  const failure = await onConfirm();
                  if (failure) setError(failure);
                  else dialog.current?.close();
                })
              }
            >
              {confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
