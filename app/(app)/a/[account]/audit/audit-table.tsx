import { Pager } from "@/components/ui/pager";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th } from "@/components/ui/table";
import { describeDevice } from "@/lib/auth/describe-device";
import { auditChanges, auditDetails } from "@/lib/audit/describe";
import { auditActionLabel } from "@/lib/audit/labels";
import type { AuditEventRow, AuditPage } from "@/lib/audit/queries";
import { auditHref, type AuditView } from "@/lib/audit/view";
import { formatDateTime } from "@/lib/format";

function Target({ event }: { event: AuditEventRow }) {
  if (!event.targetType) return <span className="text-zinc-500">—</span>;
  return (
    <div>
      {event.targetEmail && <div className="text-zinc-900">{event.targetEmail}</div>}
      <div className="text-xs text-zinc-500">
        {event.targetType}
        {!event.targetEmail && event.targetId && <span className="font-mono"> {event.targetId}</span>}
      </div>
    </div>
  );
}

function Changes({ event }: { event: AuditEventRow }) {
  const changes = auditChanges(event.data);
  const details = auditDetails(event.data);
  if (changes.length === 0 && details.length === 0) return <span className="text-zinc-500">—</span>;
  return (
    <ul className="space-y-0.5 text-xs break-words text-zinc-700">
      {changes.map((change, i) => (
        <li key={`c${i}`}>
          {change.field && <span className="text-zinc-500">{change.field}: </span>}
          <span>{change.before}</span> <span aria-hidden="true">→</span>
          <span className="sr-only"> changed to </span> <span>{change.after}</span>
        </li>
      ))}
      {details.map((detail) => (
        <li key={detail.field}>
          <span className="text-zinc-500">{detail.field}: </span>
          {detail.value}
        </li>
      ))}
    </ul>
  );
}

/** One page of the audit log, newest first, with Newer/Older links that keep the filters. */
export function AuditTable({ base, view, page }: { base: string; view: AuditView; page: AuditPage }) {
  return (
    <>
      <Table caption="Audit log events, newest first">
        <thead className="bg-zinc-50">
          <tr>
            <Th>When</Th>
            <Th>Who</Th>
            <Th>Action</Th>
            <Th>Target</Th>
            <Th>Change</Th>
            <Th>From</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {page.events.map((event) => (
            <tr key={event.id} className="align-top">
              <Td className="whitespace-nowrap align-top">
                <RelativeTime date={event.createdAt} className="block text-zinc-900" />
                {/* A log is read against other logs: the exact time stays visible, in UTC. */}
                <span className="block text-xs text-zinc-500">{formatDateTime(event.createdAt)}</span>
              </Td>
              <Td className="align-top">
                <div className="text-zinc-900">
                  {event.actorEmail ?? <span className="text-zinc-500">System</span>}
                </div>
                {event.impersonatorEmail && (
                  <div className="text-xs text-amber-700">
                    by {event.impersonatorEmail}, logged in as them
                  </div>
                )}
              </Td>
              <Td className="align-top">
                <div className="text-zinc-900">{auditActionLabel(event.action)}</div>
                <div className="font-mono text-xs text-zinc-500">{event.action}</div>
              </Td>
              <Td className="align-top">
                <Target event={event} />
              </Td>
              <Td className="max-w-xs align-top">
                <Changes event={event} />
              </Td>
              <Td className="align-top text-xs text-zinc-600">
                <div className="font-mono">{event.ip ?? "—"}</div>
                <div>{event.userAgent ? describeDevice(event.userAgent) : "—"}</div>
              </Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <Pager
        label="Pages of the audit log"
        previous={
          page.newer ? { href: auditHref(base, view, { before: page.newer }), label: "← Newer" } : null
        }
        next={page.older ? { href: auditHref(base, view, { after: page.older }), label: "Older →" } : null}
      />
    </>
  );
}
