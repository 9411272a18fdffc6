import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from "@/lib/audit/labels";
import type { AuditView } from "@/lib/audit/view";

const ACTION_OPTIONS = [...AUDIT_ACTIONS]
  .sort((a, b) => AUDIT_ACTION_LABELS[a].localeCompare(AUDIT_ACTION_LABELS[b], "en"))
  .map((action) => ({ value: action, label: AUDIT_ACTION_LABELS[action] }));

/**
 * Filters of the audit log. The person is typed as an email (an account can have too many
 * people for a list); a member's page links with their user id.
 */
export function AuditFiltersForm({
  base,
  view,
  personEmail,
}: {
  base: string;
  view: AuditView;
  /** The email shown for the person filter (typed, or the linked member's). */
  personEmail: string | undefined;
}) {
  const anyChoice = Boolean(view.email || view.person || view.action || view.from || view.to);
  return (
    <div className="mb-3">
      <FilterForm
        label="Filter the audit log"
        action={base}
        submitLabel="Filter"
        clear={anyChoice ? { href: base } : null}
      >
        {/* A linked person whose email is not known here (no longer a member) stays in the filter. */}
        {view.person && !personEmail && <input type="hidden" name="person" value={view.person} />}
        <FilterInput
          id="audit-person"
          label="Person (email)"
          name="email"
          type="email"
          defaultValue={personEmail ?? ""}
          placeholder="Who acted, or who it was about"
          wide
        />
        <FilterSelect
          id="audit-action"
          label="Action"
          name="action"
          defaultValue={view.action ?? ""}
          anyLabel="Any action"
          options={ACTION_OPTIONS}
        />
        <FilterInput
          id="audit-from"
          label="From (UTC)"
          name="from"
          type="date"
          defaultValue={view.from ?? ""}
        />
        <FilterInput id="audit-to" label="To (UTC)" name="to" type="date" defaultValue={view.to ?? ""} />
      </FilterForm>
    </div>
  );
}
