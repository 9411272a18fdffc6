import { randomInt } from "node:crypto";
import type { Browser, BrowserContext } from "@playwright/test";

export type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

/** An address of a client of its own, as the test fixture gives each test (./test.ts). */
export const clientAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** A browser context that is a client of its own (per-IP budgets stay per client), signed in with `storageState`. */
export const newClient = (browser: Browser, storageState?: StorageState) =>
  browser.newContext({ storageState, extraHTTPHeaders: { "x-forwarded-for": clientAddress() } });
