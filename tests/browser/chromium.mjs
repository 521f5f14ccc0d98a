// Shared by tests/browser/check_pages.mjs and scripts/screenshots.mjs: start Debian's Chromium
// through playwright-core (Playwright's own browser download is not used and does not work here).
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.BRIEFING_CHROMIUM || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// chromium.launch() gives every run a fresh, temporary --user-data-dir and removes it on close.
export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 30_000,
  });
}
