// Lets Node run the server's modules outside Next: scripts (`tsx --import
// ./scripts/server-only-hooks.mjs scripts/…`), the processes tests start, and Playwright's
// specs (playwright.config.ts imports this file). Modules that touch the database or secrets
// begin with `import "server-only"`, which throws unless resolved under the react-server
// condition — as Next resolves it for server code, and refuses it in a client bundle. Setting
// that condition for the whole process would also swap react-dom/server for a build that
// refuses to render (and emails are rendered here), so it is set for "server-only" alone.
import { register } from "node:module";

const hooks = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== "server-only") return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
}`;

register(`data:text/javascript,${encodeURIComponent(hooks)}`);
