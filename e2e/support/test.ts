import { randomInt } from "node:crypto";
import { test as base } from "@playwright/test";

export { expect } from "@playwright/test";

/**
 * Every test is a client of its own: its browser contexts send an X-Forwarded-For address
 * nobody else in the run uses, and the servers run with TRUSTED_PROXY_HOPS=1, as behind a
 * load balancer. Per-IP budgets (sign-ups, resets) then apply per test, as they would per
 * person, instead of to the whole run coming from 127.0.0.1.
 */
export const test = base.extend({
  extraHTTPHeaders: async ({}, provide) => {
    await provide({ "x-forwarded-for": `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` });
  },
});
