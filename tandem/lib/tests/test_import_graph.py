"""The import graph of `tandem/`: no cycles between apps, and nothing imported upward from the floor.

Every module under `tandem/` is parsed with `ast` (nothing is imported). An import counts wherever it is,
inside a function too, except under `if TYPE_CHECKING:` (types only, never run). Test code is left out:
`*/tests/*` and `lib/testing/` (the helpers tests share). A module belongs to its app, the first package
under `tandem/`. The top-level modules (`policy.py`, `urls.py`, `settings*.py`, `cli.py`, `wsgi.py`,
`conftest.py`, `factories.py`) are glue: they sit above every app, may import anything, and take no part
in cycles.

The layers, bottom to top: the floor (`reference`; `lib` and `matching`; `audit` and `outbox`); `accounts`;
`programs` → `requirements` → `applications` → `intake`, `screening` and `pairs` (the program's flow);
`demo`; and the glue. The rules:

1. No cycle between apps: if app A imports app B, B imports nothing that leads back to A. Where a lower
   app needs something only a higher one knows, the higher one hands it down (as requirements registers
   its readiness check with programs, and applications hands requirements its `ApplicantPool`).
2. The floor imports nothing above it. Each floor app may import only these apps:

   - `reference` (SSYK, municipalities and other shared vocabulary; plain data): no other app.
   - `matching` (the engine, no Django): `reference` only, the plain data it scores on.
   - `lib` (small helpers): `reference` only. Anything that needs an app's models lives in that app.
   - `audit` and `outbox`: each other, `reference` and `lib`. They are told who and what (ids, objects
     passed in); they never reach up for accounts, programs or applications themselves.
3. The one exception upward: the views of any app ask `tandem.policy` who may see a page. `policy.py` is
   the one module of access rules; it knows every app's models (an outbox message is visible to the admins
   of its organisation), so it sits above them all, and a request comes into an app through its views. So
   `<app>.views*` and `<app>.urls` may import `policy` — on the floor too (the outbox's staff list) — and
   nothing else of a floor app imports any glue: its services, models and jobs stay below every app.

`KNOWN_VIOLATIONS` lists the breaches there were when this test was written: the test passes with them,
fails on any new one, and fails when one of them is gone (take it out of the list then). It is empty now;
keep it so.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import tandem

ROOT = Path(tandem.__file__).parent
GLUE = {"policy", "urls", "settings", "settings_test", "cli", "wsgi", "conftest", "factories", "__init__"}
FLOOR = {
    "reference": set(),
    "matching": {"reference"},
    "lib": {"reference"},
    "audit": {"outbox", "reference", "lib"},
    "outbox": {"audit", "reference", "lib"},
}

# Breaches tolerated while a refactoring is under way; issue 14 emptied it.
KNOWN_VIOLATIONS: set[str] = set()

Edges = dict[tuple[str, str], set[str]]  # (importing app, imported app) -> the importing modules


def module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def app_of(module: str) -> str | None:
    """The app a `tandem.…` module belongs to; None for glue and for what is not Tandem's."""
    parts = module.split(".")
    if parts[0] != "tandem" or len(parts) < 2:
        return None
    name = parts[1]
    if name in GLUE or name.startswith("settings"):
        return None
    return name


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_modules(source: str, module: str, *, is_package: bool = False) -> set[str]:
    """The modules `source` imports when it runs (anywhere but under `if TYPE_CHECKING:`)."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, target] if target else base)
            if target == "tandem" or not node.module:  # `from tandem import policy`, `from . import x`
                found.update(f"{target}.{alias.name}" for alias in node.names)
            else:
                found.add(target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def _is_test_code(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return "tests" in parts or "migrations" in parts or parts[:2] == ("lib", "testing")


def app_edges(root: Path = ROOT) -> tuple[Edges, Edges]:
    """(imports between apps, imports of glue by apps), each with the importing modules."""
    between: Edges = defaultdict(set)
    of_glue: Edges = defaultdict(set)
    for path in sorted(root.rglob("*.py")):
        if _is_test_code(path, root):
            continue
        module = module_name(path, root)
        app = app_of(module)
        if app is None:
            continue
        for target in imported_modules(path.read_text(), module, is_package=path.name == "__init__.py"):
            if not target.startswith("tandem."):
                continue
            other = app_of(target)
            if other is None:
                of_glue[(app, target.split(".")[1])].add(module)
            elif other != app:
                between[(app, other)].add(module)
    return between, of_glue


def _reachable(edges: Edges, start: str) -> set[str]:
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    seen: set[str] = set()
    todo = [start]
    while todo:
        for nxt in graph[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def _path(edges: Edges, start: str, goal: str) -> list[str]:
    """A shortest chain of apps from `start` to `goal`."""
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
    came_from: dict[str, str] = {start: start}
    todo = [start]
    while todo and goal not in came_from:
        current = todo.pop(0)
        for nxt in sorted(graph[current]):
            if nxt not in came_from:
                came_from[nxt] = current
                todo.append(nxt)
    chain = [goal]
    while chain[-1] != start:
        chain.append(came_from[chain[-1]])
    return chain[::-1]


def violations(between: Edges, of_glue: Edges | None = None) -> dict[str, str]:
    """Each breach of the rules, as a short key (for KNOWN_VIOLATIONS) → a message naming the modules."""
    found: dict[str, str] = {}

    def where(edges: Edges, a: str, b: str) -> str:
        return f"{a} -> {b} ({', '.join(sorted(edges[(a, b)]))})"

    for a, b in sorted(between):
        if a in _reachable(between, b):
            back = _path(between, b, a)
            cycle = [where(between, x, y) for x, y in zip([a, *back], back, strict=False)]
            found[f"cycle: {a} -> {b}"] = "cycle: " + "; ".join(cycle)
        if a in FLOOR and b not in FLOOR[a]:
            found[f"upward: {a} -> {b}"] = "upward: " + where(between, a, b)
    for (a, glue), modules in sorted((of_glue or {}).items()):
        if a not in FLOOR:
            continue
        upward = {module for module in modules if not may_ask_policy(module, glue)}
        if upward:
            found[f"upward: {a} -> {glue}"] = "upward: " + where({(a, glue): upward}, a, glue)
    return found


def may_ask_policy(module: str, glue: str) -> bool:
    """Rule 3: `<app>.views*` and `<app>.urls` may import `policy` (and no other glue)."""
    inside = module.split(".")[2:]  # "tandem.outbox.views" -> ["views"]
    return glue == "policy" and bool(inside) and (inside[0].startswith("views") or inside == ["urls"])


def test_no_new_cycles_or_upward_imports():
    found = violations(*app_edges())
    new = {key: message for key, message in found.items() if key not in KNOWN_VIOLATIONS}
    assert not new, "\n".join(["imports that break the rules in this module's docstring:", *new.values()])


def test_known_violations_are_still_there():
    """A breach that a refactoring removed leaves the list, so that it cannot come back unnoticed."""
    gone = KNOWN_VIOLATIONS - set(violations(*app_edges()))
    assert not gone, f"these are fixed: take them out of KNOWN_VIOLATIONS: {sorted(gone)}"


def test_the_checker_finds_a_planted_cycle_and_an_upward_import():
    between: Edges = {
        ("screening", "applications"): {"tandem.screening.queue"},
        ("applications", "programs"): {"tandem.applications.services"},
        ("programs", "screening"): {"tandem.programs.pages"},
        ("outbox", "accounts"): {"tandem.outbox.services"},
        ("matching", "reference"): {"tandem.matching.criteria"},
    }
    found = violations(between, {("audit", "policy"): {"tandem.audit.services"}})

    assert set(found) == {
        "cycle: screening -> applications",
        "cycle: applications -> programs",
        "cycle: programs -> screening",
        "upward: outbox -> accounts",
        "upward: audit -> policy",
    }
    assert found["cycle: programs -> screening"] == (
        "cycle: programs -> screening (tandem.programs.pages); "
        "screening -> applications (tandem.screening.queue); "
        "applications -> programs (tandem.applications.services)"
    )


def test_imports_under_type_checking_do_not_count_and_those_in_functions_do():
    source = (
        "from typing import TYPE_CHECKING\n"
        "from . import models\n"
        "from ..audit.services import log_action\n"
        "if TYPE_CHECKING:\n"
        "    from tandem.accounts.models import User\n"
        "def later():\n"
        "    from tandem.programs.models import Program\n"
        "    import tandem.outbox.services\n"
    )
    assert imported_modules(source, "tandem.pairs.services") == {
        "typing",
        "tandem.pairs.models",
        "tandem.audit.services",
        "tandem.programs.models",
        "tandem.outbox.services",
    }


def test_a_floor_apps_views_may_ask_policy_and_nothing_else_of_it_may():
    of_glue: Edges = {
        ("outbox", "policy"): {
            "tandem.outbox.views",
            "tandem.outbox.views_admin",
            "tandem.outbox.urls",
            "tandem.outbox.services",
        },
        ("audit", "policy"): {"tandem.audit.views.trail"},
        ("outbox", "settings"): {"tandem.outbox.views"},
        ("screening", "urls"): {"tandem.screening.services"},  # not the floor: glue is not "upward"
    }

    found = violations({}, of_glue)

    assert found == {
        "upward: outbox -> policy": "upward: outbox -> policy (tandem.outbox.services)",
        "upward: outbox -> settings": "upward: outbox -> settings (tandem.outbox.views)",
    }
