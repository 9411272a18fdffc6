"use client";

import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { useCallback, useRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { useDismiss } from "./use-dismiss";

export type SwitcherAccount = { shortName: string; displayName: string; roleLabel: string };

const PANEL_ID = "account-switcher-panel";

/**
 * The header's account switcher: a disclosure (a button that shows and hides a list of links),
 * not a menu, so Tab and Enter are all it needs. It closes on Escape (focus back on the
 * button), when focus leaves it, on a click outside, and after navigating.
 */
export function AccountSwitcher({ accounts }: { accounts: SwitcherAccount[] }) {
  const params = useParams<{ account?: string }>();
  const current = accounts.find((a) => a.shortName === params.account);
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState<string | null>(null);
  const pathname = usePathname();
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);
  // Close after navigating from the list.
  if (open && openedAt !== pathname) setOpen(false);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    setOpen(false);
    button.current?.focus();
  };
  // Focus moving to something outside (Tab past the last link): the list is done with.
  // A click elsewhere (focus goes nowhere: relatedTarget is null) is useDismiss's to judge.
  const onBlur = (event: FocusEvent) => {
    const next = event.relatedTarget;
    if (next && !ref.current?.contains(next)) setOpen(false);
  };

  return (
    // `sm:relative`: on a phone the list spans the header (its positioned box), not the button.
    <div ref={ref} className="min-w-0 sm:relative" onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={PANEL_ID}
        onClick={() => {
          setOpenedAt(pathname);
          setOpen(!open);
        }}
        className="flex max-w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium text-zinc-800 ring-1 ring-zinc-300 hover:bg-zinc-50"
      >
        <span className="max-w-48 truncate">{current ? current.displayName : "Switch account"}</span>
        <svg
          className="size-4 shrink-0 text-zinc-600"
          viewBox="0 0 20 20"
          fill="currentColor"
          aria-hidden="true"
        >
          <path d="M5.23 7.21a.75.75 0 011.06.02L10 11.17l3.71-3.94a.75.75 0 111.08 1.04l-4.25 4.5a.75.75 0 01-1.08 0l-4.25-4.5a.75.75 0 01.02-1.06z" />
        </svg>
      </button>
      {/* Always in the page (hidden while closed), so aria-controls names an element that exists. */}
      <div
        id={PANEL_ID}
        hidden={!open}
        className="absolute inset-x-4 top-full z-20 mt-1 rounded-md bg-surface py-1 shadow-lg ring-1 ring-zinc-200 sm:inset-x-auto sm:left-0 sm:mt-2 sm:w-72"
      >
        <p
          id={`${PANEL_ID}-heading`}
          className="px-3 py-1.5 text-xs font-semibold tracking-wide text-zinc-600 uppercase"
        >
          Your accounts
        </p>
        <ul aria-labelledby={`${PANEL_ID}-heading`}>
          {accounts.map((account) => (
            <li key={account.shortName}>
              <Link
                href={`/a/${account.shortName}`}
                prefetch={false}
                aria-current={account.shortName === current?.shortName ? "page" : undefined}
                className="flex items-center justify-between gap-3 px-3 py-2 text-sm hover:bg-zinc-50 aria-[current=page]:bg-indigo-50"
              >
                <span className="min-w-0">
                  <span className="block truncate font-medium">{account.displayName}</span>
                  <span className="block truncate font-mono text-xs text-zinc-600">{account.shortName}</span>
                </span>
                <span className="shrink-0 text-xs text-zinc-600">{account.roleLabel}</span>
              </Link>
            </li>
          ))}
        </ul>
        <div className="mt-1 border-t border-zinc-200 pt-1">
          <Link href="/accounts" prefetch={false} className="block px-3 py-2 text-sm hover:bg-zinc-50">
            All accounts
          </Link>
          <Link
            href="/accounts/new"
            prefetch={false}
            className="block px-3 py-2 text-sm text-indigo-700 hover:bg-zinc-50"
          >
            + Add an account
          </Link>
        </div>
      </div>
    </div>
  );
}
