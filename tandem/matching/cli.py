"""``tandem match``: pair mentees with mentors from spreadsheets, or solve a ready score table.

    tandem match MENTEES.csv MENTORS.csv -o PAIRS.csv [--preset P] [--weights FILE] [--no-rule R] [--lang sv]
    tandem match --scores SCORES.csv [--capacities CAPACITIES.csv] -o PAIRS.csv
    (either with --timings: CPU seconds per phase on standard error)

Exit status: 0 done, 2 bad input or usage (nothing written), 1 the output could not be written.
Documentation: docs/tandem-match.md.
"""

from __future__ import annotations

import argparse
import csv
import gc
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tandem.matching.explain import Lang
    from tandem.matching.model import MatchResult

OUTPUT_COLUMNS = ["mentee_id", "mentor_id", "score", "reasons", "next_best"]
PRESETS = ("general", "job_in_profession", "language", "network")
"""The names of ``criteria.WEIGHT_PRESETS`` (a test keeps them equal), here so that parsing the command
line needs neither NumPy nor SciPy."""


def _numpy_settings() -> None:
    """Settings NumPy reads when it is imported, for a process that has not imported it yet.

    * One OpenBLAS thread: the engine does no dense linear algebra, yet OpenBLAS starts a worker thread
      per core, which cost about 0.3 s of CPU per run on a 2-core machine (and the other users' cores).
    * No transparent huge pages for large arrays: the engine writes its big matrices once, and the kernel
      spent 0.15–0.4 s of system time per 10,000 × 6,000 run preparing huge pages for them.

    Settings already in the environment (also ``OMP_NUM_THREADS``) win.
    """
    if "numpy" in sys.modules:
        return
    if "OMP_NUM_THREADS" not in os.environ:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")


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
    parser.add_argument("--preset", choices=PRESETS, default="general", help="criterion weights")
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
    parser.add_argument(
        "--timings", action="store_true", help="print the CPU time of each phase to standard error"
    )
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

    _numpy_settings()
    with _without_cyclic_gc():
        return _match(args)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause Python's cycle collector for the run.

    A run allocates hundreds of thousands of small objects (people, reasons, results) that live until it
    ends and hold no reference cycles; the collector would walk them again and again (about 0.15 s for
    10,000 mentees) to free nothing. Reference counting still frees everything else as usual.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _match(args: argparse.Namespace) -> int:
    from tandem.matching.tables import InputErrors  # imported here: NumPy and SciPy load with it

    timings: dict[str, float] | None = {"start": time.process_time()} if args.timings else None
    try:
        result = _run(args, timings)
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
        before = time.process_time()
        _write_atomically(args.output, result, args.lang)
    except OSError as error:
        print(f"error: cannot write {args.output}: {error}", file=sys.stderr)
        return 1
    total = _number(result.total_score)
    print(f"matched {result.matched} of {len(result.results)} mentees, total score {total} → {args.output}")
    if timings is not None:
        timings["write"] = time.process_time() - before
        timings["total"] = time.process_time()
        phases = ", ".join(f"{phase} {seconds:.3f}" for phase, seconds in timings.items())
        print(f"timings (CPU seconds): {phases}", file=sys.stderr)
    return 0


def _run(args: argparse.Namespace, timings: dict[str, float] | None = None) -> MatchResult:
    from tandem.matching.criteria import WEIGHT_PRESETS
    from tandem.matching.engine import match, solve_scores
    from tandem.matching.model import HardRules
    from tandem.matching.tables import read_capacities, read_mentees, read_mentors, read_scores, read_weights

    before = time.process_time()
    if args.scores is not None:
        scores, capacities = _collect(
            lambda: read_scores(args.scores),
            lambda: read_capacities(args.capacities) if args.capacities else None,
        )
        if timings is not None:
            timings["read"] = time.process_time() - before
        return solve_scores(scores, capacities, timings=timings)
    weights = dict(WEIGHT_PRESETS[args.preset])
    mentees, mentors, extra = _collect(
        lambda: read_mentees(Path(args.people[0])),
        lambda: read_mentors(Path(args.people[1])),
        lambda: read_weights(args.weights) if args.weights else {},
    )
    weights.update(extra)
    rules = HardRules(**{name: False for name in args.no_rule})
    if timings is not None:
        timings["read"] = time.process_time() - before
    return match(mentees, mentors, weights=weights, rules=rules, timings=timings)


def _collect(*readers: Callable[[], Any]) -> list[Any]:
    """Run every reader, so that the problems of all files are reported together."""
    from tandem.matching.tables import InputErrors

    values, messages = [], []
    for read in readers:
        try:
            values.append(read())
        except InputErrors as errors:
            messages += errors.messages
    if messages:
        raise InputErrors(messages)
    return values


def _write_atomically(path: Path, result: MatchResult, lang: Lang) -> None:
    """Write to a temporary file beside ``path`` and rename it, so ``path`` is whole or absent."""
    from tandem.matching.explain import summaries

    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as handle:
        try:
            writer = csv.writer(handle)
            writer.writerow(OUTPUT_COLUMNS)
            writer.writerows(
                [
                    r.mentee_id,
                    r.mentor_id or "",
                    "" if r.score is None else _number(r.score),
                    reasons,
                    "; ".join([f"{a.mentor_id} ({_number(a.score)})" for a in r.alternatives]),
                ]
                for r, reasons in zip(result.results, summaries(result.results, lang), strict=True)
            )
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
