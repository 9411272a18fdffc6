"use client";

import { useState, useTransition, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";
import { Dialog, DialogActions, useDialog } from "./dialog";
import { Notice } from "./notice";

/**
 * A button that asks before doing something that cannot be undone. `onConfirm` answers an
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
  const dialog = useDialog();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        variant={triggerVariant}
        onClick={() => {
          setError(null);
          dialog.open();
        }}
      >
        {label}
      </Button>
      <Dialog dialogRef={dialog.ref} title={title}>
        <div className="text-sm text-zinc-600">{children}</div>
        {error && <Notice tone="error">{error}</Notice>}
        <DialogActions>
          <Button variant="secondary" onClick={dialog.close} disabled={pending}>
            Cancel
          </Button>
          <Button
            variant={variant}
            pending={pending}
            onClick={() =>
              startTransition(async () => {
                const failure = await onConfirm();
                if (failure) setError(failure);
                else dialog.close();
              })
            }
          >
            {confirmLabel}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
