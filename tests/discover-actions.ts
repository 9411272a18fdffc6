import fs from "node:fs";
import path from "node:path";
import type { Action } from "@/lib/actions/action";

/**
 * Every exported server action under app/ (each `actions.ts` is a "use server" module), keyed
 * `<route folder>#<export>` as the authorization matrix names them. Suites that must cover
 * every action list them from here, so a new action cannot be left out.
 */
export async function discoverActions(): Promise<Map<string, Action<unknown, unknown>>> {
  const appDir = path.resolve("app");
  const found = new Map<string, Action<unknown, unknown>>();
  const files = (fs.readdirSync(appDir, { recursive: true }) as string[])
    .filter((f) => path.basename(f) === "actions.ts")
    .sort();
  for (const file of files) {
    const mod = (await import(/* @vite-ignore */ path.join(appDir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value === "function") {
        const folder = path.dirname(file).split(path.sep).join("/");
        found.set(`${folder}#${name}`, value as Action<unknown, unknown>);
      }
    }
  }
  return found;
}
