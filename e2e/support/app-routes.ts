import fs from "node:fs";
import path from "node:path";

export type AppRoute = { path: string; kind: "page" | "route handler" };

/**
 * Every page (page.tsx) and route handler (route.ts) under app/, as its URL pattern
 * (`/a/[account]/members/[member]`). Read from the folder, so a route is walked the day it is added.
 */
export function appRoutes(dir = "app", segments: string[] = []): AppRoute[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry): AppRoute[] => {
    if (entry.isDirectory()) {
      // Route groups, `(auth)`, add no segment to the URL.
      const segment = /^\(.*\)$/.test(entry.name) ? [] : [entry.name];
      return appRoutes(path.join(dir, entry.name), [...segments, ...segment]);
    }
    const kind = /^page\.tsx?$/.test(entry.name)
      ? "page"
      : /^route\.tsx?$/.test(entry.name)
        ? "route handler"
        : null;
    return kind ? [{ path: `/${segments.join("/")}`, kind }] : [];
  });
}

/** The pages alone. */
export const appPages = () => appRoutes().filter((route) => route.kind === "page");

/**
 * A pattern with a real value for each `[param]`; `valueOf` answers undefined for a parameter
 * it does not know, and the walk fails there: a new kind of page must be given a value.
 */
export function concretePath(
  pattern: string,
  valueOf: (param: string, pattern: string) => string | undefined,
  spec: string,
): string {
  return pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => {
    const value = valueOf(name, pattern);
    if (value === undefined)
      throw new Error(`${spec}: new page not covered: give ${pattern}'s parameter [${name}] a value`);
    return encodeURIComponent(value);
  });
}
