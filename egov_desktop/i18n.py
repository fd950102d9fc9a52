"""The one translation catalogue, used by the core (reports, CLI) and the GUI alike.

Source strings are Vietnamese; English translations live in
resources/i18n/en/*.json (one file per area, all merged into one catalogue:
{"Vietnamese text": "English text"}). A string without an English entry shows in
Vietnamese, never as a key.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache

from scoring.text import Text, nfc

from .paths import resource_path

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
_language = "vi"


def set_language(lang: str) -> None:
    global _language
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _language = lang


def language() -> str:
    return _language


def default_language() -> str:
    env = os.environ.get("EGOV_DESKTOP_LANG", "")
    return env if env in LANGUAGES else "vi"


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    folder = resource_path("i18n", lang)
    if folder.is_dir():
        for f in sorted(folder.glob("*.json")):
            out.update({nfc(k): v for k, v in json.loads(f.read_text(encoding="utf-8")).items()})
    return out


def tr(text: str, lang: str | None = None, **kw: object) -> str:
    """`text` (Vietnamese) in the current language, with {placeholders} filled in."""
    lang = lang or _language
    out = text if lang == "vi" else catalogue(lang).get(text, text)
    return out.format(**kw) if kw else out


def bilingual(text: str, **kw: object) -> Text:
    """`text` in both languages, for messages that travel (problems, reports); a placeholder's
    value may itself be a bilingual Text (e.g. a status name), filled in each language."""
    def fill(lang: str) -> str:
        return tr(text, lang, **{k: v.get(lang) if isinstance(v, Text) else v for k, v in kw.items()})
    return Text(fill("vi"), fill("en"))


def pick(text: Text, lang: str | None = None) -> str:
    """A framework's bilingual Text in the current language."""
    return text.get(lang or _language)
