import "server-only";
import { headers } from "next/headers";
import { refresh } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { loadMemberContext, type MemberContext } from "@/lib/accounts/member-context";
import { recordAuditEvent } from "@/lib/audit/record";
import { auth } from "@/lib/auth/auth";
import { findActiveSession, sessionReachesAccount, type ActiveSession } from "@/lib/auth/sessions";
import { wakeEmailWorker } from "@/lib/email/worker";
import { AppError, notFoundError } from "@/lib/errors";
import { requestMetaFrom, type RequestMeta } from "@/lib/http/request-meta";
import { logUnexpected } from "@/lib/log";
import { sessionIsOperator } from "@/lib/admin/operator";
import { assertCan } from "@/lib/permissions/can";
import { ACCESS_DISABLED, AWAITING_APPROVAL } from "@/lib/members/lock-actor";
import type { Permission } from "@/lib/permissions/permissions";
import { assertProjectCan, loadProjectContext, type ProjectContext } from "@/lib/projects/project-context";
import type { ProjectCapability } from "@/lib/projects/project-roles";
import { pathOfUnstorableText, UNSTORABLE_TEXT } from "./unstorable-text";
import type { ActionResult } from "./result";

/**
 * Server actions are built here, in layers — public, signed-in, member of an account, inside
 * one of its projects — so that every action parses its input with zod and authorizes its caller on the server
 * before any domain code runs. Actions stay thin: parse → authorize → call lib/.
 */

/** Who is calling: the session token from the Auth.js cookie, and where the request came from. */
export type Caller = { sessionToken: string | null; meta: RequestMeta };

export type PublicContext = {
  db: Db;
  meta: RequestMeta;
  session: (ActiveSession & { token: string }) | null;
};
export type UserContext = PublicContext & {
  session: ActiveSession & { token: string };
  user: ActiveSession["user"];
};
export type AccountContext = UserContext & MemberContext;

/**
 * A server action: called by the app with its input (the caller comes from the request), by a
 * `<form action>` through `useActionState` with the form's fields (so the form works before
 * and without JavaScript), or by tests with `runAs(caller, input)` to exercise the same
 * authorization as any actor.
 */
export type Action<Input, Output> = {
  (input: Input): Promise<ActionResult<Output>>;
  (previous: ActionResult<Output> | null, formData: FormData): Promise<ActionResult<Output>>;
  runAs: (caller: Caller, input: Input) => Promise<ActionResult<Output>>;
  /** The schema `runAs` parses its input with, so tests can read an action's fields (tests/fuzz). */
  schema: z.ZodType;
};

/** Fields never sent back to a form: what the user typed there stays out of the page. */
const SECRET_FIELD = /password|code|secret/i;

/** A form's fields as action input: repeated names become lists; React's own fields are dropped. */
function formDataToInput(formData: FormData): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  for (const [name, value] of formData.entries()) {
    if (name.startsWith("$ACTION") || typeof value !== "string") continue;
    const existing = input[name];
    input[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return input;
}

/** What the user typed, minus secrets, for the form to show again after the action answers. */
function typedValues(input: Record<string, string | string[]>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (!SECRET_FIELD.test(name) && typeof value === "string") values[name] = value;
  }
  return values;
}

const SIGNED_OUT = "Your session has ended. Sign in again to continue.";
export const TWO_FACTOR_REQUIRED =
  "This account requires two-factor authentication for administrators. Set it up on your profile first.";
const UNEXPECTED = "Something went wrong and nothing was changed. Please try again.";

async function callerFromRequest(): Promise<Caller> {
  const [session, requestHeaders] = await Promise.all([auth(), headers()]);
  return { sessionToken: session?.sessionToken ?? null, meta: requestMetaFrom(requestHeaders) };
}

/** redirect() travels as an error with a NEXT_REDIRECT digest. */
export function isRedirect(error: unknown): boolean {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_REDIRECT");
}

function failure(error: AppError): ActionResult<never> {
  return {
    ok: false,
    code: error.code,
    error: error.message,
    ...(error.field && { fieldErrors: { [error.field]: error.message } }),
  };
}

const INVALID = "Some fields need attention.";

function invalidInput(error: z.ZodError): ActionResult<never> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "form";
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, code: "invalid", error: INVALID, fieldErrors };
}

function defineAction<Schema extends z.ZodType, Output>(
  schema: Schema,
  run: (input: z.output<Schema>, base: PublicContext) => Promise<Output>,
): Action<z.input<Schema>, Output> {
  const runAs = async (caller: Caller, rawInput: z.input<Schema>): Promise<ActionResult<Output>> => {
    try {
      const parsed = schema.safeParse(rawInput);
      if (!parsed.success) return invalidInput(parsed.error);
      const field = pathOfUnstorableText(parsed.data);
      if (field) {
        return { ok: false, code: "invalid", error: INVALID, fieldErrors: { [field]: UNSTORABLE_TEXT } };
      }
      const db = await getDb();
      const active = caller.sessionToken ? await findActiveSession(db, caller.sessionToken) : null;
      const session = active && caller.sessionToken ? { ...active, token: caller.sessionToken } : null;
      // Whatever an administrator does as someone else is logged with both of them.
      const impersonator = session?.impersonation?.impersonator;
      const meta = impersonator
        ? { ...caller.meta, impersonator: { id: impersonator.id, email: impersonator.email } }
        : caller.meta;
      return { ok: true, data: await run(parsed.data, { db, meta, session }) };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() travel as errors
      if (error instanceof AppError) return failure(error);
      // Logged without its parameters, under a reference the user can quote to whoever reads the log.
      const reference = logUnexpected("action", error);
      return { ok: false, code: "unexpected", error: `${UNEXPECTED} (Reference: ${reference})`, reference };
    }
  };
  const action = async (inputOrPrevious: unknown, formData?: FormData) => {
    const fromForm = formData instanceof FormData ? formDataToInput(formData) : null;
    const input = (fromForm ?? inputOrPrevious) as z.input<Schema>;
    // After a change, the page the action came from (or the one it redirects to) renders
    // with fresh data, including the shared layouts (header, account switcher).
    let result: ActionResult<Output>;
    try {
      result = await runAs(await callerFromRequest(), input);
    } catch (error) {
      if (isRedirect(error)) {
        refresh();
        wakeEmailWorker();
      }
      throw error;
    }
    if (result.ok) {
      refresh();
      wakeEmailWorker(); // deliver any email the action queued now, not at the next poll
    }
    return fromForm ? { ...result, values: typedValues(fromForm) } : result;
  };
  return Object.assign(action, { runAs, schema }) as Action<z.input<Schema>, Output>;
}

/** An action anyone may call (sign up, sign in). */
export function publicAction<Schema extends z.ZodType, Output>(
  schema: Schema,
  handler: (input: z.output<Schema>, ctx: PublicContext) => Promise<Output>,
) {
  return defineAction(schema, handler);
}

function requireSignedIn(ctx: PublicContext): UserContext {
  if (!ctx.session) throw new AppError("unauthenticated", SIGNED_OUT);
  return { ...ctx, session: ctx.session, user: ctx.session.user };
}

export const NOT_WHILE_IMPERSONATING =
  "You are acting as someone else: their password, email, two-factor, sessions and accounts are theirs to change. Stop acting as them first.";

/**
 * An action for any signed-in user, on their own user: refused to an administrator acting as
 * them ("log in as"), whose reach is the one account they act in.
 */
export function userAction<Schema extends z.ZodType, Output>(
  schema: Schema,
  handler: (input: z.output<Schema>, ctx: UserContext) => Promise<Output>,
) {
  return defineAction(schema, (input, ctx) => {
    const signedIn = requireSignedIn(ctx);
    if (signedIn.session.impersonation) throw new AppError("forbidden", NOT_WHILE_IMPERSONATING);
    return handler(input, signedIn);
  });
}

/**
 * An action inside one account. The input names the account by short name; a caller who is
 * not a member gets "not found", a member without `permission` gets "forbidden" (as does one
 * whose access is disabled, and an administrator who has yet to set up the two-factor the
 * account requires). A refusal for lack of `permission` is audit-logged ("authorization.denied").
 */
export function memberAction<Shape extends z.ZodRawShape, Output>(
  options: { schema: z.ZodObject<Shape>; permission: Permission | null },
  handler: (input: z.output<z.ZodObject<Shape>>, ctx: AccountContext) => Promise<Output>,
) {
  const schema = options.schema.extend({ account: z.string().max(64) });
  return defineAction(schema, async (parsed, base) => {
    const { account, ...input } = parsed as { account: string } & Record<string, unknown>;
    const ctx = requireSignedIn(base);
    const member = await loadMemberContext(ctx.db, ctx.user, account);
    if (!member) throw notFoundError();
    if (!sessionReachesAccount(ctx.session, member.account.id)) throw notFoundError();
    if (member.disabled) throw new AppError("forbidden", ACCESS_DISABLED);
    if (member.awaitingApproval) throw new AppError("forbidden", AWAITING_APPROVAL);
    if (member.mustEnrolTwoFactor) throw new AppError("forbidden", TWO_FACTOR_REQUIRED);
    const accountCtx: AccountContext = { ...ctx, ...member };
    const permission = options.permission;
    if (permission) {
      await checkLoggingRefusal(accountCtx, { action: permission }, () => assertCan(member, permission));
    }
    return handler(input as z.output<z.ZodObject<Shape>>, accountCtx);
  });
}

/**
 * An action of the platform console (`/admin`), for platform operators only. Everyone else —
 * signed out, signed in without the flag, or an administrator acting as someone ("log in as") —
 * gets "not found", as the console's pages answer 404. Handlers that change something re-check
 * the flag inside their transaction (`isOperator(tx, …, { lock: true })` in lib/admin).
 */
export function operatorAction<Schema extends z.ZodType, Output>(
  schema: Schema,
  handler: (input: z.output<Schema>, ctx: UserContext) => Promise<Output>,
) {
  return defineAction(schema, async (input, ctx) => {
    if (!ctx.session || !(await sessionIsOperator(ctx.db, ctx.session))) throw notFoundError();
    return handler(input, { ...ctx, session: ctx.session, user: ctx.session.user });
  });
}

/**
 * Runs an authorization check of a member (one that throws "forbidden"), and when it refuses,
 * logs the refusal in the account's audit log — in a write of its own on the request's
 * connection, outside any transaction, so it stays although the action does nothing. A check
 * that passes costs nothing more. Only what was asked is logged, never the input (it may hold
 * a password or a token). Failing to log does not turn the refusal into another answer.
 */
async function checkLoggingRefusal(
  ctx: AccountContext,
  refused: { action: string; target?: { type: string; id: string } },
  check: () => void,
) {
  try {
    check();
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") {
      await recordAuditEvent(ctx.db, {
        action: "authorization.denied",
        accountId: ctx.account.id,
        actor: { id: ctx.user.id, email: ctx.user.email },
        target: refused.target ?? null,
        data: { action: refused.action },
        meta: ctx.meta,
      }).catch((auditError: unknown) => logUnexpected("action: logging a refusal", auditError));
    }
    throw error;
  }
}

export type ProjectActionContext = AccountContext & ProjectContext;

/**
 * An action inside one project of an account. The input names the account and the project
 * (by key); a caller without access to the project gets "not found", like an outsider, and
 * one whose project role lacks `capability` gets "forbidden" (audit-logged, as "project.<capability>").
 */
export function projectAction<Shape extends z.ZodRawShape, Output>(
  options: { schema: z.ZodObject<Shape>; capability: ProjectCapability },
  handler: (input: z.output<z.ZodObject<Shape>>, ctx: ProjectActionContext) => Promise<Output>,
) {
  const schema = options.schema.extend({ project: z.string().max(10) });
  return memberAction({ schema, permission: null }, async (parsed, ctx) => {
    const { project, ...input } = parsed as { project: string } & Record<string, unknown>;
    const projectCtx = await loadProjectContext(ctx.db, ctx, project);
    if (!projectCtx) throw notFoundError();
    await checkLoggingRefusal(
      ctx,
      { action: `project.${options.capability}`, target: { type: "project", id: projectCtx.project.id } },
      () => assertProjectCan(projectCtx, options.capability),
    );
    return handler(input as z.output<z.ZodObject<Shape>>, { ...ctx, ...projectCtx });
  });
}
