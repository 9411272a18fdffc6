// Nothing of the app is imported here: a next/headers mock's factory imports this module, and
// the app's modules import next/headers (a cycle would hang the suite while it loads).

/**
 * The request a test's pages, route handlers and Auth.js calls read through next/headers, for
 * suites that replace next/headers with `nextHeadersOf(testRequest)`: a cookie jar (Auth.js
 * reads the session cookie from it and sets cookies in it) and the path being opened.
 */
export const testRequest = { cookies: new Map<string, string>(), path: "/" };

/** next/headers' `headers()` and `cookies()`, answering from `request`. */
export function nextHeadersOf(request: typeof testRequest) {
  return {
    headers: async () =>
      new Headers({
        host: "localhost:3000",
        "x-roster-path": request.path,
        cookie: [...request.cookies].map(([name, value]) => `${name}=${value}`).join("; "),
      }),
    cookies: async () => ({
      get: (name: string) =>
        request.cookies.has(name) ? { name, value: request.cookies.get(name)! } : undefined,
      getAll: () => [...request.cookies].map(([name, value]) => ({ name, value })),
      has: (name: string) => request.cookies.has(name),
      set: (name: string, value: string) => void request.cookies.set(name, value),
      delete: (name: string) => void request.cookies.delete(name),
    }),
  };
}

/** A browser's cookies for one session: Auth.js's own, and the session token they carry. */
export type Cookie = { token: string; jar: ReadonlyMap<string, string> };
