"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { LinkPending } from "./link-pending";

export type AccountNavItem = { href: string; label: string };

/** The account's tabs; the one for the current page is marked. */
export function AccountNav({ items }: { items: AccountNavItem[] }) {
  const pathname = usePathname();
  const active = items.reduce<AccountNavItem | undefined>(
    (best, item) =>
      (pathname === item.href || pathname.startsWith(`${item.href}/`)) &&
      item.href.length > (best?.href.length ?? 0)
        ? item
        : best,
    undefined,
  );
  return (
    <nav aria-label="Account" className="-mb-px flex gap-6 overflow-x-auto">
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          // Every tab is a dynamic page (a server render with its own queries): prefetching them
          // all would cost the server as many renders per view as there are tabs (issue 15).
          prefetch={false}
          aria-current={item === active ? "page" : undefined}
          className="border-b-2 border-transparent py-3 text-sm font-medium whitespace-nowrap text-zinc-600 hover:text-zinc-900 aria-[current=page]:border-indigo-600 aria-[current=page]:text-indigo-700"
        >
          {item.label}
          <LinkPending />
        </Link>
      ))}
    </nav>
  );
}
