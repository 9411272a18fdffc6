import Link from "next/link";
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from "@/lib/audit/labels";
import type { AuditView } from "@/lib/audit/view";

const FIELD =
  "rounded-md border-0 px-2.5 py-1.5 text-sm ring-1 ring-zinc-300 ring-inset focus:ring-2 focus:ring-indigo-600 focus:outline-none";

const ACTION_OPTIONS = [...AUDIT_ACTIONS].sort((a, b) =>
  AUDIT_ACTION_LABELS[a].localeCompare(AUDIT_ACTION_LABELS[b], "en"),
);

/**
 * Filters of the audit log. A search, not a change: the form GETs, so the view is a URL
 * (linkable, back-button safe) and works without JavaScript. The person is typed as an email
 * (an account can have too many people for a list); a member's page links with their user id.
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
    <form
      role="search"
      method="get"
      action={base}
      className="mb-3 flex flex-wrap items-end gap-3"
      aria-label="Filter the audit log"
    >
      {/* A linked person whose email is not known here (no longer a member) stays in the filter. */}
      {view.person && !personEmail && <input type="hidden" name="person" value={view.person} />}
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-person" className="text-xs font-medium text-zinc-600">
          Person (email)
        </label>
        <input
          id="audit-person"
          name="email"
          type="email"
          defaultValue={personEmail ?? ""}
          placeholder="Who acted, or who it was about"
          className={`${FIELD} w-64`}
        />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-action" className="text-xs font-medium text-zinc-600">
          Action
        </label>
        <select id="audit-action" name="action" defaultValue={view.action ?? ""} className={FIELD}>
          <option value="">Any action</option>
          {ACTION_OPTIONS.map((action) => (
            <option key={action} value={action}>
              {AUDIT_ACTION_LABELS[action]}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-from" className="text-xs font-medium text-zinc-600">
          From (UTC)
        </label>
        <input id="audit-from" name="from" type="date" defaultValue={view.from ?? ""} className={FIELD} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="audit-to" className="text-xs font-medium text-zinc-600">
          To (UTC)
        </label>
        <input id="audit-to" name="to" type="date" defaultValue={view.to ?? ""} className={FIELD} />
      </div>
      <button
        type="submit"
        className="rounded-md bg-white px-3 py-1.5 text-sm font-medium ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50"
      >
        Filter
      </button>
      {anyChoice && (
        <Link href={base} className="py-1.5 text-sm font-medium text-indigo-700 hover:underline">
          Clear
        </Link>
      )}
    </form>
  );
}
