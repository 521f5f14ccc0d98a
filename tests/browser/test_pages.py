"""The built site as a browser and an intranet host see it.

The demo site is built into a temporary folder and served on 127.0.0.1 under the sub-path
/intranet/briefings/ (anything outside it is a 404). A crawler follows every internal link and
asset; then headless Chromium (Debian's, driven by npm playwright-core) opens the index, the
briefing page and the embed page when there is one, runs axe-core with the WCAG 2.2 AA tags and
fails on any violation, console error or request to another host. The index is also opened from
file://. The browser part skips, saying why, when Chromium, Node.js or the npm packages are missing.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest

from briefing.cli import main

from ..conftest import CONTENT, DEMO_STORY, ROOT

PREFIX = "/intranet/briefings/"
CHROMIUM = Path("/usr/bin/chromium")
CHECK_PAGES = Path(__file__).with_name("check_pages.mjs")
NODE_PACKAGES = ("playwright-core", "axe-core")


@pytest.fixture(scope="module")
def site(tmp_path_factory, shared_cache) -> Path:
    project = tmp_path_factory.mktemp("browser-site")
    shutil.copy(ROOT / "pelicanconf.py", project / "pelicanconf.py")
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(CONTENT, project / "content")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(project)
        assert main(["build", "--cache", str(shared_cache)]) == 0
    return project / "output"


class Server:
    """`output/` served under PREFIX on a free loopback port; every requested path is kept."""

    def __init__(self, root: Path) -> None:
        self.requested: list[str] = []
        server = self

        class Handler(SimpleHTTPRequestHandler):
            def do_GET(self):
                server.requested.append(self.path)
                if not urlsplit(self.path).path.startswith(PREFIX):
                    self.send_error(404, "outside the site's sub-path")
                    return
                super().do_GET()

            do_HEAD = do_GET

            def translate_path(self, path):
                return super().translate_path("/" + path[len(PREFIX) :])

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(root)))
        self.httpd.daemon_threads = True
        host, port = self.httpd.server_address[:2]
        self.origin = f"http://{host}:{port}"
        self.base = self.origin + PREFIX
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture(scope="module")
def server(site) -> Iterator[Server]:
    with Server(site) as running:
        yield running


# (tag, attribute) pairs whose value is a URL the page links to or loads.
URL_ATTRIBUTES = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("form", "action"),
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""")


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (tag, url)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = {k: v or "" for k, v in attrs}
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key])
        for name, value in values.items():
            if (tag, name) in URL_ATTRIBUTES:
                self.urls.append((tag, value.strip()))
            elif name == "srcset":
                self.urls += [(tag, part.split()[0]) for part in value.split(",") if part.strip()]
            elif name == "style":
                self.urls += [(tag, m[2] or m[4]) for m in CSS_URL.finditer(value)]


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as error:
        return error.code, "", b""


def crawl(base: str) -> tuple[dict[str, str], list[str], set[str]]:
    """Follow every internal link and asset from the index: (pages seen, problems, outlet links)."""
    problems: list[str] = []
    external: set[str] = set()
    seen: dict[str, str] = {}  # url -> content type
    ids: dict[str, set[str]] = {}
    fragments: list[tuple[str, str, str]] = []  # (page, target url, fragment)
    queue: list[tuple[str, str]] = [(base + "index.html", "start")]
    while queue:
        url, referrer = queue.pop(0)
        if url in seen:
            continue
        status, kind, body = fetch(url)
        seen[url] = kind
        if status != 200:
            problems.append(f"{url} (linked from {referrer}): HTTP {status}")
            continue
        found: list[tuple[str, str]] = []
        if kind == "text/html":
            page = Page()
            page.feed(body.decode("utf-8"))
            ids[url] = page.ids
            found = page.urls
        elif kind == "text/css":
            found = [("css", m[2] or m[4]) for m in CSS_URL.finditer(body.decode("utf-8"))]
        for tag, raw in found:
            where = f"<{tag}> {raw!r} on {url}"
            parts = urlsplit(raw)
            if parts.scheme in ("http", "https") or raw.startswith("//"):
                if parts.netloc == urlsplit(base).netloc:
                    problems.append(f"{where}: absolute URL of the site itself, not relative")
                elif tag in ("a", "area") and parts.scheme:
                    external.add(raw)  # an outlet's own page: never fetched
                else:
                    problems.append(f"{where}: points at another host")
                continue
            if parts.scheme in ("mailto", "tel", "data"):
                continue
            if parts.scheme:
                problems.append(f"{where}: unexpected scheme {parts.scheme!r}")
                continue
            if raw.startswith("/"):
                problems.append(f"{where}: absolute path, breaks under a sub-path and from file://")
                continue
            target, fragment = urldefrag(urljoin(url, raw))
            if not target.startswith(base):
                problems.append(f"{where}: leaves the site's folder ({target})")
                continue
            if fragment:
                fragments.append((url, target, fragment))
            if urlsplit(target).path.endswith("/"):
                problems.append(f"{where}: names a folder, which file:// does not open; link index.html")
            queue.append((target, url))
    for page, target, fragment in fragments:
        if target in ids and fragment not in ids[target]:
            problems.append(f"{page}: link to #{fragment} on {target}, which has no such id")
    return seen, problems, external


def test_every_internal_link_and_asset_resolves_under_a_sub_path(site, server):
    seen, problems, external = crawl(server.base)
    assert not problems, "\n".join(problems)
    pages = {url[len(server.base) :] for url, kind in seen.items() if kind == "text/html"}
    assert {"index.html", f"{DEMO_STORY}/index.html"} <= pages
    assert f"{DEMO_STORY}/briefing.json" in {url[len(server.base) :] for url in seen}
    assert any(url[len(server.base) :].endswith(".css") for url in seen)
    assert external, "the outlets' own links were expected on the briefing page"
    outside = [path for path in server.requested if not path.startswith(PREFIX)]
    assert not outside, outside


def browser_tools() -> str:
    """Check what the browser test needs; return the node executable, or skip saying what is missing."""
    if not CHROMIUM.is_file():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium (apt-get install chromium)")
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not found: the browser test needs Node.js and npm")
    if not all((ROOT / "node_modules" / name / "package.json").is_file() for name in NODE_PACKAGES):
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip(f"{', '.join(NODE_PACKAGES)} not in node_modules/ and npm not found")
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            pytest.skip(f"npm ci failed, so {', '.join(NODE_PACKAGES)} are missing: {done.stderr[-500:]}")
    return node


def run_check(node: str, script: Path, *args: str) -> tuple[dict, str]:
    """Run one of the browser check scripts; its JSON report and its raw output (exit 0: as
    expected, 1: problems listed in the report; any other exit fails the test)."""
    done = subprocess.run([node, str(script), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    if done.returncode not in (0, 1):
        pytest.fail(f"{script.name} could not run (exit {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout), done.stdout


def describe(report: dict) -> str:
    lines = [f"Chromium {report['chromium']}, axe-core {report['axe']} ({', '.join(report['tags'])})"]
    lines += report["problems"]
    rules = {rule["id"]: rule for page in report["pages"] for rule in page["violations"]}
    lines += [f"axe {key}: {rule['help']} ({rule['helpUrl']})" for key, rule in sorted(rules.items())]
    return "\n".join(lines)


def test_pages_in_headless_chromium(site, server):
    node = browser_tools()
    pages = [
        "index.html",
        f"{DEMO_STORY}/index.html",
        f"{DEMO_STORY}/embed.html",
        f"{DEMO_STORY}/v1/index.html",
        "outlets/index.html",
        "about.html",
        "search.html",
    ]
    report, output = run_check(
        node, CHECK_PAGES, server.base, *pages, "--file", (site / "index.html").as_uri()
    )
    assert report["ok"], describe(report) + "\n\nfull report:\n" + output
    checked = {(p["url"], p["colorScheme"]) for p in report["pages"]}
    assert len(checked) == 2 * len(pages) + 1
    outside = [path for path in server.requested if not path.startswith(PREFIX)]
    assert not outside, f"requests outside {PREFIX}: {outside}"


def test_footnotes_unfold_and_the_embed_behaves_in_a_host_page(site, server):
    report, _ = run_check(browser_tools(), CHECK_PAGES.with_name("check_embed.mjs"), server.base, DEMO_STORY)
    assert report["ok"], "\n".join(report["problems"])
    assert report["height"]["height"] > 400
