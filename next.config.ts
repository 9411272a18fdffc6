import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // `npm test` type-checks before anything else; the end-to-end run's build (scripts/e2e.ts)
  // skips checking the same code again, about half a minute on two cores.
  typescript: { ignoreBuildErrors: process.env.ROSTER_BUILD_SKIPS_TYPECHECK === "1" },
  // On every response, static files included; the per-request Content-Security-Policy is set
  // by proxy.ts. HSTS only from a production build, which is what runs behind HTTPS.
  async headers() {
    return staticSecurityHeaders({ production: process.env.NODE_ENV === "production" });
  },
};

export default nextConfig;
