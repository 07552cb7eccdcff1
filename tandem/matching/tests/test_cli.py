"""``tandem match`` from the command line: good runs, every kind of bad input, spreadsheets."""

from __future__ import annotations

import csv
import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from tandem.matching.cli import PRESETS, main
from tandem.matching.criteria import WEIGHT_PRESETS

PEER = Path(__file__).parent / "data" / "peer"

MENTEE_HEADER = (
    "id,name,occupation_wanted,occupation_earlier,languages,municipality,meeting_format,goals,gender,"
    "mentor_gender_wish,birth_year,employer,excluded"
)
MENTEES = f"""\
{MENTEE_HEADER}
a1,Amal,2411,,ar:C1;sv:B1,0180,either,Jag vill bli auktoriserad revisor i Sverige,woman,woman,1990,,
a2,Bashir,2221,2212,en:C1;sv:A2,1480,online,Get my nursing licence in Sweden,man,any,1985,,Region Skåne
a3,Carmen,2512,,es:C2;en:B2,1280,in_person,Software developer looking for a first job,woman,any,1995,,
"""
MENTORS = """\
id,name,occupation,languages,municipality,meeting_format,expertise,capacity,gender,birth_year,employer,excluded
m1,Maria,2411,ar:B2;sv:C2,0184,either,Auktoriserad revisor; redovisning,2,woman,1970,Revisionsbyrån AB,
m2,Nils,2221,en:C2;sv:C2,1280,online,Sjuksköterska; nursing licence; legitimation,1,man,1975,Region Skåne,
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def read_pairs(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def people(tmp_path):
    return write(tmp_path / "mentees.csv", MENTEES), write(tmp_path / "mentors.csv", MENTORS)


def test_good_run_writes_one_row_per_mentee_and_a_summary(tmp_path, people, capsys):
    out = tmp_path / "pairs.csv"
    assert main([str(people[0]), str(people[1]), "-o", str(out)]) == 0
    rows = read_pairs(out)
    assert [r["mentee_id"] for r in rows] == ["a1", "a2", "a3"]
    assert list(rows[0]) == ["mentee_id", "mentor_id", "score", "reasons", "next_best"]
    by_id = {r["mentee_id"]: r for r in rows}
    assert by_id["a1"]["mentor_id"] == "m1"
    assert "same occupation: Accountants (2411)" in by_id["a1"]["reasons"]
    assert "both speak Arabic (C1/B2)" in by_id["a1"]["reasons"]
    assert by_id["a3"]["mentor_id"] == "" and "no place left" in by_id["a3"]["reasons"]
    assert capsys.readouterr().out.startswith("matched 2 of 3 mentees, total score ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mentees.csv", "mentors.csv", "pairs.csv"]


def test_swedish_reasons_preset_weights_file_and_rules(tmp_path, people):
    weights = write(tmp_path / "weights.csv", "criterion,weight\noccupation,5\ngoals,0\n")
    out = tmp_path / "pairs.csv"
    argv = [
        *map(str, people),
        "-o",
        str(out),
        "--lang",
        "sv",
        "--preset",
        "network",
        "--weights",
        str(weights),
    ]
    assert main([*argv, "--no-rule", "exclusions"]) == 0
    rows = {r["mentee_id"]: r for r in read_pairs(out)}
    assert "samma yrke: Revisorer m.fl. (2411)" in rows["a1"]["reasons"]
    assert "mål" not in rows["a1"]["reasons"]  # goals weigh 0
    assert rows["a2"]["mentor_id"] == "m2"  # the mentee's exclusion of Region Skåne is switched off


def test_json_weights(tmp_path, people):
    weights = write(tmp_path / "weights.json", '{"occupation": 1, "place": 2.5}')
    assert main([*map(str, people), "-o", str(tmp_path / "p.csv"), "--weights", str(weights)]) == 0


@pytest.mark.parametrize(
    ("cohort", "summary"),
    [
        ("small", "matched 50 of 50 mentees, total score 1338 "),
        ("large", "matched 500 of 500 mentees, total score 16127 "),
    ],
)
def test_scores_mode_reaches_the_peer_optimum(tmp_path, capsys, cohort, summary):
    out = tmp_path / "pairs.csv"
    argv = [
        "--scores",
        str(PEER / cohort / "SCORES.csv"),
        "--capacities",
        str(PEER / cohort / "CAPACITIES.csv"),
    ]
    assert main([*argv, "-o", str(out)]) == 0
    assert capsys.readouterr().out.startswith(summary)
    rows = read_pairs(out)
    assert all(r["mentor_id"] for r in rows)


def test_scores_mode_without_capacities(tmp_path):
    scores = write(tmp_path / "s.csv", "mentee_id,mentor_id,score\na,x,3\nb,x,2.5\nb,y,1\n")
    out = tmp_path / "pairs.csv"
    assert main(["--scores", str(scores), "-o", str(out)]) == 0
    assert [(r["mentee_id"], r["mentor_id"], r["score"]) for r in read_pairs(out)] == [
        ("a", "x", "3"),
        ("b", "y", "1"),
    ]


def mentee_file(tmp_path: Path, rows: str, header: str = MENTEE_HEADER) -> Path:
    return write(tmp_path / "mentees.csv", f"{header}\n{rows}")


BAD_MENTEES = {
    "unknown SSYK": ("a1,A,9999,,,,,,,,,,", 2, "occupation_wanted", "unknown SSYK 2012 code '9999'"),
    "bad level": ("a1,A,,,sv:B3,,,,,,,,", 2, "languages", "bad language level 'B3'"),
    "bad language entry": ("a1,A,,,svenska,,,,,,,,", 2, "languages", "bad language entry"),
    "unknown municipality": ("a1,A,,,,9999,,,,,,,", 2, "municipality", "unknown municipality '9999'"),
    "bad meeting format": ("a1,A,,,,,sometimes,,,,,,", 2, "meeting_format", "'sometimes' is not one of"),
    "bad gender wish": ("a1,A,,,,,,,,nobody,,,", 2, "mentor_gender_wish", "'nobody' is not one of"),
    "bad birth year": ("a1,A,,,,,,,,,19x0,,", 2, "birth_year", "bad birth year"),
    "duplicate id": ("a1,A,,,,,,,,,,,\na1,B,,,,,,,,,,,", 3, "id", "duplicate id 'a1' (first on line 2)"),
    "empty id": (",A,,,,,,,,,,,", 2, "id", "id missing"),
}


@pytest.mark.parametrize("case", BAD_MENTEES, ids=str)
def test_bad_mentee_cells(tmp_path, people, capsys, case):
    rows, line, column, message = BAD_MENTEES[case]
    out = tmp_path / "pairs.csv"
    assert main([str(mentee_file(tmp_path, rows)), str(people[1]), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"mentees.csv: line {line}, column '{column}': {message}" in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("capacity", "message"),
    [
        ("0", "capacity must be a whole number of at least 1, not '0'"),
        ("-2", "not '-2'"),
        ("two", "not 'two'"),
    ],
)
def test_bad_capacity(tmp_path, people, capsys, capacity, message):
    mentors = write(tmp_path / "mentors.csv", f"id,capacity\nm1,1\nm2,{capacity}\n")
    out = tmp_path / "pairs.csv"
    assert main([str(people[0]), str(mentors), "-o", str(out)]) == 2
    assert (
        "mentors.csv: line 3, column 'capacity': capacity must be a whole number" in capsys.readouterr().err
    )
    assert not out.exists()


def test_unknown_mentor_occupation_and_all_errors_of_all_files_are_reported(tmp_path, capsys):
    mentees = write(tmp_path / "mentees.csv", "id,municipality,languages\na,0000,sv:Z9\nb,180,\n")
    mentors = write(tmp_path / "mentors.csv", "id,occupation\nm,2418\n")
    out = tmp_path / "pairs.csv"
    assert main([str(mentees), str(mentors), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "mentees.csv: line 2, column 'municipality'" in err
    assert "mentees.csv: line 2, column 'languages'" in err
    assert "mentors.csv: line 2, column 'occupation': unknown SSYK 2012 code '2418'" in err
    assert "line 3" not in err  # 180 is read as 0180 Stockholm
    assert not out.exists()


def test_errors_are_capped_per_file(tmp_path, people, capsys):
    rows = "\n".join(f"a{i},A,9999,,,,,,,,,," for i in range(30))
    assert main([str(mentee_file(tmp_path, rows)), str(people[1]), "-o", str(tmp_path / "p.csv")]) == 2
    err = capsys.readouterr().err
    assert err.count("unknown SSYK") == 20
    assert "… and 10 more problems" in err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "mentees.csv: line 1: no header row"),
        ("name,occupation_wanted\nA,2411\n", "mentees.csv: line 1, column 'id': required column missing"),
        ("id,name,id\na,b,c\n", "mentees.csv: line 1, column 'id': column appears more than once"),
    ],
)
def test_missing_header_or_id_column(tmp_path, people, capsys, text, message):
    out = tmp_path / "pairs.csv"
    assert main([str(write(tmp_path / "mentees.csv", text)), str(people[1]), "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("scores", "capacities", "message"),
    [
        (
            "mentee_id,mentor_id,score\na,x,high\n",
            None,
            "s.csv: line 2, column 'score': 'high' is not a number",
        ),
        (
            "mentee_id,mentor_id,score\na,x,-1\n",
            None,
            "s.csv: line 2, column 'score': score must be 0 or more",
        ),
        ("mentee_id,mentor_id,score\na,x,\n", None, "s.csv: line 2, column 'score': score missing"),
        (
            "mentee_id,mentor_id,score\na,x,1\na,x,2\n",
            None,
            "s.csv: line 3, column 'mentor_id': pair a–x listed twice",
        ),
        ("mentee_id,score\na,1\n", None, "s.csv: line 1, column 'mentor_id': required column missing"),
        (
            "mentee_id,mentor_id,score\na,x,1\n",
            "mentor_id,capacity\nx,0\n",
            "c.csv: line 2, column 'capacity'",
        ),
        (
            "mentee_id,mentor_id,score\na,x,1\n",
            "mentor_id,capacity\nx,1\nx,2\n",
            "c.csv: line 3, column 'mentor_id'",
        ),
    ],
)
def test_bad_score_tables(tmp_path, capsys, scores, capacities, message):
    argv = ["--scores", str(write(tmp_path / "s.csv", scores))]
    if capacities:
        argv += ["--capacities", str(write(tmp_path / "c.csv", capacities))]
    out = tmp_path / "pairs.csv"
    assert main([*argv, "-o", str(out)]) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_bad_weights_file(tmp_path, people, capsys):
    weights = write(tmp_path / "w.csv", "criterion,weight\ncharisma,2\ngoals,-1\n")
    assert main([*map(str, people), "-o", str(tmp_path / "p.csv"), "--weights", str(weights)]) == 2
    err = capsys.readouterr().err
    assert "w.csv: line 2, column 'criterion': unknown criterion 'charisma'" in err
    assert "w.csv: line 3, column 'weight': weight must be 0 or more" in err


def test_missing_input_file(tmp_path, people, capsys):
    assert main([str(tmp_path / "nope.csv"), str(people[1]), "-o", str(tmp_path / "p.csv")]) == 2
    assert "nope.csv: cannot read the file" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [["-o", "p.csv"], ["a.csv", "-o", "p.csv"], ["--scores", "s.csv", "a.csv", "-o", "p.csv"], ["a", "b"]],
)
def test_usage_errors_exit_2(argv):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2


def test_unwritable_output_exits_1_and_leaves_nothing(tmp_path, people, capsys):
    out = tmp_path / "missing-dir" / "pairs.csv"
    assert main([*map(str, people), "-o", str(out)]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_xlsx_input(tmp_path, capsys):
    def sheet(path: Path, rows: list[list]) -> Path:
        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
        return path

    mentees = sheet(
        tmp_path / "mentees.xlsx",
        [
            ["ID", "Occupation_wanted", "Municipality", "Birth_year", "Languages"],
            ["a1", 2411, 180, 1990, "sv:B1"],
            [],
            ["a2", "2221", "1480", None, None],
        ],
    )
    mentors = sheet(
        tmp_path / "mentors.xlsx", [["id", "occupation", "capacity", "municipality"], ["m1", 2411, 2, "0184"]]
    )
    out = tmp_path / "pairs.csv"
    assert main([str(mentees), str(mentors), "-o", str(out)]) == 0
    rows = read_pairs(out)
    assert [(r["mentee_id"], r["mentor_id"]) for r in rows] == [("a1", "m1"), ("a2", "m1")]
    assert "(both in Stockholms län)" in rows[0]["reasons"]


def test_bad_xlsx_cell_names_line_and_column(tmp_path, people, capsys):
    book = Workbook()
    book.active.append(["id", "occupation"])
    book.active.append(["m1", 9999])
    book.save(tmp_path / "mentors.xlsx")
    out = tmp_path / "pairs.csv"
    assert main([str(people[0]), str(tmp_path / "mentors.xlsx"), "-o", str(out)]) == 2
    assert (
        "mentors.xlsx: line 2, column 'occupation': unknown SSYK 2012 code '9999'" in capsys.readouterr().err
    )
    assert not out.exists()


def test_semicolon_csv_with_bom_from_excel(tmp_path, people):
    mentees = tmp_path / "m.csv"
    mentees.write_text('\ufeffid;languages;goals\na1;"sv:B1;en:C1";Revision\n', encoding="utf-8")
    assert main([str(mentees), str(people[1]), "-o", str(tmp_path / "p.csv")]) == 0


def test_runs_as_a_module(tmp_path, people):
    out = tmp_path / "pairs.csv"
    done = subprocess.run(
        [sys.executable, "-m", "tandem.matching.cli", *map(str, people), "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[3],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("matched 2 of 3 mentees")
    assert out.exists()


def test_the_preset_choices_are_the_engine_presets():
    assert sorted(PRESETS) == sorted(WEIGHT_PRESETS)


def test_the_cycle_collector_is_back_on_after_a_run(tmp_path, people):
    assert main([*map(str, people), "-o", str(tmp_path / "pairs.csv")]) == 0
    assert gc.isenabled()


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, "1 0"),
        ({"OPENBLAS_NUM_THREADS": "3"}, "3 0"),
        ({"OMP_NUM_THREADS": "2", "NUMPY_MADVISE_HUGEPAGE": "1"}, "None 1"),
    ],
)
def test_numpy_settings_unless_told_otherwise(given, expected):
    # A fresh interpreter: the command line is parsed before NumPy is imported.
    code = (
        "import os, sys; from tandem.matching import cli; assert 'numpy' not in sys.modules; "
        "cli._numpy_settings(); "
        "print(os.environ.get('OPENBLAS_NUM_THREADS'), os.environ.get('NUMPY_MADVISE_HUGEPAGE'))"
    )
    names = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "NUMPY_MADVISE_HUGEPAGE")
    env = {k: v for k, v in os.environ.items() if k not in names} | given
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=Path(__file__).parents[3],
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected


def test_timings_go_to_standard_error_phase_by_phase(tmp_path, people, capsys):
    assert main([*map(str, people), "-o", str(tmp_path / "pairs.csv"), "--timings"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("matched 2 of 3 mentees") and "CPU seconds" not in out
    line = err.strip().splitlines()[-1]
    assert line.startswith("timings (CPU seconds): start ")
    phases = dict(item.rsplit(" ", 1) for item in line.split(": ", 1)[1].split(", "))
    assert list(phases) == ["start", "read", "score", "solve", "explain", "write", "total"]
    assert all(float(seconds) >= 0 for seconds in phases.values())
