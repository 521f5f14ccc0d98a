"""``briefing eval``: the briefings measured on real data, next to their peers."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ..config import BriefingConfig
from ..models import SourceArticle
from .common import EXIT_OK


def register(commands, parents) -> None:
    command = commands.add_parser(
        "eval",
        help="measure the briefings: ROUGE against peers, attribution against a gold reading",
        parents=parents,
    )
    command.add_argument(
        "--data",
        type=Path,
        help="evaluation clusters, JSON lines (default: ../shared/evaldata/multinews_dev.jsonl)",
    )
    command.add_argument("--limit", type=int, help="score only the first N clusters (or pages)")
    command.add_argument("--budget", type=int, default=250, help="words per summary (default: 250)")
    command.add_argument(
        "--gold", type=Path, default=Path("tests/data/demo_gold.json"), help="gold reading of a story"
    )
    command.add_argument(
        "--furniture",
        type=Path,
        default=Path("tests/data/demo_furniture.json"),
        help="page furniture of the gold story's articles, which no statement may hold",
    )
    command.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder of the gold story"
    )
    command.add_argument(
        "--support",
        type=Path,
        default=Path("tests/data/support_labels.json"),
        help="labelled sample of statement/sentence pairs for the support table",
    )
    command.add_argument(
        "--pages",
        type=Path,
        metavar="DIR",
        help="instead, score the reading of saved pages (text against plain trafilatura, author and "
        "date against hand-checked values) on a folder laid out as trafilatura's evaluation set "
        "(evaldata.json, eval/)",
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """``briefing eval``: the tables (ROUGE, attribution, grouping), printed as they are measured."""
    # the evaluation is loaded for this command only: no build imports it
    from ..evaluation.attribution import attribution_eval, format_attribution, load_gold
    from ..evaluation.grouping import format_grouping, format_joining, grouping_eval, joining_eval
    from ..evaluation.reading import format_reading, reading_eval
    from ..evaluation.rouge import format_table, rouge_eval
    from ..evaluation.support import (
        format_support,
        load_labels,
        score_support,
        support_pairs,
        uncredited_keys,
    )

    if args.pages is not None:
        return run_pages(args.pages, args.limit)
    config = BriefingConfig()
    started = time.perf_counter()
    briefings: list = []
    rows = rouge_eval(args.data, args.limit, args.budget, config, briefings)
    print(format_table(rows))
    print(f"({time.perf_counter() - started:.0f} s)\n")
    if args.support.is_file():
        pairs = [pair for briefing, analyses in briefings for pair in support_pairs(briefing, analyses)]
        left_out = {key for briefing, analyses in briefings for key in uncredited_keys(briefing, analyses)}
        print(format_support(score_support(pairs, load_labels(args.support), left_out)) + "\n")
    referents = args.support.with_name("referent_labels.json")
    labels = load_labels(referents) if referents.is_file() else {}
    print(format_reading(reading_eval(briefings, labels)) + "\n")
    score = attribution_eval(args.content, args.gold, args.furniture, config)
    print(format_attribution(score, load_gold(args.gold)["story"]))
    cache = Path(config.cache) if config.cache else None
    print("\n" + format_grouping(grouping_eval(args.data, args.limit, config, cache)))
    print(format_joining(joining_eval(args.data, args.limit, config, cache)))
    return EXIT_OK


def run_pages(folder: Path, limit: int | None) -> int:
    """``briefing eval --pages DIR``: the text kept of saved pages next to plain trafilatura, then
    the metadata shown for them against the hand-checked values."""
    from ..evaluation.metadata import format_metadata, metadata_eval
    from ..evaluation.pages import format_pages, page_text, pages_eval, read_page

    started = time.perf_counter()
    read: dict[str, SourceArticle] = {}  # each page is read once for both tables

    def article(raw: bytes, name: str) -> SourceArticle:
        if name not in read:
            read[name] = read_page(raw, name)
        return read[name]

    print(format_pages(pages_eval(folder, limit, reader=lambda raw, name: page_text(article(raw, name)))))
    print()
    print(format_metadata(metadata_eval(folder, limit, reader=article)))
    print(f"({time.perf_counter() - started:.0f} s)")
    return EXIT_OK
