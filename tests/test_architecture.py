"""The layout of the package is the architecture (docs/architecture.md), checked mechanically.

- layers import only downwards: shared modules < inventory < coding < analysis < figures < build/cli;
- ``multivariate/`` imports nothing from the domain, only itself and ``errors``;
- only ``paths.py`` builds paths inside the repository;
- no private name is imported across modules; nobody reads the codebook's raw data;
- one language check: no module compares ``lang`` with a language but ``i18n``;
- modules stay under 350 lines and functions under 60 (docstrings excluded).
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "housing_research"
MODULES = sorted(PACKAGE.rglob("*.py"))

#: Which subpackages each layer may import (besides the shared top-level modules).
SHARED = {"paths", "errors", "text", "i18n", "tables", "spreadsheet", "workbook"}
ALLOWED = {
    "inventory": {"inventory"},
    "coding": {"coding", "inventory"},
    "multivariate": {"multivariate"},
    "analysis": {"analysis", "coding", "inventory", "multivariate", "labels"},
    "labels": {"coding", "inventory"},
    "figures": {"figures", "analysis", "coding", "inventory", "multivariate", "labels"},
}


def _name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append((node.module, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            out.extend((a.name, [], node.lineno) for a in node.names)
    return out


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_layers_import_downwards_only(path):
    layer = _layer(_name(path))
    if layer not in ALLOWED:
        return
    for module, names, line in _imports(path):
        if not module.startswith("housing_research"):
            continue
        target = _layer(module)
        if target == "" and names:                      # from housing_research import paths
            bad = [n for n in names if n not in SHARED]
            assert not bad, f"{_name(path)}:{line} imports {bad} from the package root"
            continue
        if layer == "multivariate":
            assert target in {"multivariate", "errors"}, (
                f"{_name(path)}:{line}: multivariate/ must not import the domain ({module})")
            continue
        assert target in SHARED or target in ALLOWED[layer], f"{_name(path)}:{line}: {layer} imports {module}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_only_paths_builds_repository_paths(path):
    if path.name == "paths.py" and path.parent == PACKAGE:
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "__file__":
            pytest.fail(f"{_name(path)}:{node.lineno} anchors a path on __file__; use housing_research.paths")
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            left = node.left
            if isinstance(left, ast.Attribute) and isinstance(left.value, ast.Name) and left.value.id == "paths":
                pytest.fail(f"{_name(path)}:{node.lineno} joins onto paths.{left.attr}; define the path in paths.py")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_no_private_cross_module_imports_and_no_raw_codebook(path):
    text = path.read_text(encoding="utf-8")
    for module, names, line in _imports(path):
        if module.startswith("housing_research"):
            private = [n for n in names if n.startswith("_") and not n.endswith("__")]
            assert not private, f"{_name(path)}:{line} imports private names {private} from {module}"
    assert ".raw[" not in text, f"{_name(path)} reads the codebook's raw dictionary; use the Codebook API"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_one_language_check(path):
    if path.name == "i18n.py":
        return
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value in ("fr", "en") for c in node.comparators) \
                and isinstance(node.left, ast.Name) and node.left.id == "lang":
            pytest.fail(f"{_name(path)}:{node.lineno} compares lang with a language; use housing_research.i18n")


def _function_lengths(tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                if len(body) == 1:
                    continue
                first = body[1]
            yield node.name, node.end_lineno - first.lineno + 1


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_small_modules_and_functions(path):
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 350, f"{_name(path)} has {text.count(chr(10))} lines; split it by concern"
    long = [(name, n) for name, n in _function_lengths(ast.parse(text)) if n > 60]
    assert not long, f"{_name(path)}: functions longer than 60 lines: {long}"
