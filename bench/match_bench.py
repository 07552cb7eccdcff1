"""Benchmark ``tandem match`` on generated cohorts, against the bare solver and a greedy baseline.

    .venv/bin/python bench/match_bench.py [--sizes 100x80,1000x800,10000x6000] [--runs 2] [--seed 1]
                                          [--keep DIR]

For each cohort (mentees × mentors, capacities 1–3, occupations concentrated in a few dozen SSYK unit
groups of major groups 2–5, homes weighted towards the big cities) it measures, ``--runs`` times:

* the CLI end to end (read CSV, score, solve, explain, write), run as ``python -m tandem.matching.cli
  --timings`` in a subprocess: wall time, CPU time (user + system) and peak memory (max RSS), all from
  ``os.wait4``, and the CLI's own CPU time per phase (start = interpreter and imports);
* the scoring and the bare solver on the same cohort, in this process (CPU time, and wall for the solver);
  the bare solver is ``solver.solve`` on the score matrices, finding its candidates itself;

and once per cohort what a greedy "best pair first" matcher loses on the same scores.

Prints Markdown tables and the load average (1 minute) before and after each CLI run. On a shared machine
CPU time is the steadier figure: wall time also counts the time other processes had the cores.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tandem.matching.engine import score_matrix  # noqa: E402
from tandem.matching.solver import solve  # noqa: E402
from tandem.matching.tables import read_mentees, read_mentors  # noqa: E402
from tandem.reference.data import municipalities, ssyk_title  # noqa: E402

# Unit groups across major groups 2–5 with rough popularity weights, and words of their field.
OCCUPATIONS = {
    "2411": (9, "redovisning revision bokslut skatt accounting audit"),
    "2412": (4, "controller budget ekonomistyrning finance reporting"),
    "2413": (2, "finansanalys investering bank finance analysis"),
    "2419": (3, "ekonomi utredning economics analysis"),
    "2512": (10, "programmering mjukvara utveckling python java software developer"),
    "2511": (4, "systemarkitektur it-arkitekt cloud architecture"),
    "2514": (3, "test testautomation quality assurance"),
    "2516": (2, "it-säkerhet security nätverk"),
    "2519": (2, "it-specialist data analytics"),
    "2221": (8, "sjuksköterska omvårdnad legitimation nursing healthcare patient"),
    "2211": (3, "läkare legitimation medicin doctor physician"),
    "2213": (2, "läkare allmänmedicin medical practice"),
    "2611": (3, "juridik advokat avtalsrätt law lawyer court"),
    "2619": (2, "jurist juridik compliance legal"),
    "2330": (4, "gymnasielärare undervisning skola teaching school"),
    "2341": (5, "grundskollärare undervisning pedagogik teaching"),
    "2343": (3, "förskola förskollärare pedagogik children"),
    "2144": (3, "maskinteknik konstruktion mechanical engineering"),
    "2149": (2, "civilingenjör ingenjör engineering projects"),
    "2142": (2, "bygg väg anläggning civil engineering"),
    "2422": (3, "utredare planering offentlig sektor policy"),
    "3313": (4, "redovisningsekonom bokföring lön accounting payroll"),
    "3112": (3, "byggingenjör bygg construction site"),
    "3113": (2, "elektronik elteknik electrical technician"),
    "3322": (3, "försäljning företagsförsäljning sales b2b"),
    "3411": (2, "socialpedagog behandling social work"),
    "4112": (4, "kontor administration office assistant"),
    "4222": (3, "kundtjänst kundservice customer service"),
    "4321": (2, "lager logistik warehouse"),
    "5120": (5, "kock restaurang kök cooking chef"),
    "5131": (2, "servitör restaurang service waiter"),
    "5223": (3, "butik försäljning detaljhandel retail"),
    "5311": (3, "barnskötare förskola child care"),
    "5321": (6, "undersköterska vård äldreomsorg assistant nurse care"),
    "5322": (2, "skötare psykiatri vård care"),
    "5330": (2, "vårdbiträde personlig assistent care"),
}
BIG_CITIES = {
    "0180": 25,
    "1480": 14,
    "1280": 9,
    "0380": 6,
    "0580": 4,
    "1880": 4,
    "1980": 4,
    "1283": 3,
    "0581": 3,
    "0680": 3,
    "2480": 3,
    "1281": 3,
}
HOME_LANGUAGES = ["ar", "fa", "so", "ti", "uk", "es", "en", "pl", "tr", "ku", "ru", "bs"]
EMPLOYERS = [
    "Nordvik AB",
    "Alfa AB",
    "Bergström AB",
    "Cedergren AB",
    "Delta AB",
    "Ekholm AB",
    "Fjällbo AB",
    "Granit AB",
    "Region Stockholm",
    "Region Skåne",
    "Västra Götalandsregionen",
    "Göteborgs stad",
    "Malmö stad",
    "Stockholms stad",
    "Skatteverket",
    "Försäkringskassan",
]
MENTEE_COLUMNS = [
    *("id", "name", "occupation_wanted", "occupation_earlier", "languages", "municipality", "meeting_format"),
    *("goals", "gender", "mentor_gender_wish", "birth_year", "employer", "excluded"),
]
MENTOR_COLUMNS = [
    *("id", "name", "occupation", "languages", "municipality", "meeting_format", "expertise", "capacity"),
    *("gender", "birth_year", "employer", "excluded"),
]
GENERIC_GOALS = [
    "Jag vill förstå svensk arbetsmarknad och bygga nätverk",
    "I want to find my first job in Sweden",
    "Förbättra min svenska i arbetslivet",
    "Learn how to write a Swedish CV and prepare for interviews",
    "Få validering av min utbildning",
    "Understand Swedish workplace culture",
    "Jag vill starta eget företag",
    "Get my foreign degree recognised",
]


def _text(rng: np.random.Generator, code: str, generic: bool) -> str:
    words = OCCUPATIONS[code][1].split() + (ssyk_title(code, "sv") or "").lower().split()[:2]
    chosen = " ".join(rng.choice(words, size=min(len(words), int(rng.integers(2, 5))), replace=False))
    if generic:
        return f"{rng.choice(GENERIC_GOALS)}. Inom {chosen}."
    return f"Erfarenhet av {chosen}"


def generate(n_mentees: int, n_mentors: int, folder: Path, seed: int) -> tuple[Path, Path]:
    rng = np.random.default_rng(seed)
    codes = list(OCCUPATIONS)
    weights = np.array([OCCUPATIONS[c][0] for c in codes], dtype=float)
    places = list(municipalities())
    place_weights = np.array([BIG_CITIES.get(p, 0.1) for p in places])

    def occupation() -> str:
        return str(rng.choice(codes, p=weights / weights.sum()))

    def place() -> str:
        return str(rng.choice(places, p=place_weights / place_weights.sum())) if rng.random() > 0.03 else ""

    def fmt(p: list[float]) -> str:
        return str(rng.choice(["either", "in_person", "online", ""], p=p))

    mentees_path, mentors_path = folder / "MENTEES.csv", folder / "MENTORS.csv"
    with mentees_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MENTEE_COLUMNS)
        for i in range(n_mentees):
            wanted = occupation() if rng.random() > 0.04 else ""
            earlier = (wanted if rng.random() < 0.6 else occupation()) if rng.random() < 0.7 else ""
            languages = [f"sv:{rng.choice(['A1', 'A2', 'B1', 'B2', 'C1'], p=[0.1, 0.25, 0.35, 0.2, 0.1])}"]
            languages.append(f"{rng.choice(HOME_LANGUAGES)}:C2")
            if rng.random() < 0.5:
                languages.append(f"en:{rng.choice(['B1', 'B2', 'C1'])}")
            excluded = str(rng.choice(EMPLOYERS)) if rng.random() < 0.02 else ""
            writer.writerow(
                [
                    f"a{i}",
                    f"Adept {i}",
                    wanted,
                    earlier,
                    ";".join(dict.fromkeys(languages)),
                    place(),
                    fmt([0.5, 0.28, 0.17, 0.05]),
                    _text(rng, wanted or occupation(), generic=True) if rng.random() > 0.05 else "",
                    rng.choice(["woman", "man", "other", ""], p=[0.5, 0.45, 0.01, 0.04]),
                    rng.choice(["any", "woman", "man", ""], p=[0.7, 0.15, 0.05, 0.1]),
                    int(rng.integers(1968, 2004)) if rng.random() > 0.05 else "",
                    str(rng.choice(EMPLOYERS)) if rng.random() < 0.15 else "",
                    excluded,
                ]
            )
    with mentors_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(MENTOR_COLUMNS)
        for j in range(n_mentors):
            code = occupation()
            languages = ["sv:C2", f"en:{rng.choice(['B2', 'C1', 'C2'])}"]
            if rng.random() < 0.2:
                languages.append(f"{rng.choice(HOME_LANGUAGES)}:{rng.choice(['B2', 'C2'])}")
            writer.writerow(
                [
                    f"m{j}",
                    f"Mentor {j}",
                    code if rng.random() > 0.02 else "",
                    ";".join(dict.fromkeys(languages)),
                    place(),
                    fmt([0.55, 0.25, 0.15, 0.05]),
                    _text(rng, code, generic=False) if rng.random() > 0.05 else "",
                    int(rng.integers(1, 4)),
                    rng.choice(["woman", "man", ""], p=[0.5, 0.47, 0.03]),
                    int(rng.integers(1955, 1996)),
                    str(rng.choice(EMPLOYERS)) if rng.random() < 0.7 else "",
                    "",
                ]
            )
    return mentees_path, mentors_path


def run(argv: list[str]) -> tuple[float, float, float, str, str]:
    """Wall seconds, CPU seconds (user + system), peak RSS in MB, stdout and stderr of a fresh interpreter."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *argv],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = process.stdout.read(), process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{argv} failed ({process.returncode}): {stderr}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stdout.strip(), stderr


def greedy(scores: np.ndarray, allowed: np.ndarray, capacities: np.ndarray) -> tuple[int, int]:
    """Best pair first: take pairs in descending score while mentee and mentor are free."""
    n, m = scores.shape
    key = np.where(allowed, 10_000 - scores.astype(np.int32), 65_535).astype(np.uint16).ravel()
    order = np.argsort(key, kind="stable")  # radix sort on 16 bits
    order = order[key[order] < 65_535]
    taken = np.zeros(n, dtype=bool)
    room = capacities.astype(np.int64).copy()
    matched = total = 0
    for chunk in np.array_split(order, max(1, len(order) // 500_000)):
        rows, cols = np.divmod(chunk, m)
        open_pairs = ~taken[rows] & (room[cols] > 0)
        for r, c in zip(rows[open_pairs].tolist(), cols[open_pairs].tolist(), strict=True):
            if not taken[r] and room[c] > 0:
                taken[r] = True
                room[c] -= 1
                matched += 1
                total += int(scores[r, c])
        if taken.all() or not room.any():
            break
    return matched, total


PHASES = ("start", "read", "score", "solve", "explain", "write")
IMPORTS = (
    "from tandem.matching import cli; cli._numpy_settings(); "
    "import tandem.matching.engine, tandem.matching.tables, tandem.matching.explain, scipy.sparse.csgraph"
)


def cli_phases(stderr: str) -> dict[str, float]:
    """The CPU seconds per phase that ``tandem match --timings`` printed."""
    line = next(line for line in stderr.splitlines() if line.startswith("timings (CPU seconds): "))
    pairs = (item.rsplit(" ", 1) for item in line.split(": ", 1)[1].split(", "))
    return {name: float(seconds) for name, seconds in pairs}


def bench(n_mentees: int, n_mentors: int, folder: Path, seed: int, runs: int) -> list[dict]:
    mentees_path, mentors_path = generate(n_mentees, n_mentors, folder, seed)
    argv = [
        "-m",
        "tandem.matching.cli",
        str(mentees_path),
        str(mentors_path),
        "-o",
        str(folder / "PAIRS.csv"),
        "--timings",
    ]
    mentees, mentors = read_mentees(mentees_path), read_mentors(mentors_path)
    rows = []
    for _ in range(runs):
        load_before = os.getloadavg()[0]
        cli_wall, cli_cpu, peak_mb, summary, stderr = run(argv)
        load_after = os.getloadavg()[0]

        start = time.process_time()
        matrix = score_matrix(mentees, mentors)
        score_cpu = time.process_time() - start
        start, wall = time.process_time(), time.perf_counter()
        assignment = solve(matrix.scores, matrix.allowed, matrix.capacities)
        solver_cpu, solver_wall = time.process_time() - start, time.perf_counter() - wall
        rows.append(
            {
                "cohort": f"{n_mentees:,} × {n_mentors:,}",
                "slots": int(matrix.capacities.sum()),
                "allowed": f"{matrix.allowed.mean():.0%}",
                "load": f"{load_before:.1f} → {load_after:.1f}",
                "cli_wall": cli_wall,
                "cli_cpu": cli_cpu,
                "peak_mb": peak_mb,
                "phases": cli_phases(stderr),
                "score_cpu": score_cpu,
                "solver_cpu": solver_cpu,
                "solver_wall": solver_wall,
                "ratio": cli_cpu / solver_cpu,
                "cli_summary": summary,
            }
        )
    matched_rows = np.flatnonzero(assignment >= 0)
    optimum = (len(matched_rows), int(matrix.scores[matched_rows, assignment[matched_rows]].sum()))
    greedy_matched, greedy_total = greedy(matrix.scores, matrix.allowed, matrix.capacities)
    for row in rows:
        row.update(
            {
                "matched": optimum[0],
                "total": optimum[1] / matrix.scale,
                "greedy_lost_matched": optimum[0] - greedy_matched,
                "greedy_lost_score": (optimum[1] - greedy_total) / matrix.scale,
                "greedy_lost_pct": 100 * (optimum[1] - greedy_total) / max(1, optimum[1]),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100x80,1000x800,10000x6000")
    parser.add_argument("--runs", type=int, default=1, help="CLI and bare-solver runs per cohort")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the generated files and outputs in this folder")
    args = parser.parse_args()
    import scipy.sparse.csgraph  # the solver imports it on first use: not the solver's time

    print(
        f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}, "
        f"NumPy {np.__version__}, SciPy {scipy.__version__}, load average {_load()} at the start.\n"
    )
    rows = []
    for size in args.sizes.split(","):
        n_mentees, n_mentors = map(int, size.lower().split("x"))
        with tempfile.TemporaryDirectory() as tmp:
            folder = args.keep / size if args.keep else Path(tmp)
            folder.mkdir(parents=True, exist_ok=True)
            found = bench(n_mentees, n_mentors, folder, args.seed, max(1, args.runs))
        rows += found
        print(f"{found[0]['cohort']}: {found[0]['cli_summary']}", file=sys.stderr)

    imports = [run(["-c", IMPORTS]) for _ in range(max(1, args.runs))]
    print(
        "Interpreter start + imports alone: "
        + "; ".join(f"{wall:.2f} s wall, {cpu:.2f} s CPU" for wall, cpu, *_ in imports)
        + ".\n"
    )
    print(
        "| cohort | slots | allowed | load | CLI wall | CLI CPU | CLI peak RSS | scoring CPU "
        "| solver CPU (wall) | CLI/solver CPU | matched | total score | greedy: fewer matched "
        "| greedy: score lost |"
    )
    print(
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    for r in rows:
        print(
            f"| {r['cohort']} | {r['slots']:,} | {r['allowed']} | {r['load']} "
            f"| {r['cli_wall']:.2f} s | {r['cli_cpu']:.2f} s | {r['peak_mb']:,.0f} MB "
            f"| {r['score_cpu']:.2f} s | {r['solver_cpu']:.2f} s ({r['solver_wall']:.2f} s) "
            f"| {r['ratio']:.1f}× | {r['matched']:,} | {r['total']:,.2f} | {r['greedy_lost_matched']:,} "
            f"| {r['greedy_lost_score']:,.2f} ({r['greedy_lost_pct']:.2f} %) |"
        )
    print("\nThe CLI's CPU seconds per phase (`--timings`; start = interpreter and imports):\n")
    print("| cohort | " + " | ".join(PHASES) + " | CLI total |")
    print("| --- |" + " ---: |" * (len(PHASES) + 1))
    for r in rows:
        cells = " | ".join(f"{r['phases'].get(p, 0):.2f}" for p in PHASES)
        print(f"| {r['cohort']} | {cells} | {r['cli_cpu']:.2f} |")
    print(f"\nLoad average at the end: {_load()}.")


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
