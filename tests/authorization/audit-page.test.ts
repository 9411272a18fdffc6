import { beforeAll, describe, expect, it, vi } from "vitest";
import AuditLogPage from "@/app/(app)/a/[account]/audit/page";
import type { Caller } from "@/lib/actions/action";
import { testDatabase } from "@/tests/test-db";
import { ACTORS, buildWorld, type Actor, type World } from "./world";

// The page reads its caller as every page does (Auth.js cookie → session → requireMember);
// here the cookie's session token is the caller's under test, and nothing else changes.
const currentToken = vi.hoisted(() => ({ value: null as string | null }));
vi.mock("@/lib/auth/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/auth")>()),
  auth: async () => (currentToken.value ? { sessionToken: currentToken.value } : null),
}));
vi.mock("next/headers", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/headers")>()),
  headers: async () => new Headers({ "x-roster-path": "/audit-page-under-test" }),
}));

const t = testDatabase();
let world: World;

beforeAll(async () => {
  world = await buildWorld(t.db);
});

/** The page's answer to a caller: what it rendered, or the digest of the redirect or 404 it threw. */
async function open(caller: Caller, shortName: string, query: Record<string, string> = {}) {
  currentToken.value = caller.sessionToken;
  try {
    return {
      element: await AuditLogPage({
        params: Promise.resolve({ account: shortName }),
        searchParams: Promise.resolve(query),
      } as never),
    };
  } catch (error) {
    return { digest: (error as { digest?: string }).digest ?? String(error) };
  } finally {
    currentToken.value = null;
  }
}

const NOT_FOUND = "NEXT_HTTP_ERROR_FALLBACK;404";

describe("/a/[account]/audit", () => {
  const expected = (actor: Actor) => {
    switch (actor) {
      case "owner":
      case "admin":
        return "opens";
      case "signedOut":
        return /^NEXT_REDIRECT;[a-z]+;\/sign-in\?callbackUrl=/;
      case "disabled":
        return /^NEXT_REDIRECT;[a-z]+;\/accounts\?disabled=/;
      case "awaiting":
        return /^NEXT_REDIRECT;[a-z]+;\/accounts\?awaiting=/;
      default:
        // Members without audit.read, and everyone outside the account.
        return NOT_FOUND;
    }
  };

  for (const actor of ACTORS) {
    it(`answers the ${actor} as the export does`, async () => {
      const outcome = await open(world.callers[actor], world.account.shortName);
      const want = expected(actor);
      if (want === "opens") expect(outcome.element).toBeTruthy();
      else if (typeof want === "string") expect(outcome).toEqual({ digest: want });
      else expect(outcome.digest).toMatch(want);
    });
  }

  it("answers 404 for an account that does not exist", async () => {
    expect(await open(world.callers.owner, "no-such-account-here")).toEqual({ digest: NOT_FOUND });
  });

  it("opens with filters and a cursor, and sends an address with empty fields to the one without", async () => {
    const filtered = await open(world.callers.admin, world.account.shortName, {
      action: "role.created",
      email: world.people.custom.email,
      from: "2020-01-01",
    });
    expect(filtered.element).toBeTruthy();
    const tidied = await open(world.callers.admin, world.account.shortName, {
      action: "role.created",
      email: "",
    });
    expect(tidied.digest).toMatch(
      new RegExp(`^NEXT_REDIRECT;[a-z]+;/a/${world.account.shortName}/audit\\?action=role\\.created;`),
    );
  });
});
