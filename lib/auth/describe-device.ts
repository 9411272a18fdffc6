import { UAParser } from "ua-parser-js";

/** "Chrome on macOS" from a User-Agent header, or a plain "Unknown browser". */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown browser";
  const parser = new UAParser(userAgent);
  const browser = parser.getBrowser().name;
  const os = parser.getOS().name;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? "Unknown browser";
}
