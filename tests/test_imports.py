"""The import graph of drafter: no cycles, and the core imports its own modules at the top (static, via ast)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "drafter"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _targets(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """drafter's modules an import statement runs: ``from a import b`` needs ``a`` and, if it is a module, ``a.b``."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in MODULES]
    base = node.module or ""
    if node.level:
        package = module.split(".") if MODULES[module].name == "__init__.py" else module.split(".")[:-1]
        package = package[:len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    out = [base] if base in MODULES else []
    out += [f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES]
    return out


def _imports() -> dict[str, list[tuple[str, ast.AST, str | None]]]:
    """Per module: (target, node, enclosing function or None) for every import of a drafter module."""
    result: dict[str, list[tuple[str, ast.AST, str | None]]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found: list[tuple[str, ast.AST, str | None]] = []

        def visit(node: ast.AST, function: str | None, module: str = module,
                  found: list[tuple[str, ast.AST, str | None]] = found) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    found += [(t, child, function) for t in _targets(module, child) if t != module]
                inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
                visit(child, inner)

        visit(tree, None)
        result[module] = found
    return result


IMPORTS = _imports()


def _cycle() -> list[str] | None:
    graph = {m: sorted({t for t, _, _ in found}) for m, found in IMPORTS.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := walk(nxt)) is not None:
                return found
        stack.pop()
        state[node] = 2
        return None

    for module in sorted(graph):
        if module not in state and (found := walk(module)) is not None:
            return found
    return None


def test_the_import_graph_has_no_cycle() -> None:
    cycle = _cycle()
    assert cycle is None, " -> ".join(cycle or [])


def test_the_core_imports_drafter_modules_at_the_top() -> None:
    # Lazy imports keep start-up fast only for heavy third-party libraries, and in cli/ (one command's modules).
    local = [f"{module}:{getattr(node, 'lineno', '?')} ({function}) imports {target}"
             for module, found in IMPORTS.items() if not module.startswith("drafter.cli")
             for target, node, function in found if function is not None]
    assert not local, "\n".join(local)


def test_the_graph_sees_imports() -> None:
    # A guard on the test itself: the checker imports the registry, the registry the rules.
    targets = {t for t, _, _ in IMPORTS["drafter.check.checker"]}
    assert "drafter.check.registry" in targets
    assert "drafter.check.prose" in {t for t, _, _ in IMPORTS["drafter.check.registry"]}
