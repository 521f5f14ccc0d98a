// Desktop (1280x900) and mobile (390x844) full-page screenshots of the built site, for review.
//
//   make html && node scripts/screenshots.mjs [OUT_DIR] [--site DIR]
//
// OUT_DIR defaults to output/screenshots/ (git-ignored with output/), DIR to output/. The pages
// are the index, every briefing page listed in index.json and its embed page (<slug>/embed.html)
// when the build wrote one. They are served from DIR on a free 127.0.0.1 port under the sub-path
// /intranet/briefings/, and shot in Debian's headless Chromium (/usr/bin/chromium, or
// $BRIEFING_CHROMIUM) through npm playwright-core: run `npm ci` once first. Nothing is fetched
// from another host: such requests are blocked. Files: index-desktop.png, index-mobile.png,
// <slug>-desktop.png, <slug>-mobile.png, <slug>-embed-desktop.png, <slug>-embed-mobile.png.
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";

import { launch } from "../tests/browser/chromium.mjs";

const PREFIX = "/intranet/briefings/";
const DEVICES = {
  desktop: { viewport: { width: 1280, height: 900 } },
  mobile: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true },
};
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".woff2": "font/woff2",
};

function parseArgs(argv) {
  let out = null;
  let site = "output";
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--site") site = argv[++i];
    else if (argv[i] === "-h" || argv[i] === "--help") {
      process.stdout.write("usage: node scripts/screenshots.mjs [OUT_DIR] [--site DIR]\n");
      process.exit(0);
    } else out = argv[i];
  }
  site = resolve(site);
  return { site, out: resolve(out ?? join(site, "screenshots")) };
}

function pagesOf(site) {
  const pages = [["index", "index.html"]];
  const index = JSON.parse(readFileSync(join(site, "index.json"), "utf8"));
  for (const { slug, url } of index.briefings) {
    pages.push([slug, url]);
    if (existsSync(join(site, slug, "embed.html"))) pages.push([`${slug}-embed`, `${slug}/embed.html`]);
  }
  return pages;
}

function serve(site) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    const file = resolve(site, `.${sep}${path.slice(PREFIX.length)}`);
    if (!path.startsWith(PREFIX) || !file.startsWith(site + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

async function main() {
  const { site, out } = parseArgs(process.argv.slice(2));
  if (!existsSync(join(site, "index.json"))) {
    process.stderr.write(`screenshots: ${site}/index.json not found: build the site first (make html)\n`);
    process.exit(1);
  }
  mkdirSync(out, { recursive: true });
  const pages = pagesOf(site);
  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  const browser = await launch();
  try {
    for (const [device, options] of Object.entries(DEVICES)) {
      const context = await browser.newContext({ ...options, colorScheme: "light" });
      await context.route("**/*", (route) =>
        route.request().url().startsWith(base) ? route.continue() : route.abort("blockedbyclient"),
      );
      const tab = await context.newPage();
      for (const [name, path] of pages) {
        await tab.goto(base + path, { waitUntil: "load" });
        const file = join(out, `${name}-${device}.png`);
        await tab.screenshot({ path: file, fullPage: true });
        process.stdout.write(`${file}\n`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
