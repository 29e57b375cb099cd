"""The codebase reads like its architecture: no import cycles, Streamlit only in the UI, only
public names across modules, thin pages, and a README tree that lists what exists."""

from __future__ import annotations

import ast
import re
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

from conftest import REPO

PACKAGE = REPO / "nktracker"
MODULES = sorted(PACKAGE.rglob("*.py"))
PAGE_SCRIPTS = sorted((REPO / "pages").glob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), filename=str(path))


def imported(node: ast.AST) -> list[str]:
    """The modules an import statement names (nktracker.x for `from nktracker import x`)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module:
        if node.module == "nktracker":
            return [f"nktracker.{alias.name}" for alias in node.names]
        return [node.module]
    return []


def top_level_imports(path: Path) -> list[str]:
    """Imports that run when the module is imported (not inside functions or TYPE_CHECKING)."""
    out: list[str] = []
    for node in tree(path).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        out += imported(node)
    return out


def test_the_package_has_modules():
    assert len(MODULES) > 20 and len(PAGE_SCRIPTS) == 8


def test_no_import_cycles():
    known = {module_name(p) for p in MODULES}
    graph = {
        module_name(p): {m for m in top_level_imports(p) if m in known and m != module_name(p)}
        for p in MODULES
    }
    # a package imports its own modules by design; a module importing its package is the cycle
    graph["nktracker"] = set()
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError as err:
        pytest.fail(f"import cycle: {' -> '.join(err.args[1])}")


def test_every_import_inside_a_function_says_why():
    for path in MODULES:
        lines = path.read_text("utf-8").splitlines()
        for node in ast.walk(tree(path)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    line = lines[inner.lineno - 1]
                    assert "#" in line, f"{path.name}:{inner.lineno}: say why it is imported here"


def test_streamlit_is_imported_only_by_the_ui():
    allowed = {REPO / "app.py", *PAGE_SCRIPTS, *(PACKAGE / "ui").glob("*.py")}
    for path in [REPO / "app.py", *PAGE_SCRIPTS, *MODULES]:
        names = [m for node in ast.walk(tree(path)) for m in imported(node)]
        if any(m == "streamlit" or m.startswith("streamlit.") for m in names):
            assert path in allowed, f"{path.relative_to(REPO)} imports streamlit"


def test_only_public_names_cross_module_boundaries():
    for path in [REPO / "app.py", *PAGE_SCRIPTS, *MODULES]:
        for node in ast.walk(tree(path)):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("nktracker"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert not private, f"{path.relative_to(REPO)} imports {private}"
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in {"figures", "maps", "mapdata", "charts", "labels", "style"}
            ):
                pytest.fail(f"{path.relative_to(REPO)} uses {node.value.id}.{node.attr}")


@pytest.mark.parametrize("path", PAGE_SCRIPTS, ids=lambda p: p.name)
def test_every_page_calls_start_page_first(path):
    """The first statement that calls anything is `context = start_page(...)`."""
    for node in tree(path).body:
        if isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if any(isinstance(n, ast.Call) for n in ast.walk(node)):
            assert "start_page(" in ast.unparse(node), f"{path.name} must call start_page() first"
            return
    pytest.fail(f"{path.name} calls nothing")


def readme_tree() -> str:
    text = (REPO / "README.md").read_text("utf-8")
    match = re.search(r"^## Layout\n.*?```\n(.*?)```", text, flags=re.S | re.M)
    assert match, "README.md has no '## Layout' block"
    return match.group(1)


def test_readme_layout_names_every_module_and_page():
    block = readme_tree()
    named = set(re.findall(r"\b([a-z_]+\.py)\b", block))
    for path in [*MODULES, *PAGE_SCRIPTS]:
        if path.name == "__init__.py":
            continue
        assert path.name in named, f"README layout does not list {path.relative_to(REPO)}"


def test_readme_layout_names_only_what_exists():
    block = readme_tree()
    existing = {p.name for p in REPO.rglob("*.py") if ".venv" not in p.parts}
    for name in set(re.findall(r"\b([a-z_]+\.py)\b", block)):
        assert name in existing, f"README layout lists {name}, which does not exist"
    for folder in re.findall(r"^([a-z_.]+)/", block, flags=re.M):
        assert (REPO / folder).is_dir(), f"README layout lists {folder}/, which does not exist"
