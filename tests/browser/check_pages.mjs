// Open pages of the built site in headless Chromium and report, as JSON on standard output:
// axe-core violations (WCAG 2.2 AA tags), console errors, uncaught page errors, failed or
// non-200 requests, and every request to another host than the server the pages come from.
//
//   node tests/browser/check_pages.mjs BASE_URL PAGE... [--file FILE_URL]...
//
// PAGE paths are relative to BASE_URL (which should end with "/"). A --file page (file://) is
// checked for console errors, failed requests and any request that is not file:, data: or blob:
// (no axe run: it is the same document as its http copy). Exit 0: no problem; 1: problems,
// listed in the report; 2: wrong command line or the browser could not run.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { CHROMIUM, launch } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const AXE_VERSION = require("axe-core/package.json").version;
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const COLOR_SCHEMES = ["light", "dark"]; // the stylesheet has a dark scheme: both must pass
const HARMLESS_SCHEMES = new Set(["data:", "blob:", "about:"]);

function usage(message) {
  process.stderr.write(`check_pages.mjs: ${message}\nusage: node check_pages.mjs BASE_URL PAGE... [--file FILE_URL]...\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const pages = [];
  let base = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--file") {
      if (!argv[i + 1]?.startsWith("file://")) usage("--file needs a file:// URL");
      pages.push({ url: argv[++i], kind: "file" });
    } else if (base === null) {
      base = new URL(argv[i]);
    } else {
      pages.push({ url: new URL(argv[i], base).href, kind: "http" });
    }
  }
  if (base === null || pages.length === 0) usage("give a base URL and at least one page");
  return { base, pages };
}

function short(text, limit = 300) {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

function axeRule(rule) {
  return {
    id: rule.id,
    impact: rule.impact,
    help: rule.help,
    helpUrl: rule.helpUrl,
    tags: rule.tags.filter((t) => t.startsWith("wcag")),
    nodes: rule.nodes.map((node) => ({
      target: node.target.join(" "),
      html: short(node.html),
      summary: node.failureSummary,
    })),
  };
}

async function checkPage(browser, base, page, colorScheme) {
  const result = {
    url: page.url,
    kind: page.kind,
    colorScheme,
    violations: [],
    needsReview: [],
    consoleErrors: [],
    foreignRequests: [],
    failedRequests: [],
    httpErrors: [],
  };
  const isForeign = (raw) => {
    const url = new URL(raw);
    if (HARMLESS_SCHEMES.has(url.protocol)) return false;
    if (page.kind === "file") return url.protocol !== "file:";
    return url.origin !== base.origin;
  };
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
  // Record and block anything that would leave the test server: no request reaches another host.
  await context.route("**/*", (route) => {
    if (isForeign(route.request().url())) return route.abort("blockedbyclient");
    return route.continue();
  });
  const tab = await context.newPage();
  tab.on("request", (request) => {
    if (isForeign(request.url())) result.foreignRequests.push(request.url());
  });
  tab.on("requestfailed", (request) => {
    if (!isForeign(request.url())) {
      result.failedRequests.push(`${request.url()} (${request.failure()?.errorText})`);
    }
  });
  tab.on("response", (response) => {
    if (response.status() >= 400) result.httpErrors.push(`${response.status()} ${response.url()}`);
  });
  tab.on("console", (message) => {
    if (message.type() === "error") {
      const where = message.location()?.url ? ` (${message.location().url})` : "";
      result.consoleErrors.push(`${message.text()}${where}`);
    }
  });
  tab.on("pageerror", (error) => result.consoleErrors.push(`uncaught: ${error.message}`));

  const response = await tab.goto(page.url, { waitUntil: "load", timeout: 20_000 });
  if (page.kind === "http" && response?.status() !== 200) {
    result.httpErrors.push(`${response?.status()} ${page.url} (the page itself)`);
  }
  if (page.kind === "http") {
    await tab.evaluate(AXE_SOURCE);
    const axe = await tab.evaluate(
      (tags) =>
        window.axe.run(document, {
          runOnly: { type: "tag", values: tags },
          resultTypes: ["violations", "incomplete"],
        }),
      AXE_TAGS,
    );
    result.violations = axe.violations.map(axeRule);
    result.needsReview = axe.incomplete.map(axeRule);
  }
  await context.close();
  return result;
}

function problemsOf(result) {
  const where = `${result.url} [${result.colorScheme}]`;
  const problems = [];
  for (const rule of result.violations) {
    for (const node of rule.nodes) {
      problems.push(`${where}: axe ${rule.id} (${rule.impact}) on ${node.target}: ${node.html}`);
    }
  }
  for (const text of result.consoleErrors) problems.push(`${where}: console error: ${text}`);
  for (const url of result.foreignRequests) problems.push(`${where}: request to another host: ${url}`);
  for (const text of result.failedRequests) problems.push(`${where}: request failed: ${text}`);
  for (const text of result.httpErrors) problems.push(`${where}: HTTP ${text}`);
  return problems;
}

async function main() {
  const { base, pages } = parseArgs(process.argv.slice(2));
  let browser;
  try {
    browser = await launch();
  } catch (error) {
    process.stderr.write(`check_pages.mjs: could not start ${CHROMIUM}: ${error.message}\n`);
    process.exit(2);
  }
  const report = {
    chromium: browser.version(),
    axe: AXE_VERSION,
    tags: AXE_TAGS,
    pages: [],
    problems: [],
  };
  try {
    for (const page of pages) {
      const schemes = page.kind === "file" ? ["light"] : COLOR_SCHEMES;
      for (const scheme of schemes) {
        const result = await checkPage(browser, base, page, scheme);
        report.pages.push(result);
        report.problems.push(...problemsOf(result));
      }
    }
  } finally {
    await browser.close();
  }
  report.ok = report.problems.length === 0;
  // exitCode, not exit(): a piped stdout longer than 64 KiB must be flushed before Node ends.
  process.exitCode = report.ok ? 0 : 1;
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

await main();
