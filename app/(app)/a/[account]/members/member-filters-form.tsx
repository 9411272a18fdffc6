import { Checkbox } from "@/components/ui/checkbox";
import { FilterForm, FilterInput, FilterSelect, type FilterOption } from "@/components/ui/filter-form";
import { memberListHref, type MemberListView } from "./list-params";

export type { FilterOption };

const STATUS_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "awaiting", label: "Awaiting approval" },
  { value: "disabled", label: "Disabled" },
];

/** Search and filters of the people table. */
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
    <div className="mb-3">
      <FilterForm
        label="Search and filter people"
        action={base}
        submitLabel="Search"
        clear={anyChoice ? { href: memberListHref(base, { ...view, q: "", filters: {} }, {}) } : null}
      >
        {sort !== "name" && <input type="hidden" name="sort" value={sort} />}
        <FilterInput
          id="member-search"
          label="Search members"
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Name, email, user name or company"
          wide
        />
        <FilterSelect
          id="member-role"
          label="Role"
          name="role"
          defaultValue={filters.role ?? ""}
          anyLabel="Any role"
          options={roles}
        />
        <FilterSelect
          id="member-status"
          label="Status"
          name="status"
          defaultValue={filters.status ?? ""}
          anyLabel="Any status"
          options={STATUS_OPTIONS}
        />
        {projects && (
          <FilterSelect
            id="member-project"
            label="Project"
            name="project"
            defaultValue={filters.project ?? ""}
            anyLabel="Any project"
            options={projects}
          />
        )}
        <Checkbox
          label="Show disabled"
          name="disabled"
          value="1"
          defaultChecked={filters.showDisabled}
          className="items-center py-1.5 text-zinc-700"
        />
      </FilterForm>
    </div>
  );
}
