import Link from "next/link";
import type { ReactNode } from "react";

type PageLink = { href: string; label?: string } | null;

/**
 * The links between pages of a list (by keyset or by page number), with an optional summary
 * ("Page 2 of 7 · 312 projects") between them. Not prefetched: each page is a server render
 * with its own queries, and most lists are read one page at a time.
 */
export function Pager({
  label,
  previous,
  next,
  summary,
}: {
  /** What the pages are of, for the navigation landmark: "Pages of people". */
  label: string;
  previous: PageLink;
  next: PageLink;
  summary?: ReactNode;
}) {
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
