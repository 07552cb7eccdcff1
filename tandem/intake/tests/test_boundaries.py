"""Intake uses applications only through its public interface (`tandem.applications`' docstring), and
applications does not know intake: no import cycle either way."""

from __future__ import annotations

import ast
from pathlib import Path

import tandem

TANDEM = Path(tandem.__file__).parent
PUBLIC = {
    "tandem.applications",  # `from tandem.applications import bulk`
    "tandem.applications.models",
    "tandem.applications.builtins",
    "tandem.applications.services",
    "tandem.applications.drafts",
    "tandem.applications.bulk",
    "tandem.applications.public_forms",
    "tandem.applications.uploads",
    "tandem.applications.storage",
    "tandem.reference.languages",
    "tandem.reference.occupations",
    "tandem.applications.validators",
}


def imported_modules(folder: Path, *, with_tests: bool) -> dict[str, set[str]]:
    """{module imported: files importing it} for the Python files under `folder`."""
    found: dict[str, set[str]] = {}
    for path in folder.rglob("*.py"):
        if not with_tests and "tests" in path.relative_to(folder).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            for name in names:
                found.setdefault(name, set()).add(str(path.relative_to(TANDEM)))
    return found


def test_intake_uses_only_the_public_modules_of_applications():
    used = imported_modules(TANDEM / "intake", with_tests=False)
    private = {
        module: files
        for module, files in used.items()
        if module.startswith("tandem.applications") and module not in PUBLIC
    }
    assert private == {}


def test_applications_does_not_import_intake_not_even_in_its_tests():
    used = imported_modules(TANDEM / "applications", with_tests=True)
    assert {module: files for module, files in used.items() if module.startswith("tandem.intake")} == {}
