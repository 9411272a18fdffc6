import Link from "next/link";
import type { ReactNode } from "react";

type PageLink = { href: string; label?: string } | null;

/**
 * Where this page sits in the list: `first` is the position of its first row (1-based), null
 * when paging by keyset has lost count of it; `total` is how many rows the list has in all,
 * `exact` false when it was counted only up to `total` ("more than 10,000").
 */
export type PageRange = { first: number | null; shown: number; total: number; exact?: boolean };

/** "1–50 of 312" where the position is known, else "312 in all": never a made-up position. */
export function rangeText({ first, shown, total, exact = true }: PageRange): string {
  const count = `${exact ? "" : "more than "}${total.toLocaleString("en")}`;
  if (first === null || shown === 0) return `${count} in all`;
  const last = first + shown - 1;
  return `${first.toLocaleString("en")}–${last.toLocaleString("en")} of ${count}`;
}

/**
 * The links between pages of a list (by keyset or by page number), with where this page sits
 * between them ("1–50 of 312", from `range`) and an optional summary after it. Not prefetched:
 * each page is a server render with its own queries, and most lists are read one page at a time.
 */
export function Pager({
  label,
  previous,
  next,
  range,
  summary: extra,
}: {
  /** What the pages are of, for the navigation landmark: "Pages of people". */
  label: string;
  previous: PageLink;
  next: PageLink;
  range?: PageRange;
  summary?: ReactNode;
}) {
  const summary =
    range || extra ? (
      <>
        {range && rangeText(range)}
        {range && extra && " · "}
        {extra}
      </>
    ) : null;
  if (!previous && !next && !summary) return null;
  return (
    <nav
      aria-label={label}
      className={`flex items-center gap-4 border-t border-zinc-100 px-4 py-3 text-sm ${summary ? "justify-between" : "justify-end"}`}
    >
      {previous ? (
        <PagerLink href={previous.href}>{previous.label ?? "← Previous"}</PagerLink>
      ) : (
        summary && <span />
      )}
      {summary && <span className="text-zinc-600">{summary}</span>}
      {next ? <PagerLink href={next.href}>{next.label ?? "Next →"}</PagerLink> : summary && <span />}
    </nav>
  );
}

function PagerLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} prefetch={false} className="font-medium text-indigo-700 hover:underline">
      {children}
    </Link>
  );
}
