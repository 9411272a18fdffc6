import Link from "next/link";
import { memberListHref, type MemberListView } from "./list-params";

export type FilterOption = { value: string; label: string };

const FIELD =
  "rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none";

/**
 * Search and filters of the people table. A search, not a change: the form GETs, so the view
 * is a URL (linkable, back-button safe) and works without JavaScript; nothing in it is secret.
 */
export function MemberFiltersForm({
  base,
  view,
  roles,
  projects,
}: {
  base: string;
  view: MemberListView;
  roles: FilterOption[];
  projects: FilterOption[] | null;
}) {
  const { q, sort, filters } = view;
  const anyChoice = Boolean(q || filters.role || filters.status || filters.project || filters.showDisabled);
  return (
    <form
      role="search"
      method="get"
      action={base}
      className="mb-3 flex flex-wrap items-end gap-3"
      aria-label="Search and filter people"
    >
      {sort !== "name" && <input type="hidden" name="sort" value={sort} />}
      <div className="flex flex-col gap-1">
        <label htmlFor="member-search" className="text-xs font-medium text-zinc-600">
          Search members
        </label>
        <input
          id="member-search"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Name, email, user name or company"
          className={`${FIELD} w-72`}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="member-role" className="text-xs font-medium text-zinc-600">
          Role
        </label>
        <select id="member-role" name="role" defaultValue={filters.role ?? ""} className={FIELD}>
          <option value="">Any role</option>
          {roles.map((role) => (
            <option key={role.value} value={role.value}>
              {role.label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="member-status" className="text-xs font-medium text-zinc-600">
          Status
        </label>
        <select id="member-status" name="status" defaultValue={filters.status ?? ""} className={FIELD}>
          <option value="">Any status</option>
          <option value="active">Active</option>
          <option value="awaiting">Awaiting approval</option>
          <option value="disabled">Disabled</option>
        </select>
      </div>
      {projects && (
        <div className="flex flex-col gap-1">
          <label htmlFor="member-project" className="text-xs font-medium text-zinc-600">
            Project
          </label>
          <select id="member-project" name="project" defaultValue={filters.project ?? ""} className={FIELD}>
            <option value="">Any project</option>
            {projects.map((project) => (
              <option key={project.value} value={project.value}>
                {project.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <label className="flex items-center gap-2 py-1.5 text-sm text-zinc-700">
        <input
          type="checkbox"
          name="disabled"
          value="1"
          defaultChecked={filters.showDisabled}
          className="size-4 rounded border-zinc-400 text-indigo-600"
        />
        Show disabled
      </label>
      <button
        type="submit"
        className="rounded-md bg-white px-3 py-1.5 text-sm font-medium ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50"
      >
        Search
      </button>
      {anyChoice && (
        <Link
          href={memberListHref(base, { ...view, q: "", filters: {} }, {})}
          className="py-1.5 text-sm font-medium text-indigo-700 hover:underline"
        >
          Clear
        </Link>
      )}
    </form>
  );
}
