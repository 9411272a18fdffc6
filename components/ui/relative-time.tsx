"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime } from "@/lib/format";
import { exactTime, relativeTime } from "@/lib/ui/relative-time";

// One clock for every relative time on the page, ticking each minute while any is shown.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach((notify) => notify());
    }, 60_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * A date as "3 hours ago" / "in 2 days", with the exact date and time in the viewer's own time
 * zone on hover. The server knows neither the viewer's clock nor their zone, so it renders the
 * exact time in UTC (and the browser's first render, which hydrates it, renders the same); the
 * relative time replaces it once the page runs. No hydration mismatch, no suppressed warning.
 */
export function RelativeTime({ date, className }: { date: Date | string; className?: string }) {
  const when = typeof date === "string" ? new Date(date) : date;
  const clock = useSyncExternalStore(
    subscribe,
    () => now,
    () => null,
  );
  return (
    <time
      dateTime={when.toISOString()}
      title={clock === null ? formatDateTime(when) : exactTime(when)}
      className={className}
    >
      {clock === null ? formatDateTime(when) : relativeTime(when, new Date(clock))}
    </time>
  );
}
