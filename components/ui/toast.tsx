"use client";

import { useEffect } from "react";
import { Toaster as Sonner, toast } from "sonner";
import { useHydrated } from "@/components/use-hydrated";
import { Notice } from "./notice";

// The one way to tell someone an action finished: `notify.success("Role saved.")`. Errors
// that belong to a form stay next to that form; `notify.error` is for an action that has no
// place of its own to show one.

/**
 * Toasts keyed by their text: the same message again (a second click of "Resend") refreshes
 * the toast already showing instead of stacking a copy of it.
 */
export const notify = {
  success: (message: string) => {
    toast.success(message, { id: `success:${message}` });
  },
  error: (message: string) => {
    toast.error(message, { id: `error:${message}` });
  },
};

/**
 * Mounted once, in the root layout. Its region (a polite live region) is in the page from the
 * start, so screen readers announce the first toast too. Unstyled: sonner only positions the
 * toasts, and these classes draw them with the app's palette, dark mode included.
 *
 * Sonner adds its stylesheet as an inline `<style>`; the Content-Security-Policy allows
 * exactly that text by its hash (lib/http/security-headers.ts).
 */
export function Toaster() {
  return (
    <Sonner
      position="bottom-right"
      visibleToasts={3}
      expand
      closeButton
      duration={6000}
      containerAriaLabel="Notifications"
      toastOptions={{
        unstyled: true,
        closeButtonAriaLabel: "Dismiss",
        classNames: {
          toast:
            "flex w-(--width) items-start gap-3 rounded-lg bg-surface p-4 pr-11 text-sm text-zinc-900 shadow-lg ring-1 ring-zinc-900/10 ring-inset",
          icon: "mt-0.5 shrink-0 [&>svg]:size-4",
          success: "[&_[data-icon]]:text-green-600",
          error: "[&_[data-icon]]:text-red-600",
          content: "min-w-0 flex-1 break-words",
          title: "font-medium",
          closeButton:
            "absolute top-2.5 right-2.5 grid size-7 place-items-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 [&>svg]:size-3.5",
        },
      }}
    />
  );
}

/**
 * The news a redirect brought (`/a/acme?joined=1`: "You joined Acme."). With scripts it is a
 * toast, and the parameter leaves the address so a reload does not say it again; without
 * them, a notice in the page.
 */
export function ArrivalToast({ message, param }: { message: string; param: string }) {
  const hydrated = useHydrated();
  useEffect(() => {
    notify.success(message);
    const url = new URL(window.location.href);
    url.searchParams.delete(param);
    window.history.replaceState(null, "", url);
  }, [message, param]);
  return hydrated ? null : <Notice tone="success">{message}</Notice>;
}
