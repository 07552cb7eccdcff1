"""The import graph of `tandem/`: no cycles between apps, and nothing imported upward from the floor.

Every module under `tandem/` is parsed with `ast` (nothing is imported). An import counts wherever it is,
inside a function too, except under `if TYPE_CHECKING:` (types only, never run). Test code is left out:
`*/tests/*` and `lib/testing/` (the helpers tests share). A module belongs to its app, the first package
under `tandem/`. The top-level modules (`policy.py`, `urls.py`, `settings*.py`, `cli.py`, `wsgi.py`,
`conftest.py`, `factories.py`) are glue: they may import anything, and they take no part in cycles.

The rules:

1. No cycle between apps: if app A imports app B, B imports nothing that leads back to A.
2. The floor imports nothing above it. Each floor app may import only these apps (and no glue):

   - `reference` (SSYK, municipalities and other shared vocabulary; plain data): no other app.
   - `matching` (the engine, no Django): `reference` only, the plain data it scores on.
   - `lib` (small helpers): `reference` only. Anything that needs an app's models lives in that app.
   - `audit` and `outbox`: each other, `reference` and `lib`. They are told who and what (ids, objects
     passed in); they never reach up for accounts, programs or applications themselves.

`KNOWN_VIOLATIONS` lists the breaches there were when this test was written: the test passes with them,
fails on any new one, and fails when one of them is gone (take it out of the list then).
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

# Removed by the refactoring branches; must end empty.
KNOWN_VIOLATIONS = {
    # the outbox staff view asks policy
    "upward: outbox -> policy",
    # shared vocabulary moves into reference (vocab branch); what is left of these needs its own change:
    # requirements.services counts Applications, accounts.services removes a member's ProgramRoles
    "cycle: applications -> requirements",
    "cycle: requirements -> applications",
    "cycle: accounts -> programs",
    "cycle: programs -> accounts",
}

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
    for a, glue in sorted(of_glue or {}):
        if a in FLOOR:
            found[f"upward: {a} -> {glue}"] = "upward: " + where(of_glue or {}, a, glue)
    return found


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
    found = violations(between, {("audit", "policy"): {"tandem.audit.views"}})

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
