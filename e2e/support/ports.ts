/**
 * The ports of an end-to-end run's servers, all derived from E2E_PORT_BASE (default 3100) so
 * two runs can share a machine: `E2E_PORT_BASE=3300 npm run test:e2e` uses 3300–3303.
 * playwright.config.ts starts the servers on them; specs and helpers read them from here.
 */
function portBase() {
  const value = process.env.E2E_PORT_BASE ?? "3100";
  const base = Number(value);
  if (!Number.isInteger(base) || base < 1024 || base > 65_532) {
    throw new Error(`E2E_PORT_BASE must be a port number from 1024 to 65532, not "${value}".`);
  }
  return base;
}

const base = portBase();

export const PORTS = {
  /** The app on PostgreSQL (instance A). */
  app: base,
  /** The app in the embedded mode (PGlite). */
  embedded: base + 1,
  /** The fake Resend server (tests/fake-resend). */
  fakeResend: base + 2,
  /** A second app on the same PostgreSQL, secret and fake Resend (instance B). */
  secondApp: base + 3,
} as const;

export const urlOf = (port: number) => `http://127.0.0.1:${port}`;
