"""What one hostile or broken input costs a build: one plain-text table, every figure from this run.

    python bench/hostile.py

Each row builds a copy of the demo project with one more input in the demo story (or the
content folder) and compares its wall time with the same build without it. Both builds are cold
for that input: the demo's own analyses come from a cache filled once, untimed, at the start; the
added input is parsed in the timed build. Target: each row within 10 s of the demo build.

Rows: a 20,000-character word (quadratic near-copy checks), a 59,000-character article of
near-copies of the demo's sentences (pairwise comparisons, summary), a paragraph left inside an
open quotation, 8,000 repeats of one paragraph, a 19 MB text file, a 9 MB page of text, a feed
of 20,000 entries, a YAML alias bomb in front matter, links to ``/etc`` and ``/proc``, and a
folder nested 200 deep.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
STORY = "ukraine-north-korean-prisoners"
TARGET_SECONDS = 10.0
SENTENCE = "The harbour of Odesa was closed on Sunday after a storm hit the coast, officials said."


def demo_sentences() -> list[str]:
    text = " ".join(
        p.read_text(encoding="utf-8").split("---", 2)[-1] for p in (REPO / "content" / STORY).glob("*.md")
    )
    sentences = (" ".join(s.split()) for s in re.split(r"(?<=[.!?])\s+", text))
    return [s for s in sentences if 40 < len(s) < 300]


def long_word(content: Path) -> None:
    (content / STORY / "hostile.txt").write_text(f"{SENTENCE} A {'x' * 20_000} was seen near the harbour.\n")


def near_copies(content: Path) -> None:
    lines = [f"{s.rstrip('.')} on day {n}." for n in range(60) for s in demo_sentences()]
    (content / STORY / "hostile.txt").write_text("\n\n".join(lines)[:59_000] + "\n")


def open_quote(content: Path) -> None:
    # news style: a quotation that runs on over paragraphs opens each one and closes none
    sentences = demo_sentences() * 4
    paragraphs = ["“" + " ".join(sentences[n : n + 40]) for n in range(0, len(sentences), 40)]
    (content / STORY / "hostile.txt").write_text("\n\n".join(paragraphs)[:59_000] + "\n")


def repeats(content: Path) -> None:
    (content / STORY / "hostile.txt").write_text(f"{SENTENCE}\n\n" * 8_000)


def huge_file(content: Path) -> None:
    (content / STORY / "hostile.txt").write_text(("lorem ipsum dolor sit amet " * 710_000)[:19_000_000])


def huge_page(content: Path) -> None:
    paragraph = f"<p>{SENTENCE}</p>\n"
    page = f"<html><body><article>{paragraph * 100_000}</article></body></html>"
    (content / STORY / "hostile.html").write_text(page)


def feed_bomb(content: Path) -> None:
    item = "<item><title>Storm {n}</title><link>https://example.com/{n}</link><description>{s}</description></item>"
    entries = "".join(item.format(n=n, s=SENTENCE.replace("Sunday", f"day {n}")) for n in range(20_000))
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel>{entries}</channel></rss>'
    (content / "hostile.rss").write_text(feed)


def alias_bomb(content: Path) -> None:
    levels = "".join(f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n in range(1, 9))
    (content / STORY / "hostile.md").write_text(
        f"---\ntitle: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n{levels}---\n{SENTENCE}\n"
    )


def links_out(content: Path) -> None:
    (content / "etcstory").symlink_to("/etc")
    (content / "proc").symlink_to("/proc")
    (content / STORY / "ssh.txt").symlink_to("/etc/passwd")


def deep_folders(content: Path) -> None:
    deep = content / STORY
    for _ in range(200):
        deep = deep / "d"
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(SENTENCE + "\n")


ROWS: list[tuple[str, Callable[[Path], None]]] = [
    ("20,000-character word", long_word),
    ("59,000 characters of near-copies", near_copies),
    ("open quotation, 59,000 characters", open_quote),
    ("one paragraph 8,000 times", repeats),
    ("19 MB text file", huge_file),
    ("9 MB page of text", huge_page),
    ("feed of 20,000 entries", feed_bomb),
    ("YAML alias bomb", alias_bomb),
    ("links to /etc, /proc, /etc/passwd", links_out),
    ("folder nested 200 deep", deep_folders),
]


def project(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(REPO / "pelicanconf.py", root / "pelicanconf.py")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "content", root / "content", symlinks=True)
    return root


def timed_build(root: Path, cache: Path, env: dict[str, str]) -> tuple[float, str]:
    command = [sys.executable, "-m", "briefing", "build", "--force", "--cache", str(cache)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    return elapsed, last if done.returncode == 0 else f"exit {done.returncode}: {done.stderr.strip()[-200:]}"


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="briefing-hostile-") as folder:
        base = Path(folder)
        env = {**os.environ, "XDG_RUNTIME_DIR": str(base / "run")}
        (base / "run").mkdir()
        cache = base / "cache"
        print("filling the demo's analysis cache (untimed)…", file=sys.stderr, flush=True)
        timed_build(project(base / "warm-up"), cache, env)
        demo, _ = timed_build(project(base / "demo"), cache, env)
        rows = []
        for name, make in ROWS:
            print(f"{name}…", file=sys.stderr, flush=True)
            root = project(base / re.sub(r"\W+", "-", name))
            make(root / "content")
            elapsed, outcome = timed_build(root, cache, env)
            rows.append((name, elapsed, elapsed - demo, outcome))
    print(f"{'input added to the demo':36} {'build s':>8} {'extra s':>8}  {'target':>7}  outcome")
    print(f"{'(none)':36} {demo:8.1f} {0:8.1f}  {'':>7}  the demo alone")
    for name, elapsed, extra, outcome in rows:
        verdict = "ok" if extra <= TARGET_SECONDS else "MISSED"
        summary = re.sub(r", wrote .*", "", outcome)
        print(f"{name:36} {elapsed:8.1f} {extra:8.1f}  {verdict:>7}  {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
