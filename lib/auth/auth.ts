import "server-only";
import NextAuth, { AuthError, CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { SESSION_LIFETIME_SECONDS } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { logUnexpected } from "@/lib/log";
import { authSecrets } from "./secret";
import { findActiveSession } from "./sessions";
import { signInWithPassword } from "./sign-in";
import { completeTwoFactorSignIn } from "./two-factor-sign-in";

declare module "next-auth" {
  interface User {
    sessionToken?: string;
  }
  interface Session {
    /** Server-only: the route that would expose sessions as JSON (/api/auth/session) is not mounted. */
    sessionToken?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sessionToken?: string;
  }
}

/** A sign-in refused for too many attempts (Auth.js rethrows it as is); `reason` says what to do. */
export class RateLimitedSignIn extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** A refused code at the second step; `reason` says why (wrong code, timed out). */
export class WrongSecondFactor extends CredentialsSignin {
  code = "wrong_second_factor";
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * The password was right and the user has two-factor on: no session yet. `challenge` is the
 * short-lived token that the code step (sign-in/two-factor) completes.
 */
export class TwoFactorRequired extends CredentialsSignin {
  code = "two_factor_required";
  constructor(readonly challenge: string) {
    super("two-factor required");
  }
}

/**
 * A production server's cookies are Secure; the session cookie is `__Host-` prefixed, so the
 * browser keeps it only from this exact host over HTTPS, for the whole site, and no subdomain
 * can set or overwrite it. (Browsers accept Secure cookies over plain http from localhost.)
 * proxy.ts recognises the name.
 */
const PRODUCTION_COOKIES = {
  useSecureCookies: true,
  cookies: { sessionToken: { name: "__Host-authjs.session-token" } },
};

/**
 * Auth.js with email + password, then a TOTP or recovery code for users with two-factor. The JWT cookie carries only a random session token; the
 * session itself lives in the database and is checked on every request (lib/auth/current.ts).
 */
export const { auth, signIn, signOut } = NextAuth(() => ({
  // Newest first: Auth.js makes cookies with the first and opens them with any (rotation).
  secret: authSecrets(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_LIFETIME_SECONDS },
  ...(process.env.NODE_ENV === "production" ? PRODUCTION_COOKIES : {}),
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // Auth.js logs a stack trace for every wrong password; a failed sign-in is not an error here.
  // Nor is a cookie no configured secret opens (its secret was retired): that visitor is signed out.
  logger: {
    error: (error) => {
      if (error instanceof CredentialsSignin) return;
      if (error instanceof AuthError && error.type === "JWTSessionError") {
        console.warn("[auth] a session cookie that no configured AUTH_SECRET opens: treated as signed out");
        return;
      }
      logUnexpected("auth", error);
    },
    warn: () => {},
    debug: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, challenge: {}, code: {}, handoff: {} },
      async authorize(credentials, request) {
        const db = await getDb();
        const meta = requestMetaFrom(request.headers);
        const text = (value: unknown) => (typeof value === "string" ? value : null);
        // A session the server just opened or resumed ("log in as" and stopping it): its token
        // goes into the cookie. Only server code calls signIn (no Auth.js route is mounted), and
        // a live session's token gives nothing its holder did not have.
        const handoff = text(credentials.handoff);
        if (handoff !== null) {
          const session = await findActiveSession(db, handoff);
          if (!session) return null;
          return {
            id: session.user.id,
            email: session.user.email,
            name: session.user.name,
            sessionToken: handoff,
          };
        }
        const [email, password, challenge, code] = [
          text(credentials.email),
          text(credentials.password),
          text(credentials.challenge),
          text(credentials.code),
        ];
        try {
          if (challenge !== null && code !== null) {
            const { user, sessionToken } = await completeTwoFactorSignIn(db, { challenge, code }, meta);
            return { id: user.id, email: user.email, name: user.name, sessionToken };
          }
          if (email === null || password === null) return null;
          const outcome = await signInWithPassword(db, { email, password }, meta);
          if (outcome.status === "two_factor_required") throw new TwoFactorRequired(outcome.challenge);
          const { user, sessionToken } = outcome;
          return { id: user.id, email: user.email, name: user.name, sessionToken };
        } catch (error) {
          if (error instanceof AppError && error.code === "rate_limited")
            throw new RateLimitedSignIn(error.message);
          if (error instanceof AppError && challenge !== null) throw new WrongSecondFactor(error.message);
          if (error instanceof AppError) return null;
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.sessionToken) token.sessionToken = user.sessionToken;
      return token;
    },
    session({ session, token }) {
      return { ...session, sessionToken: token.sessionToken };
    },
  },
}));
