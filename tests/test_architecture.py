"""The import structure of `desktopapp`, read from the source with `ast` (nothing is imported):
no import cycles, the layers only import downwards, only the window imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "desktopapp"

# Lowest first: a module may import from its own layer and the layers before it.
LAYERS = ("core", "tables", "extract", "rules", "export", "compare", "session", "batch", "_qt")
TOP = len(LAYERS)  # desktopapp/__init__.py, __main__.py, cli.py: may import any layer

# Edges (importer, imported) that break the layer order on main today, to be removed: the
# workbook's report sheet reads `desktopapp.__version__` from the top package (core.version has it).
KNOWN_LAYER_EXCEPTIONS = {
    ("desktopapp.export.xlsx_report", "desktopapp"),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, tuple[Path, ast.Module]]:
    return {
        _module_name(path): (path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        for path in sorted(PACKAGE_DIR.rglob("*.py"))
    }


SOURCES = _sources()
MODULES = set(SOURCES)


def _imported_names(module: str, path: Path, tree: ast.Module) -> list[tuple[str, int]]:
    """(absolute dotted name, line) of every import in the module, at any depth (inside
    functions too); `from X import Y` gives X.Y, which is the module Y or a name in X."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            found.extend((f"{base}.{alias.name}", node.lineno) for alias in node.names)
    return found


def _target(name: str) -> str | None:
    """The desktopapp module an imported name executes: the name itself when it is a module,
    else the longest module prefix (`from a.b import f` imports a.b)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _graph() -> dict[str, dict[str, int]]:
    """Importer → {imported desktopapp module: line of the first such import}."""
    graph: dict[str, dict[str, int]] = {}
    for module, (path, tree) in SOURCES.items():
        edges = graph.setdefault(module, {})
        for name, line in _imported_names(module, path, tree):
            target = _target(name)
            if target is not None and target != module:
                edges.setdefault(target, line)
    return graph


GRAPH = _graph()


def _cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """One cycle (as a path that returns to its start) per strongly connected component."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(component)

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return [_cycle_in(graph, component) for component in components]


def _cycle_in(graph: dict[str, dict[str, int]], component: set[str]) -> list[str]:
    """A shortest path from the component's first module back to itself."""
    start = min(component)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for v in frontier:
            for w in sorted(graph[v]):
                if w == start:
                    return paths[v] + [start]
                if w in component and w not in paths:
                    paths[w] = paths[v] + [w]
                    following.append(w)
        frontier = following
    raise AssertionError(f"no cycle through {start}")


def _layer(module: str) -> int:
    parts = module.split(".")
    return LAYERS.index(parts[1]) if len(parts) > 1 and parts[1] in LAYERS else TOP


def _describe(importer: str, imported: str) -> str:
    return f"{SOURCES[importer][0].relative_to(PACKAGE_DIR.parent)}:{GRAPH[importer][imported]} imports {imported}"


def test_the_graph_sees_the_package_and_its_imports():
    assert {"desktopapp.core.model", "desktopapp.rules.engine", "desktopapp._qt.main_window"} <= MODULES
    assert "desktopapp.core.model" in GRAPH["desktopapp.rules.base"]
    # imports inside functions count: the CLI imports the reader and the rules when it runs
    assert {"desktopapp.extract", "desktopapp.rules"} <= set(GRAPH["desktopapp.cli"])


def test_no_import_cycles_between_modules():
    cycles = _cycles(GRAPH)
    assert not cycles, "import cycles:\n" + "\n".join(" → ".join(c) for c in cycles)


def test_layers_import_only_their_own_layer_or_lower_ones():
    upward = [
        _describe(importer, imported)
        for importer, edges in GRAPH.items()
        for imported in edges
        if _layer(imported) > _layer(importer) and (importer, imported) not in KNOWN_LAYER_EXCEPTIONS
    ]
    assert not upward, f"imports against the layer order {' < '.join(LAYERS)}:\n" + "\n".join(upward)


def test_only_the_window_imports_qt():
    outside = [
        f"{SOURCES[module][0].relative_to(PACKAGE_DIR.parent)}:{line} imports {name}"
        for module, (path, tree) in SOURCES.items()
        if _layer(module) != LAYERS.index("_qt")
        for name, line in _imported_names(module, path, tree)
        if name.split(".")[0] in ("PySide6", "shiboken6")
    ]
    assert not outside, "Qt imported outside desktopapp/_qt:\n" + "\n".join(outside)


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b": 1}, "b": {"c": 1}, "c": {}}, []),
        ({"a": {"b": 1}, "b": {"c": 1}, "c": {"a": 1}}, [["a", "b", "c", "a"]]),
        ({"a": {"b": 1}, "b": {"a": 1}, "x": {"y": 1}, "y": {"x": 1, "a": 1}}, [["a", "b", "a"], ["x", "y", "x"]]),
    ],
)
def test_cycles_are_found_and_listed_as_paths(graph, expected):
    assert sorted(_cycles(graph)) == expected
