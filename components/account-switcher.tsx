"use client";

import Link from "next/link";
import { useParams, usePathname } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { useDismiss } from "./use-dismiss";

export type SwitcherAccount = { shortName: string; displayName: string; roleLabel: string };

/** The header's account menu: every account the user belongs to, with their role in each. */
export function AccountSwitcher({ accounts }: { accounts: SwitcherAccount[] }) {
  const params = useParams<{ account?: string }>();
  const current = accounts.find((a) => a.shortName === params.account);
  const [open, setOpen] = useState(false);
  const [openedAt, setOpenedAt] = useState<string | null>(null);
  const pathname = usePathname();
  const ref = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(ref, open, close);
  // Close after navigating from the menu.
  if (open && openedAt !== pathname) setOpen(false);

  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls="account-switcher-menu"
        onClick={() => {
          setOpenedAt(pathname);
          setOpen(!open);
        }}
        className="flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium text-zinc-800 ring-1 ring-zinc-200 hover:bg-zinc-50"
      >
        <span className="max-w-48 truncate">{current ? current.displayName : "Switch account"}</span>
        <svg className="size-4 text-zinc-500" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
          <path d="M5.23 7.21a.75.75 0 011.06.02L10 11.17l3.71-3.94a.75.75 0 111.08 1.04l-4.25 4.5a.75.75 0 01-1.08 0l-4.25-4.5a.75.75 0 01.02-1.06z" />
        </svg>
      </button>
      {open && (
        <div
          id="account-switcher-menu"
          className="absolute left-0 z-20 mt-2 w-72 rounded-md bg-white py-1 shadow-lg ring-1 ring-zinc-200"
        >
          <p className="px-3 py-1.5 text-xs font-semibold uppercase tracking-wide text-zinc-500">
            Your accounts
          </p>
          <ul aria-label="Your accounts">
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
                    <span className="block truncate font-mono text-xs text-zinc-500">
                      {account.shortName}
                    </span>
                  </span>
                  <span className="shrink-0 text-xs text-zinc-600">{account.roleLabel}</span>
                </Link>
              </li>
            ))}
          </ul>
          <div className="mt-1 border-t border-zinc-100 pt-1">
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
      )}
    </div>
  );
}
