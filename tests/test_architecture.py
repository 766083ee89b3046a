"""The shape of the code: no import circle, small modules and functions, a map of extract/.

The limits are the extraction-layer redesign's (issue 12); each exception is listed with its
reason and should shrink, never grow.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from fogline.extract import EXTRACTORS
from fogline.extract.context import LAYERS

SRC = Path(__file__).resolve().parents[1] / "src" / "fogline"
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60

# module (relative to src/fogline) -> why it is still longer than MAX_MODULE_LINES
LONG_MODULES: dict[str, str] = {}
# "module:function" -> why it is still longer than MAX_FUNCTION_LINES
LONG_FUNCTIONS: dict[str, str] = {
    "batch.py:ingest_paths": "the ingest loop with its per-document outcomes",
    "cli/documents.py:ingest": "progress display and the Ctrl-C report",
    "extract/actors/__init__.py:analyse_actors": "the resolution passes in order, one call each",
    "extract/actors/named.py:named_spans": "dictionary n-grams and entities in one scan",
    "extract/times/lexicon.py:load_lexicon": "compiles the whole time grammar in one place",
    "gazetteer/build.py:_add_admin1": "one data source's import",
    "report.py:print_analysis": "one table per layer",
    "store/rows.py:record_rows": "one row shape per record table",
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """Every fogline module ``name`` imports, at module level or inside functions."""
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = name.split(".") if is_package else name.split(".")[:-1]
                package = package[: len(package) - (node.level - 1)]
                base = ".".join(package + ([base] if base else []))
            subs = [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in modules]
            found.update(subs or ([base] if base in modules else []))
    return found - {name}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_circle_in_src_even_through_imports_inside_functions():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def test_modules_stay_under_the_line_limit():
    long = {
        str(p.relative_to(SRC)): len(p.read_text(encoding="utf-8").splitlines())
        for p in SRC.rglob("*.py")
    }
    over = {m: n for m, n in long.items() if n > MAX_MODULE_LINES}
    assert sorted(set(over) - set(LONG_MODULES)) == []
    assert sorted(set(LONG_MODULES) - set(over)) == []  # an exception that no longer holds


def test_functions_stay_under_the_line_limit():
    over = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            is_function = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            if is_function and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                over.add(f"{path.relative_to(SRC)}:{node.name}")
    assert sorted(over - set(LONG_FUNCTIONS)) == []
    assert sorted(set(LONG_FUNCTIONS) - over) == []


def test_extractors_run_in_dependency_order_and_fill_every_layer():
    assert tuple(step.name for step in EXTRACTORS) == LAYERS
    done: set[str] = set()
    for step in EXTRACTORS:
        assert set(step.needs) <= done, step.name
        for folder in step.data:
            assert (SRC / "data" / folder).is_dir(), folder
        done.add(step.name)


def test_the_extract_readme_maps_every_step():
    readme = (SRC / "extract" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\w+) \| `[^|]+ \| ([^|]+) \| ([^|]+) \|$", readme, re.M)
    assert [r[0] for r in rows] == [s.name for s in EXTRACTORS]
    for (_, reads, data), step in zip(rows, EXTRACTORS, strict=True):
        for need in step.needs:
            assert need in reads, (step.name, need)
        assert sorted(re.findall(r"data/(\w+)/", data)) == sorted(step.data), step.name


def test_extractor_tests_mirror_the_extractor_folders():
    tests = Path(__file__).resolve().parent / "extract"
    for step in EXTRACTORS:
        if (SRC / "extract" / step.name).is_dir():
            assert list((tests / step.name).glob("test_*.py")), f"tests/extract/{step.name}/"
