import { describe, expect, it } from "vitest";
import { exactTime, relativeTime } from "./relative-time";

const now = new Date("2026-12-03T12:00:00Z");
const at = (offsetSeconds: number) => new Date(now.getTime() + offsetSeconds * 1000);
const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;

describe("relativeTime", () => {
  it("says just now under a minute, either way", () => {
    expect(relativeTime(now, now)).toBe("just now");
    expect(relativeTime(at(-59), now)).toBe("just now");
    expect(relativeTime(at(30), now)).toBe("just now");
  });

  it("counts whole minutes and hours in the past", () => {
    expect(relativeTime(at(-MINUTE), now)).toBe("1 minute ago");
    expect(relativeTime(at(-59 * MINUTE), now)).toBe("59 minutes ago");
    expect(relativeTime(at(-3 * HOUR - 20 * MINUTE), now)).toBe("3 hours ago");
  });

  it("names yesterday and tomorrow, then counts days", () => {
    expect(relativeTime(at(-DAY), now)).toBe("yesterday");
    expect(relativeTime(at(DAY + HOUR), now)).toBe("tomorrow");
    expect(relativeTime(at(2 * DAY), now)).toBe("in 2 days");
    expect(relativeTime(at(-6 * DAY), now)).toBe("6 days ago");
  });

  it("counts days up to a month, then months and years", () => {
    expect(relativeTime(at(7 * DAY), now)).toBe("in 7 days");
    expect(relativeTime(at(-29 * DAY), now)).toBe("29 days ago");
    expect(relativeTime(at(-65 * DAY), now)).toBe("2 months ago");
    expect(relativeTime(at(-800 * DAY), now)).toBe("2 years ago");
  });
});

describe("exactTime", () => {
  it("shows the date and time in the given zone, with the zone's name", () => {
    const date = new Date("2026-12-03T16:05:00Z");
    expect(exactTime(date, "UTC")).toBe("3 Dec 2026, 16:05 UTC");
    expect(exactTime(date, "America/New_York")).toBe("3 Dec 2026, 11:05 GMT-5");
  });

  it("shows the day it is where the viewer is, not in UTC", () => {
    expect(exactTime(new Date("2026-12-03T23:30:00Z"), "Asia/Tokyo")).toBe("4 Dec 2026, 08:30 GMT+9");
  });
});
