// "3 hours ago" / "in 2 days" for a person reading a table, and the exact time for the tooltip.
// Pure: the component (components/ui/relative-time.tsx) passes the viewer's clock and zone.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

/**
 * How long ago (or how far ahead) `date` is from `now`, in the largest whole unit: "just now"
 * under a minute, then minutes, hours, days ("yesterday", "tomorrow"), months, years. No weeks:
 * an invitation that expires "in 7 days" says more than one that expires "next week".
 */
export function relativeTime(date: Date, now: Date): string {
  const seconds = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

/**
 * The exact date and time, as the tooltip of a relative time: "3 Dec 2026, 16:05 CET" in the
 * given time zone (the viewer's when none is given).
 */
export function exactTime(date: Date, timeZone?: string): string {
  return date.toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });
}
