import { inspect } from "node:util";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import { z } from "zod";
import { users } from "@/db/schema";
import { publicAction } from "@/lib/actions/action";
import { randomEmail } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { describeError, logRequestError, logUnexpected } from "./log";

const t = testDatabase();
const HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2g";

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
});
afterEach(() => consoleError.mockRestore());

const logged = () =>
  consoleError.mock.calls
    .map((call) => call.map((part) => (typeof part === "string" ? part : inspect(part))).join(" "))
    .join("\n");

/** A real unique violation from this run's database: its parameters hold an email and a password hash. */
async function duplicateUserError(email: string): Promise<Error> {
  await t.db.insert(users).values({ email, name: "Ada", passwordHash: HASH });
  try {
    await t.db.insert(users).values({ email, name: "Ada again", passwordHash: HASH });
  } catch (error) {
    return error as Error;
  }
  throw new Error("the second insert should have failed");
}

/** Everything the error would show if logged raw, so the test can see it carries the secrets. */
const raw = (error: unknown) => `${inspect(error, { depth: 5 })} ${JSON.stringify(error)}`;

describe("logging an unexpected error", () => {
  it("logs a database error's SQLSTATE and names, never its parameters, detail or query values", async () => {
    const email = randomEmail("ada");
    const error = await duplicateUserError(email);
    // What used to be logged: drizzle's message lists the parameters, the cause's detail the key.
    expect(raw(error)).toContain(email);
    expect(raw(error)).toContain(HASH);

    const reference = logUnexpected("test", error);
    const line = logged();
    expect(line).toContain(`reference ${reference}`);
    expect(line).toMatch(/DrizzleQueryError ← caused by database error 23505 \(.*table users.*constraint users_email/);
    expect(line).not.toContain(email);
    expect(line).not.toContain(HASH);
    expect(line).not.toContain("Key (");
    expect(line).not.toContain("insert into");
    expect(reference).toMatch(/^[0-9a-f]{10}$/);
  });

  it("logs the driver's own error (postgres.js PostgresError, PGlite DatabaseError) the same way", async () => {
    const email = randomEmail("bob");
    const driverError = (await duplicateUserError(email)).cause;
    expect(raw(driverError)).toContain(email); // its `detail`
    logUnexpected("test", driverError);
    expect(logged()).toMatch(/database error 23505/);
    expect(logged()).not.toContain(email);
  });

  it("leaves out a database message that quotes the input", async () => {
    const email = randomEmail("carol");
    const error = await t.db.execute(sql`select ${email}::uuid`).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(raw(error)).toContain(email); // 'invalid input syntax for type uuid: "carol-…"'
    logUnexpected("test", error);
    expect(logged()).toMatch(/database error 22P02/);
    expect(logged()).not.toContain(email);
  });

  it("logs any other error's name, code and message, and where it was thrown", () => {
    const error = Object.assign(new TypeError("cannot read properties of undefined"), { code: "E_TEST" });
    logUnexpected("test", error);
    expect(logged()).toMatch(/\[test\] unexpected error, reference \w+: TypeError E_TEST: cannot read properties/);
    expect(logged()).toMatch(/\n\s+at .*log\.test\.ts/);
    expect(describeError("a thrown string with a secret")).not.toContain("secret");
  });
});

describe("an error while rendering a page (instrumentation's onRequestError)", () => {
  it("is logged under the digest the error page shows, and left holding nothing for Next's own log", async () => {
    const email = randomEmail("dan");
    const error = Object.assign(await duplicateUserError(email), { digest: "1234567890" });
    expect(logRequestError(error, "render /a/[account]")).toBe("1234567890");
    expect(logged()).toContain("[render /a/[account]] unexpected error, reference 1234567890: DrizzleQueryError");
    // What Next logs next: the same object.
    expect(raw(error)).not.toContain(email);
    expect(raw(error)).not.toContain(HASH);
    expect(raw(error)).toContain("1234567890");
    expect(error.message).toMatch(/database error 23505/);
  });
});

describe("an action that fails unexpectedly", () => {
  const createUser = publicAction(z.object({ email: z.string() }), async ({ email }, ctx) => {
    await ctx.db.insert(users).values({ email, name: "Eve", passwordHash: HASH });
    return "created";
  });

  it("tells the user the reference of its log line, which holds none of the input", async () => {
    const email = randomEmail("eve");
    const caller = { sessionToken: null, meta: { ip: null, userAgent: null } } as never;
    expect(await createUser.runAs(caller, { email })).toEqual({ ok: true, data: "created" });

    const result = await createUser.runAs(caller, { email });
    expect(result).toMatchObject({ ok: false, code: "unexpected" });
    if (result.ok) return;
    expect(result.reference).toMatch(/^[0-9a-f]{10}$/);
    expect(result.error).toBe(
      `Something went wrong and nothing was changed. Please try again. (Reference: ${result.reference})`,
    );
    const lines = consoleError.mock.calls.map((call) => String(call[0]));
    expect(lines).toEqual([expect.stringContaining(`[action] unexpected error, reference ${result.reference}:`)]);
    expect(lines[0]).toMatch(/database error 23505/);
    expect(lines[0]).not.toContain(email);
    expect(lines[0]).not.toContain(HASH);
  });
});
