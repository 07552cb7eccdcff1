"""``tandem match``: pair mentees with mentors from spreadsheets, or solve a ready score table.

    tandem match MENTEES.csv MENTORS.csv -o PAIRS.csv [--preset P] [--weights FILE] [--no-rule R] [--lang sv]
    tandem match --scores SCORES.csv [--capacities CAPACITIES.csv] -o PAIRS.csv

Exit status: 0 done, 2 bad input or usage (nothing written), 1 the output could not be written.
Documentation: docs/tandem-match.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tandem.matching.criteria import WEIGHT_PRESETS
from tandem.matching.engine import match, solve_scores
from tandem.matching.explain import summarize
from tandem.matching.model import HardRules, MatchResult
from tandem.matching.tables import (
    InputErrors,
    read_capacities,
    read_mentees,
    read_mentors,
    read_scores,
    read_weights,
)

OUTPUT_COLUMNS = ["mentee_id", "mentor_id", "score", "reasons", "next_best"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tandem match",
        description="Match mentees with mentors: the most mentees possible, then the highest total score.",
    )
    parser.add_argument(
        "people", nargs="*", metavar="FILE", help="MENTEES and MENTORS tables (.csv or .xlsx)"
    )
    parser.add_argument("--scores", type=Path, help="score table mentee_id,mentor_id,score instead of people")
    parser.add_argument("--capacities", type=Path, help="with --scores: mentor_id,capacity (default 1)")
    parser.add_argument("-o", "--output", type=Path, required=True, help="where to write the pairs (.csv)")
    parser.add_argument(
        "--preset", choices=sorted(WEIGHT_PRESETS), default="general", help="criterion weights"
    )
    parser.add_argument(
        "--weights", type=Path, help="criterion weights overriding the preset (.csv or .json)"
    )
    parser.add_argument(
        "--no-rule",
        action="append",
        default=[],
        choices=["exclusions", "same_employer", "gender_wish", "meeting_format"],
        help="switch a hard rule off (repeatable)",
    )
    parser.add_argument("--lang", choices=["en", "sv"], default="en", help="language of the reasons")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.scores is None and len(args.people) != 2:
        parser.error("give MENTEES and MENTORS files, or --scores")
    if args.scores is not None and (args.people or args.weights or args.no_rule):
        parser.error("--scores takes no people files, --weights or --no-rule")
    if args.capacities is not None and args.scores is None:
        parser.error("--capacities goes with --scores")

    try:
        result = _run(args)
    except InputErrors as errors:
        for message in errors.messages:
            print(f"error: {message}", file=sys.stderr)
        print(
            f"tandem match: {len(errors.messages)} problem(s) in the input; nothing written", file=sys.stderr
        )
        return 2
    except ValueError as error:  # inconsistent input the engine refused, e.g. a score table too large
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        _write_atomically(args.output, result, args.lang)
    except OSError as error:
        print(f"error: cannot write {args.output}: {error}", file=sys.stderr)
        return 1
    total = _number(result.total_score)
    print(f"matched {result.matched} of {len(result.results)} mentees, total score {total} → {args.output}")
    return 0


def _run(args: argparse.Namespace) -> MatchResult:
    if args.scores is not None:
        scores, capacities = _collect(
            lambda: read_scores(args.scores),
            lambda: read_capacities(args.capacities) if args.capacities else None,
        )
        return solve_scores(scores, capacities)
    weights = dict(WEIGHT_PRESETS[args.preset])
    mentees, mentors, extra = _collect(
        lambda: read_mentees(Path(args.people[0])),
        lambda: read_mentors(Path(args.people[1])),
        lambda: read_weights(args.weights) if args.weights else {},
    )
    weights.update(extra)
    rules = HardRules(**{name: False for name in args.no_rule})
    return match(mentees, mentors, weights=weights, rules=rules)


def _collect(*readers: Callable[[], Any]) -> list[Any]:
    """Run every reader, so that the problems of all files are reported together."""
    values, messages = [], []
    for read in readers:
        try:
            values.append(read())
        except InputErrors as errors:
            messages += errors.messages
    if messages:
        raise InputErrors(messages)
    return values


def _write_atomically(path: Path, result: MatchResult, lang: str) -> None:
    """Write to a temporary file beside ``path`` and rename it, so ``path`` is whole or absent."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as handle:
        try:
            writer = csv.writer(handle)
            writer.writerow(OUTPUT_COLUMNS)
            for r in result.results:
                next_best = "; ".join(f"{a.mentor_id} ({_number(a.score)})" for a in r.alternatives)
                score = "" if r.score is None else _number(r.score)
                writer.writerow([r.mentee_id, r.mentor_id or "", score, summarize(r, lang), next_best])
        except BaseException:
            handle.close()
            Path(handle.name).unlink(missing_ok=True)
            raise
    try:
        os.replace(handle.name, path)
    except OSError:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


if __name__ == "__main__":
    sys.exit(main())
