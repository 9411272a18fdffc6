import {
  MEMBER_SORTS,
  MEMBER_STATUSES,
  type MemberFilters,
  type MemberSort,
  type PageCursor,
} from "@/lib/members/queries";

/** What the people table shows, read from its URL: every choice is shareable and survives Back. */
export type MemberListView = { q: string; sort: MemberSort; filters: MemberFilters; cursor: PageCursor };

type SearchParams = Record<string, string | string[] | undefined>;
const param = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** Anything unknown in the URL falls back to the default rather than failing. */
export function readMemberListView(query: SearchParams): MemberListView {
  const after = param(query.after);
  const before = param(query.before);
  const role = param(query.role)?.slice(0, 60);
  const project = param(query.project)?.slice(0, 20);
  return {
    q: (param(query.q) ?? "").slice(0, 100),
    sort: MEMBER_SORTS.find((s) => s === query.sort) ?? "name",
    filters: {
      role: role || undefined,
      status: MEMBER_STATUSES.find((s) => s === query.status),
      project: project || undefined,
      showDisabled: query.disabled === "1",
    },
    cursor: after ? { after } : before ? { before } : null,
  };
}

/** The URL of the view with some choices changed; paging starts over unless a cursor is given. */
export function memberListHref(
  base: string,
  view: MemberListView,
  changes: Partial<
    Record<"q" | "sort" | "role" | "status" | "project" | "disabled" | "after" | "before", string | null>
  >,
) {
  const current: Record<string, string | null | undefined> = {
    q: view.q || null,
    sort: view.sort === "name" ? null : view.sort,
    role: view.filters.role,
    status: view.filters.status,
    project: view.filters.project,
    disabled: view.filters.showDisabled ? "1" : null,
  };
  const merged = { ...current, ...changes };
  const search = new URLSearchParams(
    Object.entries(merged).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  return `${base}${search.size ? `?${search}` : ""}`;
}
