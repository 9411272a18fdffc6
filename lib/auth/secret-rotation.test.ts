import { decode, encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SESSION_LIFETIME_SECONDS } from "@/lib/config";
import { seal, unseal } from "@/lib/crypto/seal";
import { sealBody, unsealBody } from "@/lib/email/seal";
import { callerFor, signUp } from "@/tests/fixtures";
import { testDatabase } from "@/tests/test-db";
import { auth } from "./auth";
import { authSecret, authSecrets } from "./secret";
import { findActiveSession } from "./sessions";

// Rotating AUTH_SECRET: the new secret goes first in the list, the old one stays after it
// until what was made under it has expired. Cookies are made by Auth.js's own encoder (the one
// its sign-in uses) and read by the app's own `auth()`, as a request would.

const t = testDatabase();
const OLD = "the-secret-before-rotation";
const NEW = "the-secret-after-rotation";
const COOKIE = "authjs.session-token"; // plain http; Auth.js salts the cookie's key with its name

let configured: string | undefined;
beforeEach(() => {
  configured = process.env.AUTH_SECRET;
});
afterEach(() => {
  process.env.AUTH_SECRET = configured;
});

/** The session cookie Auth.js sets at sign-in, under the secrets configured now. */
async function sessionCookie(user: { id: string; email: string }, sessionToken: string) {
  const jwt = await encode({
    token: { sub: user.id, email: user.email, sessionToken },
    secret: authSecrets(),
    salt: COOKIE,
    maxAge: SESSION_LIFETIME_SECONDS,
  });
  return `${COOKIE}=${jwt}`;
}

/** What the app's `auth()` makes of a request carrying `cookie`, and the cookie it sets back. */
async function readSession(cookie: string) {
  const response = { headers: new Headers() };
  const request = { headers: { cookie, host: "localhost:3000", "x-forwarded-proto": "http" } };
  const session = (await auth({ req: request, res: response } as never)) as { sessionToken?: string } | null;
  const renewed = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .find((pair) => pair.startsWith(`${COOKIE}=`));
  return { sessionToken: session?.sessionToken ?? null, renewed: renewed?.slice(COOKIE.length + 1) ?? null };
}

describe("rotating AUTH_SECRET", () => {
  it("reads a list, newest first: the newest makes what is new", () => {
    process.env.AUTH_SECRET = ` ${NEW} , ${OLD},`;
    expect(authSecrets()).toEqual([NEW, OLD]);
    expect(authSecret()).toBe(NEW);
  });

  it("keeps a session made under the old secret signed in, and renews its cookie under the new one", async () => {
    process.env.AUTH_SECRET = OLD;
    const { user, email } = await signUp(t.db);
    const { sessionToken } = await callerFor(t.db, email);
    const cookie = await sessionCookie({ id: user.id, email }, sessionToken!);
    expect((await readSession(cookie)).sessionToken).toBe(sessionToken);

    process.env.AUTH_SECRET = `${NEW},${OLD}`;
    const after = await readSession(cookie);
    expect(after.sessionToken).toBe(sessionToken);
    expect(await findActiveSession(t.db, after.sessionToken!)).toMatchObject({ user: { id: user.id } });
    // The cookie Auth.js sets back is made under the new secret alone.
    expect(after.renewed).toBeTruthy();
    expect(await decode({ token: after.renewed!, secret: NEW, salt: COOKIE })).toMatchObject({ sessionToken });
    await expect(decode({ token: after.renewed!, secret: OLD, salt: COOKIE })).rejects.toThrow();

    // Once the old secret is dropped from the list, its cookies open nothing.
    process.env.AUTH_SECRET = NEW;
    expect((await readSession(cookie)).sessionToken).toBeNull();
    expect((await readSession(`${COOKIE}=${after.renewed}`)).sessionToken).toBe(sessionToken);
  });

  it("opens a body sealed under the old secret, and seals new ones under the new secret", () => {
    process.env.AUTH_SECRET = OLD;
    const body = { html: "<p>Join: https://example.test/invite/abc</p>", text: "Join: https://example.test/invite/abc" };
    const sealedBefore = sealBody(body);

    process.env.AUTH_SECRET = `${NEW},${OLD}`;
    expect(unsealBody(sealedBefore)).toEqual(body);
    const sealedAfter = seal("a-use", "made after the rotation");

    process.env.AUTH_SECRET = NEW;
    expect(unseal("a-use", sealedAfter)).toBe("made after the rotation");
    expect(() => unsealBody(sealedBefore)).toThrow(/no configured AUTH_SECRET opens it/);
  });
});
