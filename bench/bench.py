"""Benchmark of the build: one plain-text table, every figure measured in this run.

    python bench/bench.py            # demo rows, the site of all dev clusters, 20 history versions
    python bench/bench.py --quick    # demo rows, 30 dev articles, 5 history versions

Rows:
- demo: cold build of a copy of ``content/`` (empty cache, empty output), no-op rebuild (same
  content, cache and output), and a rebuild after one new article (a few paragraphs of the first
  Multi-News dev document) is added to the demo story; the same rebuild under ``briefing watch``,
  which keeps spaCy loaded between builds (timed from writing the file to the new build's line);
  and the same rebuild as a one-shot build with spaCy kept warm: a cold build of another copy
  with ``--keep-warm 120`` leaves a warm spaCy server behind (that build is not in the table), the
  bench waits untimed until ``briefing warm`` reports it ready, then times the one-shot build
  after the new article is added, which sends the article to the server instead of loading
  spaCy. Its peak memory is the build's own: the server holds another 150-300 MB meanwhile. The
  server is stopped right after this row (and at the end, whatever happens), so that no other
  row can use it;
- site: all 89 Multi-News dev clusters, one story folder each (``.txt`` files in a temporary
  folder outside the repository: research use only; 30 articles with ``--quick``): the floor
  (spaCy's own ``nlp.pipe`` over the same texts with the same model, load included), a cold build
  on one process, one on two (``--jobs``) and one on a Dask ``LocalCluster`` of two worker
  processes that the build starts (``--executor dask --jobs 2``, against the ``--jobs 2`` row;
  the three must write the same site), then on the first site a no-op rebuild, a rebuild
  after one new article in one story and one after one article is edited;
- history: the demo story built again with one new article each time until it has 20 versions
  (5 with ``--quick``): the size of its history file and what each version added, next to the
  story's ``briefing.json``.

Every build and every floor runs in a fresh subprocess of this Python; wall time is measured
around it and peak memory is its max RSS, read per child with ``os.wait4``. One untimed warm-up
process imports spaCy, Pelican and the model first, so that the first row does not pay for a cold
disk cache. Every child runs with ``XDG_RUNTIME_DIR`` in the bench's temporary folder, so no row
ever talks to a warm spaCy server of the user's. Progress goes to stderr, the table to stdout.
Temporary folders are removed at the end.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "content"
SETTINGS = REPO / "pelicanconf.py"
EVALDATA = REPO.parent / "shared" / "evaldata" / "multinews_dev.jsonl"

NOOP_TARGET = 0.25  # no-op rebuild / cold build
ONE_NEW_TARGET = 0.60  # one-new-article rebuild / cold build
FLOOR_TARGET = 1.2  # cold build of the dev site on one process / spaCy floor
PARALLEL_FLOOR_TARGET = 0.75  # the same with --jobs 2 / spaCy floor
DASK_TARGET = 1.15  # the same on a Dask LocalCluster of 2 workers / --jobs 2
SITE_NOOP_TARGET = 0.02  # no-op rebuild of the dev site / its cold build
SITE_CHANGE_TARGET = 0.10  # one new or one edited article in one story / cold build
MEMORY_TARGET_MB = 1000  # peak RSS < 1 GB (MB = 10**6 bytes)
NEW_ARTICLE_WORDS = 250  # paragraphs of the new demo article, until at least this many words

WARM_UP = """
from briefing.config import BriefingConfig
from briefing.nlp import load_pipeline
import pelican
load_pipeline(BriefingConfig().models)("Warm-up.")
"""

FLOOR = """
import sys
from pathlib import Path

from briefing.config import BriefingConfig
from briefing.nlp import load_pipeline

texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
nlp = load_pipeline(BriefingConfig().models)
sentences = sum(1 for doc in nlp.pipe(texts) for _ in doc.sents)
print(f"{len(texts)} texts, {sentences} sentences, {nlp.meta['name']} {nlp.meta['version']}")
"""

_SUMMARY = re.compile(r"(\d+) articles in (\d+) stories.*?; (\d+) analysed")
_UP_TO_DATE = re.compile(r"nothing changed|up to date", re.IGNORECASE)


def progress(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu: float  # user + system seconds of the child: less sensitive than wall time to a busy machine
    peak_mb: float
    stdout: str


def measure(argv: list[str], what: str) -> Run:
    """Run ``argv`` in its own process from the repository root; its wall time and max RSS."""
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as out,
        tempfile.TemporaryFile("w+", encoding="utf-8") as err,
    ):
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=REPO, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:
            proc.kill()
            proc.wait()
            raise
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode != 0:
        sys.stderr.write(stderr)
        raise SystemExit(f"bench: {what} failed with exit code {proc.returncode}")
    peak_mb = usage.ru_maxrss * 1024 / 1e6  # Linux reports kilobytes
    last = stdout.strip().splitlines()[-1] if stdout.strip() else ""
    cpu = usage.ru_utime + usage.ru_stime
    progress(f"{what}: {seconds:.1f} s ({cpu:.1f} s CPU), {peak_mb:.0f} MB" + (f"  ({last})" if last else ""))
    return Run(seconds, cpu, peak_mb, stdout)


def build(root: Path, what: str, *options: str) -> tuple[Run, str]:
    """One ``briefing build`` of ``root/content`` into ``root/output`` with cache ``root/cache``.

    Returns the run and the articles column: the files given to the build and, from the build's
    final line, how many it kept and parsed with spaCy.
    """
    argv = [sys.executable, "-m", "briefing", "build"]
    argv += ["--content", str(root / "content"), "--output", str(root / "output")]
    argv += ["--cache", str(root / "cache"), "--settings", str(root / "pelicanconf.py"), *options]
    content = root / "content"
    files = sum(  # article files as the build finds them: no hidden or "_" names (e.g. _history.json)
        1
        for p in content.rglob("*")
        if p.is_file() and not any(part.startswith((".", "_")) for part in p.relative_to(content).parts)
    )
    run = measure(argv, what)
    found = _SUMMARY.search(run.stdout)
    if found:
        kept, analysed = int(found[1]), int(found[3])
        if kept != files:
            return run, f"{files} ({kept} kept, {analysed} analysed)"
        return run, f"{files} ({analysed} analysed)"
    if _UP_TO_DATE.search(run.stdout):
        return run, f"{files} (up to date)"
    return run, str(files)


def floor(content: Path, what: str) -> Run:
    return measure([sys.executable, "-c", FLOOR, str(content)], what)


def load_clusters() -> list[dict]:
    with EVALDATA.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_clusters(clusters: list[dict], content: Path, at_least: int | None) -> int:
    """One story folder per cluster, one ``.txt`` per document, until ``at_least`` articles."""
    written = 0
    for cluster in clusters:
        if at_least is not None and written >= at_least:
            break
        story = content / re.sub(r"[^a-z0-9]+", "-", cluster["id"].lower()).strip("-")
        story.mkdir(parents=True)
        for number, document in enumerate(cluster["documents"]):
            (story / f"doc{number}.txt").write_text(document["text"].strip() + "\n", encoding="utf-8")
            written += 1
    return written


def new_article(clusters: list[dict]) -> str:
    """The first paragraphs of the first dev document: a short real article from another story."""
    kept, words = [], 0
    for paragraph in re.split(r"\n\s*\n", clusters[0]["documents"][0]["text"]):
        if paragraph.strip():
            kept.append(paragraph.strip())
            words += len(paragraph.split())
        if words >= NEW_ARTICLE_WORDS:
            break
    return "\n\n".join(kept) + "\n"


def fresh(work: Path, name: str) -> Path:
    """A project folder of its own: the settings and templates, an empty cache and output. The
    build writes its history beside its settings, so no row ever writes into the repository."""
    root = work / name
    (root / "cache").mkdir(parents=True)
    (root / "output").mkdir()
    shutil.copy(SETTINGS, root / "pelicanconf.py")
    shutil.copytree(REPO / "templates", root / "templates")
    return root


def verdict(ok: bool) -> str:
    return "pass" if ok else "FAIL"


def memory_check(mb: float) -> str:
    return f"< 1 GB {verdict(mb < MEMORY_TARGET_MB)}"


def ratio_check(ratio: float, limit: float, mb: float) -> str:
    return f"<= {limit:.2f} {verdict(ratio <= limit)}; {memory_check(mb)}"


def demo_rows(work: Path, clusters: list[dict], repeat: int) -> list[tuple]:
    cold, noop, one_new = [], [], []
    counts = {}
    for attempt in range(repeat):
        root = fresh(work, f"demo{attempt}")
        shutil.copytree(DEMO, root / "content")
        suffix = f" ({attempt + 1}/{repeat})" if repeat > 1 else ""
        run, counts["cold"] = build(root, f"demo cold build{suffix}")
        cold.append(run)
        run, counts["noop"] = build(root, f"demo no-op rebuild{suffix}")
        noop.append(run)
        stories = sorted(p for p in (root / "content").iterdir() if p.is_dir())
        (stories[0] / "900_bench_new_article.txt").write_text(new_article(clusters), encoding="utf-8")
        run, counts["one_new"] = build(root, f"demo one-new-article rebuild{suffix}")
        one_new.append(run)

    def summary(runs: list[Run]) -> Run:
        """Median wall and CPU time, highest peak memory."""
        return Run(
            statistics.median(r.seconds for r in runs),
            statistics.median(r.cpu for r in runs),
            max(r.peak_mb for r in runs),
            runs[-1].stdout,
        )

    cold_run, noop_run, one_run = summary(cold), summary(noop), summary(one_new)
    noop_ratio = noop_run.seconds / cold_run.seconds
    one_ratio = one_run.seconds / cold_run.seconds
    return [
        ("demo: cold build", counts["cold"], cold_run, "", memory_check(cold_run.peak_mb)),
        (
            "demo: no-op rebuild",
            counts["noop"],
            noop_run,
            f"{noop_ratio:.2f} of cold",
            ratio_check(noop_ratio, NOOP_TARGET, noop_run.peak_mb),
        ),
        (
            "demo: one new article",
            counts["one_new"],
            one_run,
            f"{one_ratio:.2f} of cold",
            ratio_check(one_ratio, ONE_NEW_TARGET, one_run.peak_mb),
        ),
    ]


def watch_row(work: Path, clusters: list[dict], cold: Run) -> tuple:
    """The one-new-article rebuild as an editor who rebuilds all day runs it: ``briefing watch``
    keeps spaCy loaded, so a new article costs its own analysis and the rendering. Timed from
    writing the file to the watch process reporting the new build."""
    root = fresh(work, "watch")
    shutil.copytree(DEMO, root / "content")
    argv = [sys.executable, "-m", "briefing", "watch", "--interval", "0.1"]
    argv += ["--content", str(root / "content"), "--output", str(root / "output")]
    argv += ["--cache", str(root / "cache"), "--settings", str(root / "pelicanconf.py")]
    proc = subprocess.Popen(argv, cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, text=True)
    try:
        _wait_for_line(proc, "articles in")  # the first, cold build
        stories = sorted(p for p in (root / "content").iterdir() if p.is_dir())
        started = time.perf_counter()
        (stories[0] / "900_bench_new_article.txt").write_text(new_article(clusters), encoding="utf-8")
        line = _wait_for_line(proc, "articles in")
        seconds = time.perf_counter() - started
    finally:
        proc.terminate()
        _, _, usage = os.wait4(proc.pid, 0)
    peak_mb = usage.ru_maxrss * 1024 / 1e6
    found = _SUMMARY.search(line)
    articles = f"{found[1]} ({found[3]} analysed)" if found else "?"
    progress(f"watch mode, one new article: {seconds:.1f} s, {peak_mb:.0f} MB  ({line.strip()})")
    run = Run(seconds, float("nan"), peak_mb, line)
    ratio = seconds / cold.seconds
    return (
        "demo: one new article, watch mode",
        articles,
        run,
        f"{ratio:.2f} of cold",
        ratio_check(ratio, ONE_NEW_TARGET, peak_mb),
    )


def warm_row(work: Path, clusters: list[dict], cold: Run) -> tuple:
    """The one-new-article rebuild as a one-shot build that finds spaCy kept warm by an earlier
    build (``--keep-warm``): it sends the new article to the server instead of loading spaCy."""
    root = fresh(work, "warm")
    shutil.copytree(DEMO, root / "content")
    try:
        build(root, "demo cold build leaving spaCy warm (not in the table)", "--keep-warm", "120")
        _wait_until_warm()
        stories = sorted(p for p in (root / "content").iterdir() if p.is_dir())
        (stories[0] / "900_bench_new_article.txt").write_text(new_article(clusters), encoding="utf-8")
        run, articles = build(root, "demo one-new-article rebuild, spaCy kept warm", "--keep-warm", "120")
        status = _warm(["--status"], check=False).stdout.strip()
        progress(f"the warm server after the rebuild: {status}")
    finally:
        stop_warm()
    ratio = run.seconds / cold.seconds
    return (
        "demo: one new article, spaCy kept warm",
        articles,
        run,
        f"{ratio:.2f} of cold",
        ratio_check(ratio, ONE_NEW_TARGET, run.peak_mb),
    )


def _warm(options: list[str], check: bool = True) -> subprocess.CompletedProcess:
    """``briefing warm`` with ``options``, untimed."""
    argv = [sys.executable, "-m", "briefing", "warm", "--settings", str(SETTINGS), *options]
    return subprocess.run(argv, cwd=REPO, capture_output=True, text=True, check=check)


def _wait_until_warm(seconds: float = 120.0) -> None:
    """Poll ``briefing warm --status`` until the server left by the last build is ready."""
    started = time.monotonic()
    while _warm(["--status"], check=False).returncode != 0:
        if time.monotonic() - started > seconds:
            raise SystemExit(f"bench: no warm spaCy server was ready after {seconds:.0f} s")
        time.sleep(0.2)
    progress(f"warm spaCy server ready after {time.monotonic() - started:.1f} s of waiting (untimed)")


def stop_warm() -> None:
    """Stop every warm spaCy server in the bench's runtime folder."""
    done = _warm(["--stop"], check=False)
    if done.returncode != 0:
        progress(f"briefing warm --stop failed: {done.stderr.strip()}")


def _wait_for_line(proc: subprocess.Popen, marker: str, seconds: float = 120.0) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("bench: briefing watch stopped unexpectedly")
        if marker in line:
            return line
    raise SystemExit(f"bench: briefing watch printed no {marker!r} in {seconds:.0f} s")


def site_rows(work: Path, clusters: list[dict], quick: bool) -> list[tuple]:
    """A site of dev clusters, one story folder each (30 articles with ``--quick``, else all):
    the spaCy floor; cold builds on one process, on two and on a Dask cluster of two workers
    (the same site, byte for byte); then, on the site built on one
    process, a no-op rebuild, one new article in one story and one article edited."""
    size = 30 if quick else None
    root = fresh(work, "site")
    written = write_clusters(clusters, root / "content", size)
    stories = sorted(p for p in (root / "content").iterdir() if p.is_dir())
    label = f"{written} dev articles, {len(stories)} stories"
    progress(f"wrote {label}")
    base = floor(root / "content", f"spaCy floor, {label}")
    parallel = fresh(work, "site-jobs2")
    shutil.copytree(root / "content", parallel / "content")
    on_dask = fresh(work, "site-dask")
    shutil.copytree(root / "content", on_dask / "content")
    cold, articles = build(root, f"cold build, {label}, --jobs 1", "--jobs", "1")
    cold2, articles2 = build(parallel, f"cold build, {label}, --jobs 2", "--jobs", "2")
    dask = dask_row(on_dask, label, cold2)
    same = site_files(root / "output") == site_files(parallel / "output") == site_files(on_dask / "output")
    progress(f"the three cold builds wrote the same site: {same}")
    noop, noop_articles = build(root, f"no-op rebuild, {label}")
    target_story = stories[len(stories) // 2]
    (target_story / "900_bench_new_article.txt").write_text(new_article(clusters), encoding="utf-8")
    one_new, one_new_articles = build(root, f"one new article in one story, {label}")
    edited = sorted(stories[len(stories) // 3].glob("*.txt"))[0]
    edited.write_text(
        edited.read_text(encoding="utf-8") + "\nThe figures were revised on Monday, officials said.\n",
        encoding="utf-8",
    )
    one_edit, one_edit_articles = build(root, f"one article edited, {label}")

    def of_cold(run: Run, limit: float) -> tuple[str, str]:
        ratio = run.seconds / cold.seconds
        return (
            f"{ratio:.3f} of cold",
            f"<= {limit:.2f} {verdict(ratio <= limit)}; {memory_check(run.peak_mb)}",
        )

    def of_floor(run: Run, limit: float) -> tuple[str, str]:
        ratio = run.seconds / base.seconds
        return (
            f"{ratio:.2f} x floor",
            f"<= {limit:.2f} {verdict(ratio <= limit)}; {memory_check(run.peak_mb)}",
        )

    return [
        (f"spaCy floor: nlp.pipe, {label}", str(written), base, "", ""),
        ("site: cold build, --jobs 1", articles, cold, *of_floor(cold, FLOOR_TARGET)),
        ("site: cold build, --jobs 2", articles2, cold2, *of_floor(cold2, PARALLEL_FLOOR_TARGET)),
        (*dask[:-1], f"{dask[-1]}; same site as --jobs 1 and 2 {verdict(same)}"),
        ("site: no-op rebuild", noop_articles, noop, *of_cold(noop, SITE_NOOP_TARGET)),
        (
            "site: one new article in one story",
            one_new_articles,
            one_new,
            *of_cold(one_new, SITE_CHANGE_TARGET),
        ),
        ("site: one article edited", one_edit_articles, one_edit, *of_cold(one_edit, SITE_CHANGE_TARGET)),
    ]


def dask_row(root: Path, label: str, jobs2: Run) -> tuple:
    """The cold build on a Dask ``LocalCluster`` of two worker processes that the build starts
    (``--executor dask --jobs 2``): the engine's overhead beside ``--jobs 2``."""
    run, articles = build(root, f"cold build, {label}, Dask LocalCluster of 2 workers", *DASK_OPTIONS)
    ratio = run.seconds / jobs2.seconds
    return (
        "site: cold build, Dask, 2 workers",
        articles,
        run,
        f"{ratio:.2f} x --jobs 2",
        f"<= {DASK_TARGET:.2f} {verdict(ratio <= DASK_TARGET)}; {memory_check(run.peak_mb)}",
    )


DASK_OPTIONS = ("--executor", "dask", "--jobs", "2")


def site_files(output: Path) -> dict[str, bytes]:
    """Every file a build wrote, by its path in the output folder."""
    return {str(p.relative_to(output)): p.read_bytes() for p in sorted(output.rglob("*")) if p.is_file()}


def history_rows(work: Path, clusters: list[dict], versions: int = 20) -> list[tuple]:
    """The demo story's history after ``versions`` versions: a cold build, then one new article
    (the first paragraphs of a dev document) per build until there are that many versions (an
    article that changes nothing the briefing shows makes none). Its size, and the bytes each
    version added next to the size of the story's briefing.json at that version."""
    root = fresh(work, "history")
    shutil.copytree(DEMO, root / "content")
    story = sorted(p for p in (root / "content").iterdir() if p.is_dir())[0]
    history = root / "history" / f"{story.name}.json"
    sizes: list[int] = []  # of the history file after each version
    records: list[int] = []  # of the story's briefing.json then
    started = time.perf_counter()
    argv = [sys.executable, "-m", "briefing", "build", "--settings", str(root / "pelicanconf.py")]
    documents = (d["text"] for c in clusters[1:] for d in c["documents"])
    while len(sizes) < versions:  # an article that adds nothing the briefing shows makes no version
        if sizes:
            paragraphs = [p for p in re.split(r"\n\s*\n", next(documents)) if p.strip()]
            (story / f"9{len(sizes):02d}_bench.txt").write_text(
                "\n\n".join(paragraphs[:4]) + "\n", encoding="utf-8"
            )
        subprocess.run(argv, cwd=root, check=True, capture_output=True)
        count = len(json.loads(history.read_text(encoding="utf-8"))["versions"])
        if count > len(sizes):
            sizes.append(history.stat().st_size)
            records.append((root / "output" / story.name / "briefing.json").stat().st_size)
    seconds = time.perf_counter() - started
    stored = json.loads(history.read_text(encoding="utf-8"))
    briefing = records[-1]
    added = [b - a for a, b in itertools.pairwise(sizes)]
    worst = max(grew / record for grew, record in zip(added, records[1:], strict=True))
    progress(f"history: {len(stored['versions'])} versions, {sizes[-1]} bytes; briefing.json {briefing}")
    run = Run(seconds, float("nan"), float("nan"), "")
    return [
        (
            f"history: {len(stored['versions'])} versions of the demo story",
            str(sum(1 for p in story.iterdir() if p.is_file())),
            run,
            f"{sizes[-1] / 1000:.0f} KB",
            f"first version {sizes[0] / 1000:.0f} KB; briefing.json {briefing / 1000:.0f} KB",
        ),
        (
            "history: bytes added per version",
            "",
            run,
            f"{statistics.mean(added) / 1000:.1f} KB mean",
            f"max {max(added) / 1000:.1f} KB; at most {worst:.1%} of that version's briefing.json "
            f"<= 10% {verdict(worst <= 0.10)}",
        ),
    ]


def format_table(rows: list[tuple]) -> str:
    header = ("case", "articles", "seconds", "CPU s", "peak MB", "ratio", "target")
    cells = [header] + [
        (c, a, f"{u.seconds:.1f}", f"{u.cpu:.1f}" if u.cpu == u.cpu else "-", f"{u.peak_mb:.0f}", r, t)
        for c, a, u, r, t in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    right = {2, 3, 4}

    def line(row: tuple) -> str:
        parts = [
            v.rjust(w) if i in right else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True))
        ]
        return " | ".join(parts).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="demo rows and 30 dev articles only")
    parser.add_argument(
        "--repeat", type=int, default=1, help="demo runs; the table shows median time, max memory"
    )
    args = parser.parse_args(argv)
    if not EVALDATA.is_file():
        parser.error(f"{EVALDATA}: evaluation data not found")
    started = time.perf_counter()
    clusters = load_clusters()
    work = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    (work / "run").mkdir(mode=0o700)
    os.environ["XDG_RUNTIME_DIR"] = str(work / "run")  # warm spaCy servers of this run only
    try:
        measure([sys.executable, "-c", WARM_UP], "warm-up (not in the table)")
        rows = demo_rows(work, clusters, max(1, args.repeat))
        rows.append(watch_row(work, clusters, rows[0][2]))
        rows.append(warm_row(work, clusters, rows[0][2]))
        rows += site_rows(work, clusters, args.quick)
        rows += history_rows(work, clusters, 5 if args.quick else 20)
    finally:
        stop_warm()
        shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - started
    print(format_table(rows))
    print(
        f"\nEach figure: one fresh subprocess; seconds = wall time (the ratios and targets use it), "
        f"CPU s = its user + system time, peak MB = its max RSS (10^6 bytes); "
        f"{'quick run; ' if args.quick else ''}bench total {total:.0f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
