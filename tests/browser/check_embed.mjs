// Behaviour of a briefing page and its embed in headless Chromium, reported as JSON on standard
// output ({ok, problems, height}):
// - on the page, a footnote number opens the folded source sentences and shows the one cited;
// - the embed, inside a host page's iframe, tells the host its height (postMessage
//   "briefing:height"), and a footnote number inside it stays inside it.
//
//   node tests/browser/check_embed.mjs BASE_URL SLUG
//
// Exit 0: as expected; 1: problems, listed; 2: wrong command line or the browser could not run.
import { launch } from "./chromium.mjs";

const [base, slug] = process.argv.slice(2);
if (!base || !slug) {
  process.stderr.write("usage: node check_embed.mjs BASE_URL SLUG\n");
  process.exit(2);
}
const problems = [];
let height = null;
let browser;
try {
  browser = await launch();
} catch (error) {
  process.stderr.write(`check_embed.mjs: ${error.message}\n`);
  process.exit(2);
}
try {
  const page = await browser.newPage();
  await page.goto(new URL(`${slug}/index.html`, base).href);
  const folded = page.locator("details#sentences");
  if (await folded.evaluate((d) => d.open)) problems.push("the source sentences are open before any click");
  const ref = page.locator('a[role="doc-noteref"]').first();
  const target = (await ref.getAttribute("href")).slice(1);
  await ref.click();
  await page.waitForTimeout(200);
  if (!(await folded.evaluate((d) => d.open))) problems.push("a footnote number did not open the source sentences");
  if (!(await page.locator(`[id="${target}"]`).isVisible())) problems.push(`footnote ${target} is not shown after its number was clicked`);

  const host = await browser.newPage({ viewport: { width: 800, height: 600 } });
  const embed = new URL(`${slug}/embed.html`, base).href;
  await host.setContent(
    `<!doctype html><title>host</title><script>window.heights = [];
     addEventListener("message", (e) => { if (e.data && e.data.type === "briefing:height") window.heights.push(e.data); });
     </script><iframe id="b" src="${embed}" style="width: 700px; height: 400px"></iframe>`,
  );
  await host.waitForFunction(() => window.heights.length > 0, null, { timeout: 10_000 }).catch(() => {});
  const heights = await host.evaluate(() => window.heights);
  if (!heights.length) problems.push("the embed did not tell the host its height");
  else {
    height = heights[heights.length - 1];
    if (height.slug !== slug || !(height.height > 400)) problems.push(`unexpected height message ${JSON.stringify(height)}`);
  }
  const frame = host.frameLocator("#b");
  await frame.locator('a[role="doc-noteref"]').first().click();
  await host.waitForTimeout(300);
  if (host.url() !== "about:blank") problems.push(`a footnote in the embed navigated the host page to ${host.url()}`);
  const inner = host.frames().find((f) => f.url().startsWith(embed));
  if (!inner || !inner.url().includes("#fn")) problems.push(`the embed did not go to its footnote (${inner ? inner.url() : "no frame"})`);
  const outward = await frame.locator('a[href^="http"]').first().getAttribute("target");
  if (outward !== "_top") problems.push(`a link off the embed opens with target=${outward}, not _top`);
} catch (error) {
  problems.push(`error: ${error.message}`);
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ ok: problems.length === 0, problems, height }) + "\n");
process.exit(problems.length ? 1 : 0);
