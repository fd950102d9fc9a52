"""The one catalogue: every tr("...") in the code has an English translation."""
import ast
import json
from pathlib import Path

from egov_desktop.i18n import catalogue, set_language, tr

ROOT = Path(__file__).resolve().parents[2]


def _tr_literals():
    for package in ("egov_desktop", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None))
                        in ("tr", "bilingual") and node.args and isinstance(node.args[0], ast.Constant)
                        and isinstance(node.args[0].value, str)):
                    yield path.relative_to(ROOT), node.lineno, node.args[0].value


def test_every_translated_string_has_english():
    en = catalogue("en")
    missing = [f"{p}:{line}: {s!r}" for p, line, s in _tr_literals() if s not in en]
    assert not missing, "no English for:\n" + "\n".join(missing)


def test_catalogue_files_are_valid_and_agree_with_each_other():
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for f in sorted((ROOT / "egov_desktop" / "resources" / "i18n" / "en").glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        assert all(isinstance(k, str) and isinstance(v, str) and v for k, v in data.items()), f
        for k, v in data.items():
            if k in seen and seen[k][1] != v:
                clashes.append(f"{k!r}: {seen[k][0]} says {seen[k][1]!r}, {f.name} says {v!r}")
            seen.setdefault(k, (f.name, v))
    assert not clashes, "\n".join(clashes)


def test_tr_switches_language_and_fills_placeholders():
    set_language("en")
    try:
        assert tr("Mức độ hoàn thành: {pct:.0f}%", pct=80.4) == "Completeness: 80%"
    finally:
        set_language("vi")
    assert tr("Mức độ hoàn thành: {pct:.0f}%", pct=80.4) == "Mức độ hoàn thành: 80%"
    assert tr("Một câu chưa dịch") == "Một câu chưa dịch"  # falls back to Vietnamese, never a key


def test_translations_keep_the_placeholders():
    import string

    def fields(s):
        return {f for _, f, _, _ in string.Formatter().parse(s) if f is not None}

    wrong = [f"{k!r} → {v!r}" for k, v in catalogue("en").items() if fields(k) != fields(v)]
    assert not wrong, "\n".join(wrong)
