"""The apps' imports point down the layers only (DESIGN.md "Layout"); events go up through signals."""

import ast
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom to top. Apps in one layer may import only the apps listed before them in the same layer.
LAYERS = [
    ("core", ["core", "accounts"]),  # accounts reads the client address from core.network
    ("building", ["curriculum", "quizzes"]),
    ("content", ["parents", "lessons"]),
    ("people", ["classrooms", "progress", "safeguarding"]),
    ("site", ["home", "contentpack"]),
]
RANK = {app: (layer, position) for layer, (_name, apps) in enumerate(LAYERS) for position, app in enumerate(apps)}


def imported_apps(path):
    """Every one of our apps that the module imports, anywhere in it (functions included), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            app = name.split(".")[0]
            if app in RANK:
                yield app, node.lineno


def may_import(importer, imported):
    if importer == imported:
        return True
    (layer, position), (other_layer, other_position) = RANK[importer], RANK[imported]
    return other_layer < layer or (other_layer == layer and other_position < position)


def upward_imports():
    for app in RANK:
        for path in sorted((ROOT / app).rglob("*.py")):
            for imported, line in imported_apps(path):
                if not may_import(app, imported):
                    yield f"{path.relative_to(ROOT)}:{line} imports {imported}"


def test_every_app_is_in_a_layer():
    """Each of our Django apps has a place in the layer list, so none escapes the check."""
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps == set(RANK)


def test_imports_point_down_only():
    """No module imports from an app in a higher layer (or a later app of its own layer)."""
    assert list(upward_imports()) == []


@pytest.mark.parametrize(("importer", "imported", "allowed"), [("lessons", "core", True), ("core", "lessons", False)])
def test_the_rule_itself(importer, imported, allowed):
    """The checker tells a downward import from an upward one."""
    assert may_import(importer, imported) is allowed


def project_files(*suffixes):
    """Our files ending in one of `suffixes`; the walk never enters the virtualenv (or git's own folder)."""
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = [name for name in dirs if name not in {".venv", ".git"}]
        yield from (Path(folder) / name for name in files if name.endswith(suffixes))


def test_no_file_holds_a_merge_conflict_marker():
    """A half-finished merge never ships: no template, module or document keeps a conflict marker."""
    markers = ("<<<<<<< ", ">>>>>>> ")
    paths = project_files(".py", ".html", ".txt", ".md", ".yaml")
    found = [
        str(path.relative_to(ROOT))
        for path in paths
        if any(line.lstrip().startswith(markers) for line in path.read_text(encoding="utf-8").splitlines())
    ]
    assert found == []
