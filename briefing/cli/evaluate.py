"""``briefing eval``: the briefings measured on real data, next to their peers."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ..config import BriefingConfig
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
    command.add_argument("--limit", type=int, help="score only the first N clusters")
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
        help="score only the metadata of saved pages: a folder with evaldata.json and eval/ "
        "(laid out like trafilatura's evaluation set)",
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """``briefing eval``: the tables (ROUGE, attribution, grouping), printed as they are measured."""
    # the evaluation is loaded for this command only: no build imports it
    from ..evaluation.attribution import attribution_eval, format_attribution, load_gold
    from ..evaluation.grouping import format_grouping, grouping_eval
    from ..evaluation.reading import format_reading, reading_eval
    from ..evaluation.rouge import format_table, rouge_eval
    from ..evaluation.support import (
        format_support,
        load_labels,
        score_support,
        support_pairs,
        uncredited_keys,
    )

    if args.pages:
        from ..evaluation.metadata import format_metadata, metadata_eval

        print(format_metadata(metadata_eval(args.pages, args.limit)))
        return EXIT_OK
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
    return EXIT_OK
