// Desktop (1280x900) and mobile (390x844) full-page screenshots of the built site, for review.
//
//   make html && node scripts/screenshots.mjs [OUT_DIR] [--site DIR]
//
// OUT_DIR defaults to output/screenshots/ (git-ignored with output/), DIR to output/. The pages
// are the index, every briefing page listed in index.json, its embed page (<slug>/embed.html)
// when the build wrote one, alone and inside a host page, and the outlet pages. They are served from DIR on a free 127.0.0.1 port under the sub-path
// /intranet/briefings/, and shot in Debian's headless Chromium (/usr/bin/chromium, or
// $BRIEFING_CHROMIUM) through npm playwright-core: run `npm ci` once first. Nothing is fetched
// from another host: such requests are blocked. Files: index-desktop.png, index-mobile.png,
// <slug>-desktop.png, <slug>-mobile.png, <slug>-embed-desktop.png, <slug>-embed-mobile.png,
// <slug>-in-host-*.png (the embed in a made-up intranet page that sizes it from its message),
// outlets-*.png and outlet-<name>-*.png (the first outlet page).
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";

import { launch } from "../tests/browser/chromium.mjs";

const PREFIX = "/intranet/briefings/";
const HOST = "__host/"; // the made-up intranet pages that embed a briefing (see hostPage)
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
    if (existsSync(join(site, slug, "embed.html"))) {
      pages.push([`${slug}-embed`, `${slug}/embed.html`]);
      pages.push([`${slug}-in-host`, `${HOST}${slug}.html`]);
    }
  }
  if (existsSync(join(site, "outlets", "index.html"))) {
    pages.push(["outlets", "outlets/index.html"]);
    const outlet = readdirSync(join(site, "outlets")).filter((f) => f.endsWith(".html") && f !== "index.html").sort()[0];
    if (outlet) pages.push([`outlet-${outlet.replace(/\.html$/, "")}`, `outlets/${outlet}`]);
  }
  return pages;
}

// An intranet page that embeds a briefing as the README's "Embedding" section shows: an iframe
// that grows to the height the embed tells it.
function hostPage(slug) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Intranet</title>
<style>body{font:16px system-ui,sans-serif;margin:0}header{background:#234;color:#fff;padding:1rem}
main{max-width:60rem;margin:1rem auto;padding:0 1rem}</style></head>
<body><header>Intranet · News of the day</header><main><p>Our briefing of the day:</p>
<iframe id="briefing" src="../${slug}/embed.html" title="Briefing" style="width:100%;border:0;height:600px"></iframe>
<script>
  addEventListener("message", (event) => {
    const frame = document.getElementById("briefing");
    if (event.source !== frame.contentWindow) return;
    if (event.data && event.data.type === "briefing:height") frame.style.height = event.data.height + "px";
  });
</script><p>More from the intranet below the briefing.</p></main></body></html>`;
}

function serve(site) {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url, "http://x").pathname);
    if (path.startsWith(PREFIX + HOST) && path.endsWith(".html")) {
      const slug = path.slice((PREFIX + HOST).length, -".html".length);
      response.writeHead(200, { "content-type": TYPES[".html"] }).end(hostPage(slug));
      return;
    }
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
        if (path.startsWith(HOST)) await tab.waitForTimeout(500); // the iframe takes its height
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
