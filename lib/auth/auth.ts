import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { SESSION_LIFETIME_SECONDS } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { requestMetaFrom } from "@/lib/http/request-meta";
import { authSecret } from "./secret";
import { signInWithPassword } from "./sign-in";

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

/**
 * Auth.js with email + password. The JWT cookie carries only a random session token; the
 * session itself lives in the database and is checked on every request (lib/auth/current.ts).
 */
export const { auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_LIFETIME_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  // Auth.js logs a stack trace for every wrong password; a failed sign-in is not an error here.
  logger: {
    error: (error) => {
      if (!(error instanceof CredentialsSignin)) console.error("[auth]", error.message);
    },
    warn: () => {},
    debug: () => {},
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        if (typeof credentials.email !== "string" || typeof credentials.password !== "string") return null;
        try {
          const { user, sessionToken } = await signInWithPassword(
            await getDb(),
            { email: credentials.email, password: credentials.password },
            requestMetaFrom(request.headers),
          );
          return { id: user.id, email: user.email, name: user.name, sessionToken };
        } catch (error) {
          if (error instanceof AppError && error.code === "rate_limited")
            throw new RateLimitedSignIn(error.message);
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
