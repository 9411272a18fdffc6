/**
 * An exact date and time in UTC, said to be UTC: "3 Nov 2026, 14:05 UTC". For what the server
 * renders without knowing the reader's time zone (the first paint of a RelativeTime, the audit
 * log's exact times, the development mailbox). Tables and pages show dates through
 * components/ui/relative-time.tsx; emails format their own (emails/).
 */
export function formatDateTime(date: Date): string {
  return `${date.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" })} UTC`;
}
