// One view in a real browser (issue 15): headless Chromium signs in through the form, then opens
// the members page and waits for the network to go idle. Reported: the requests that reached the
// server (documents, RSC payloads and prefetches, server actions; not static files), the SQL
// statements the server ran meanwhile, and the page's Largest Contentful Paint.
import fs from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "@playwright/test";
import { logMark, statementsSince } from "./statements";

export type BrowserView = {
  serverRequests: number;
  prefetches: number;
  staticRequests: number;
  statements: number;
  lcpMs: number | null;
  requests: string[];
};

// Debian's Chromium where it is installed (CI), as playwright.config.ts does.
const executablePath = fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;

export async function browserView(
  base: string,
  path: string,
  credentials: { email: string; password: string },
  statementLog: string,
): Promise<BrowserView> {
  const browser = await chromium.launch({ executablePath });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel("Email").fill(credentials.email);
    await page.getByLabel("Password", { exact: true }).fill(credentials.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
    await page.waitForLoadState("networkidle");
    await sleep(500);

    const requests: string[] = [];
    let staticRequests = 0;
    let prefetches = 0;
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (url.origin !== base) return;
      if (url.pathname.startsWith("/_next/static/") || /\.(ico|png|svg|woff2?)$/.test(url.pathname)) {
        staticRequests++;
        return;
      }
      const headers = request.headers();
      if (headers["next-router-prefetch"]) prefetches++;
      requests.push(`${request.method()} ${url.pathname}${url.search}${headers.rsc ? " (RSC)" : ""}`);
    });
    const mark = logMark(statementLog);
    await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    await sleep(500); // anything the server finishes after the last response
    const statements = statementsSince(statementLog, mark).length;
    const lcpMs = await page.evaluate(
      () =>
        new Promise<number | null>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            resolve(entries.length ? entries[entries.length - 1]!.startTime : null);
          }).observe({ type: "largest-contentful-paint", buffered: true });
          setTimeout(() => resolve(null), 2000);
        }),
    );
    return { serverRequests: requests.length, prefetches, staticRequests, statements, lcpMs, requests };
  } finally {
    await browser.close();
  }
}
