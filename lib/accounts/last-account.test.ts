import { describe, expect, it } from "vitest";
import { memberships } from "@/db/schema";
import { signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { accountOpenedBy, lastAccountCookie } from "./last-account";
import { homeAccountOf } from "./queries";

const t = testDatabase();

const request = (pathname: string, method = "GET", headers: Record<string, string> = {}) => ({
  method,
  pathname,
  headers: new Headers(headers),
});

describe("the account a browser opened last", () => {
  it("is an account's page opened by a GET, not a prefetch or a post", () => {
    expect(accountOpenedBy(request("/a/acme"))).toBe("acme");
    expect(accountOpenedBy(request("/a/acme/members/123"))).toBe("acme");
    expect(accountOpenedBy(request("/a/acme", "POST"))).toBeNull();
    expect(accountOpenedBy(request("/a/acme", "GET", { "next-router-prefetch": "1" }))).toBeNull();
    expect(accountOpenedBy(request("/a/acme", "GET", { "sec-purpose": "prefetch" }))).toBeNull();
    expect(accountOpenedBy(request("/accounts"))).toBeNull();
    expect(accountOpenedBy(request("/a/Not A Name"))).toBeNull();
  });

  it("is a cookie for the whole site, secure over HTTPS", () => {
    expect(lastAccountCookie("acme", true)).toBe(
      "roster-last-account=acme; path=/; max-age=31536000; samesite=lax; secure",
    );
    expect(lastAccountCookie("acme", false)).not.toContain("secure");
  });

  it("is where / goes when the user may open it; otherwise the account last joined, then the first", async () => {
    const { user, account } = await signUp(t.db);
    const other = await signUp(t.db);
    await t.db.insert(memberships).values({ accountId: other.account.id, userId: user.id, role: "member" });

    expect(await homeAccountOf(t.db, user.id, other.account.shortName)).toBe(other.account.shortName);
    expect(await homeAccountOf(t.db, user.id, null)).toBe(account.shortName);
    // A name the user is not a member of (a stale or forged cookie) grants nothing.
    const stranger = await signUp(t.db);
    expect(await homeAccountOf(t.db, user.id, stranger.account.shortName)).toBe(account.shortName);
  });
});
