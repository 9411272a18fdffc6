import { USER_SORTS, type PageCursor, type UserSort } from "@/lib/admin/lists";

type SearchParams = Record<string, string | string[] | undefined>;
const param = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

/** The users table's view, read from its URL; anything unknown falls back to the default. */
export type UserListView = { q: string; sort: UserSort; cursor: PageCursor };

export function readCursor(query: SearchParams): PageCursor {
  const after = param(query.after);
  const before = param(query.before);
  return after ? { after } : before ? { before } : null;
}

export function readUserListView(query: SearchParams): UserListView {
  return {
    q: (param(query.q) ?? "").trim().slice(0, 100),
    sort: USER_SORTS.find((s) => s === query.sort) ?? "name",
    cursor: readCursor(query),
  };
}

/** The URL of the view with some choices changed; paging starts over unless a cursor is given. */
export function userListHref(
  view: UserListView,
  changes: Partial<Record<"q" | "sort" | "after" | "before", string | null>>,
) {
  const merged = { q: view.q || null, sort: view.sort === "name" ? null : view.sort, ...changes };
  const search = new URLSearchParams(
    Object.entries(merged).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  return `/admin${search.size ? `?${search}` : ""}`;
}

/** The accounts table's view: a search, and the page. */
export type AccountListView = { q: string; cursor: PageCursor };

export function readAccountListView(query: SearchParams): AccountListView {
  return { q: (param(query.q) ?? "").trim().slice(0, 100), cursor: readCursor(query) };
}

export function accountListHref(view: AccountListView, changes: Partial<Record<"after" | "before", string>>) {
  const search = new URLSearchParams(
    Object.entries({ q: view.q, ...changes }).filter((e): e is [string, string] => Boolean(e[1])),
  );
  return `/admin/accounts${search.size ? `?${search}` : ""}`;
}
