import type { Instrumentation } from "next";
import { logRequestError } from "./lib/log";

// Runs once when a server process starts (not during `next build`).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { stampPeerAddresses } = await import("./lib/http/peer-address");
  stampPeerAddresses();
  const { startServer } = await import("./lib/server/start");
  await startServer();
}

/**
 * An error thrown while rendering a page or running a route handler. Next calls this before it
 * logs the error itself: we log it without what it carries, under the digest that app/error.tsx
 * shows the user as the reference. The route's pattern names it, never the path, which can
 * hold a token (/invite/<token>).
 */
export const onRequestError: Instrumentation.onRequestError = (error, _request, context) => {
  logRequestError(error, `${context.routeType} ${context.routePath}`);
};
