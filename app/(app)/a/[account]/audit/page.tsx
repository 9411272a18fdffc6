import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listAuditEvents } from "@/lib/audit/queries";
import { auditHref, readAuditView, resolveAuditFilters } from "@/lib/audit/view";
import { requireMember } from "@/lib/auth/current";
import { can } from "@/lib/permissions/can";
import { AuditFiltersForm } from "./audit-filters-form";
import { AuditTable } from "./audit-table";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage({ params, searchParams }: PageProps<"/a/[account]/audit">) {
  const ctx = await requireMember((await params).account);
  // What exists behind a permission does not show either: 404, as for outsiders.
  if (!can(ctx, "audit.read")) notFound();
  const query = await searchParams;
  const view = readAuditView(query);
  const base = `/a/${ctx.account.shortName}/audit`;
  // The form GETs every field, chosen or not: the address without the empty ones is the one to share.
  if (Object.values(query).some((value) => value === "")) redirect(auditHref(base, view, cursorParams(view)));
  const db = await getDb();
  const { filters, personEmail } = await resolveAuditFilters(db, ctx.account.id, view);
  const page = await listAuditEvents(db, ctx.account.id, filters, view.cursor);
  const filtered = Boolean(filters.person || filters.action || filters.from || filters.to);
  const exportHref = auditHref(`${base}/export`, view);

  return (
    <section aria-labelledby="audit-heading">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <h2 id="audit-heading" className="text-lg font-semibold">
          Audit log
        </h2>
        {/* A plain link, not a client navigation: the route answers with a file to save. */}
        <a
          href={exportHref}
          download
          className="rounded-md bg-surface px-3 py-1.5 text-sm font-medium ring-1 ring-zinc-300 ring-inset hover:bg-zinc-50"
        >
          Export CSV
          <span className="sr-only">
            {" "}
            of the events {filtered ? "matching the filters" : "of the account"}
          </span>
        </a>
      </div>
      <AuditFiltersForm base={base} view={view} personEmail={personEmail} />
      <Card>
        {page.events.length === 0 ? (
          <div className="p-6 text-center text-sm text-zinc-600">
            {view.cursor
              ? "No more events this way."
              : filtered
                ? "No events match these filters."
                : "Nothing has been recorded in this account yet."}
          </div>
        ) : (
          <AuditTable base={base} view={view} page={page} />
        )}
      </Card>
      <p className="mt-3 text-xs text-zinc-500">
        The audit log is append-only: nobody, administrators included, can change or delete its events.
      </p>
    </section>
  );
}

const cursorParams = (view: ReturnType<typeof readAuditView>) =>
  view.cursor ? ("after" in view.cursor ? { after: view.cursor.after } : { before: view.cursor.before }) : {};
