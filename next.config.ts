import type { NextConfig } from "next";
import { staticSecurityHeaders } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WebAssembly and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  // On every response, static files included; the per-request Content-Security-Policy is set
  // by proxy.ts. HSTS only from a production build, which is what runs behind HTTPS.
  async headers() {
    return staticSecurityHeaders({ production: process.env.NODE_ENV === "production" });
  },
};

export default nextConfig;
