import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { isAuditAction } from "./labels";
import {
  findAccountPersonByEmail,
  isAuditPosition,
  personEmail,
  type AuditCursor,
  type AuditFilters,
} from "./queries";

type SearchParams = Record<string, string | string[] | undefined>;

/** A value the URL may hold, or nothing: anything malformed falls back rather than failing. */
const optional = <T extends z.ZodType>(schema: T) =>
  z
    .preprocess((value) => (typeof value === "string" && value !== "" ? value : undefined), schema.optional())
    .catch(undefined);

const day = z.iso.date();

/** The audit log's URL: its filters and where the page starts. Shared by the page and its export. */
const auditViewSchema = z.object({
  person: optional(z.uuid()),
  email: optional(z.string().trim().max(320)),
  action: optional(z.string().refine(isAuditAction)),
  from: optional(day),
  to: optional(day),
  after: optional(z.string().refine(isAuditPosition)),
  before: optional(z.string().refine(isAuditPosition)),
});

export type AuditView = {
  /** Who the person filter names, as typed (an email) or linked (a user id). */
  email?: string;
  person?: string;
  action?: AuditFilters["action"];
  from?: string;
  to?: string;
  cursor: AuditCursor;
};

export function readAuditView(query: SearchParams): AuditView {
  const parsed = auditViewSchema.parse(query);
  return {
    email: parsed.email,
    person: parsed.person,
    action: parsed.action as AuditFilters["action"],
    from: parsed.from,
    to: parsed.to,
    cursor: parsed.after ? { after: parsed.after } : parsed.before ? { before: parsed.before } : null,
  };
}

/** A user id that matches nobody: an email that names no member filters to an empty log. */
const NOBODY = "00000000-0000-0000-0000-000000000000";

/**
 * The query filters of a view, in one account: a typed email is looked up among the account's
 * members (a member's page links with their user id instead). Also the email to show in the
 * person field.
 */
export async function resolveAuditFilters(
  db: Db,
  accountId: string,
  view: AuditView,
): Promise<{ filters: AuditFilters; personEmail: string | undefined }> {
  const { action, from, to } = view;
  if (view.email) {
    const userId = await findAccountPersonByEmail(db, accountId, view.email);
    return { filters: { action, from, to, person: userId ?? NOBODY }, personEmail: view.email };
  }
  if (view.person) {
    const email = await personEmail(db, accountId, view.person);
    return { filters: { action, from, to, person: view.person }, personEmail: email ?? undefined };
  }
  return { filters: { action, from, to }, personEmail: undefined };
}

/** The URL of the log with some choices changed: filters kept, paging starting over unless given. */
export function auditHref(
  base: string,
  view: AuditView,
  changes: Partial<
    Record<"email" | "person" | "action" | "from" | "to" | "after" | "before", string | null>
  > = {},
) {
  const current: Record<string, string | null | undefined> = {
    email: view.email,
    person: view.email ? null : view.person,
    action: view.action,
    from: view.from,
    to: view.to,
  };
  const search = new URLSearchParams(
    Object.entries({ ...current, ...changes }).filter(
      (e): e is [string, string] => typeof e[1] === "string" && e[1] !== "",
    ),
  );
  return `${base}${search.size ? `?${search}` : ""}`;
}
