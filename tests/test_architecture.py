"""The dependency direction: ui → egov_desktop → scoring, never the other way."""
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(package: str) -> set[str]:
    found = set()
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(a.name.split(".")[0] for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


def test_scoring_imports_nothing_of_the_application_nor_heavy_libraries():
    forbidden = {"egov_desktop", "ui", "PySide6", "sqlalchemy", "alembic", "reportlab", "openpyxl", "yaml"}
    assert _imports("scoring") & forbidden == set()


def test_core_imports_no_qt_and_no_gui():
    assert _imports("egov_desktop") & {"PySide6", "ui", "shiboken6"} == set()


def test_importing_every_core_module_loads_no_qt():
    """Importing the whole core in a fresh interpreter must not pull in Qt, even indirectly."""
    code = (
        "import importlib, pkgutil, sys\n"
        "import egov_desktop, scoring\n"
        "for pkg in (scoring, egov_desktop):\n"
        "    for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "        if '.migrations.versions' in m.name or m.name.endswith(('migrations.env', '__main__')):\n"
        "            continue\n"
        "        importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_framework_readers_do_not_import_each_other():
    """loader.py hands workbooks to xlsform.py; xlsform.py never reaches back into loader.py."""
    import ast
    from pathlib import Path

    tree = ast.parse((Path(__file__).parent.parent / "egov_desktop" / "frameworks" / "xlsform.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert "loader" not in imported and "egov_desktop.frameworks.loader" not in imported


def _module_imports(package: str) -> dict[str, set[str]]:
    """{module: modules of `package` it imports, at any level (a function's own import too)}."""
    graph: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        rel = path.relative_to(ROOT).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        here = name.split(".") if rel.name == "__init__" else name.split(".")[:-1]
        found = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = here[:len(here) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                found.add(target)
                found.update(f"{target}.{a.name}" for a in node.names)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
    return {m: {t for t in ts if t in graph and t != m} for m, ts in graph.items()}


def test_the_province_screens_do_not_import_each_other_in_a_circle():
    """The answers dialog (growing with the appraisal) and the submissions list each have their
    own home: neither reaches back into the other."""
    graph = {m: ts for m, ts in _module_imports("ui").items() if m.startswith("ui.province")}
    for module, targets in graph.items():
        for target in targets:
            assert module not in graph.get(target, set()), f"{module} ⇄ {target}"
