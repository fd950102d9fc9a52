"""Bilingual text: Vietnamese first, English second."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

LANGUAGES = ("vi", "en")


def nfc(s: str) -> str:
    """Composed form: Vietnamese typed or pasted decomposed must compare and render as one."""
    return unicodedata.normalize("NFC", s)


def fold(text: str) -> str:
    """Lower case without diacritics ("Quảng Bình" → "quang binh"), for search."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").casefold()


# A dataclass, not a scoring.record.Record: the first window needs it (the program's texts), and
# msgspec's import (10 ms) is left to the worker that reads the first list (record.asdict makes it
# a dict inside a record, as dataclasses.asdict does)
@dataclass(frozen=True, slots=True)
class Text:
    """A text in Vietnamese and (optionally) English."""

    vi: str
    en: str = ""

    def get(self, lang: str = "vi") -> str:
        """The text in `lang`, falling back to Vietnamese where no English is given."""
        if lang == "en" and self.en:
            return self.en
        return self.vi

    def __str__(self) -> str:
        return self.vi

    def format(self, **kw: object) -> "Text":
        return Text(self.vi.format(**kw), self.en.format(**kw))


EMPTY = Text("", "")


def text_of(value: object) -> Text:
    """Build a Text from a plain string (Vietnamese only) or a {vi, en} mapping."""
    if value is None:
        return EMPTY
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return Text(nfc(value), "")
    if isinstance(value, dict):
        vi = value.get("vi") or ""
        en = value.get("en") or ""
        if not isinstance(vi, str) or not isinstance(en, str):
            raise TypeError("text values must be strings")
        return Text(nfc(vi), nfc(en))
    raise TypeError("expected a text or a {vi, en} mapping")
