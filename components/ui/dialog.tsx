"use client";

import { createContext, useContext, useId, type ComponentProps, type ReactNode, type RefObject } from "react";
import { Button, type ButtonVariant } from "./button";

/**
 * A modal dialog opened and closed by HTML invoker commands, so it works before (and without)
 * JavaScript: the trigger names the dialog's id (`commandfor`) and says `show-modal`; Cancel
 * says `close`; Escape is the browser's. The native <dialog> keeps focus inside while open and
 * gives it back to the trigger when it closes. Its title names it for screen readers.
 *
 *   <DialogTrigger dialogId="invite-dialog">Invite people</DialogTrigger>
 *   <Dialog id="invite-dialog" title="Invite people">… <DialogClose>Cancel</DialogClose></Dialog>
 */
export function Dialog({
  id,
  title,
  children,
  dialogRef,
  size = "md",
  onClose,
  openWithoutScript = false,
}: {
  id: string;
  title: ReactNode;
  children: ReactNode;
  /** For code that must close the dialog itself, e.g. after its form succeeded. */
  dialogRef?: RefObject<HTMLDialogElement | null>;
  size?: "md" | "lg";
  /** Runs whenever the dialog closes (Cancel, Escape or code). */
  onClose?: () => void;
  /**
   * Rendered open (not modal: that needs script), for a page that comes back from a POST made
   * without JavaScript with something to say inside the dialog, such as why it was refused.
   */
  openWithoutScript?: boolean;
}) {
  const titleId = useId();
  return (
    <DialogIdContext value={id}>
      <dialog
        id={id}
        ref={dialogRef}
        aria-labelledby={titleId}
        onClose={onClose}
        open={openWithoutScript || undefined}
        className={`m-auto w-[calc(100%-2rem)] rounded-lg bg-surface p-0 text-zinc-900 shadow-xl backdrop:bg-black/50 ${size === "lg" ? "max-w-2xl" : "max-w-md"}`}
      >
        <div className="space-y-4 p-6">
          <h2 id={titleId} className="text-lg font-semibold">
            {title}
          </h2>
          {children}
        </div>
      </dialog>
    </DialogIdContext>
  );
}

const DialogIdContext = createContext<string | null>(null);

type TriggerProps = Omit<ComponentProps<typeof Button>, "type" | "command" | "commandfor"> & {
  dialogId: string;
  variant?: ButtonVariant;
};

/** The button that opens the dialog with this id, with or without JavaScript. */
export function DialogTrigger({ dialogId, variant = "secondary", ...props }: TriggerProps) {
  return (
    <Button
      {...props}
      type="button"
      variant={variant}
      commandfor={dialogId}
      command="show-modal"
      aria-haspopup="dialog"
    />
  );
}

/** Closes the dialog it sits in (Cancel), with or without JavaScript. */
export function DialogClose({
  variant = "secondary",
  ...props
}: Omit<ComponentProps<typeof Button>, "type" | "command" | "commandfor">) {
  const id = useContext(DialogIdContext);
  if (!id) throw new Error("DialogClose must sit inside a <Dialog>");
  return <Button {...props} type="button" variant={variant} commandfor={id} command="close" />;
}

export function DialogActions({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap justify-end gap-3">{children}</div>;
}
