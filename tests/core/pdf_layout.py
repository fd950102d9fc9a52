"""Reading a PDF's layout back with pdfplumber: lines of words with their font, size and place."""
from __future__ import annotations

import io
from dataclasses import dataclass

import pdfplumber

MM = 72 / 25.4


@dataclass(frozen=True)
class Line:
    page: int            # 1-based
    text: str
    x0: float
    x1: float
    top: float           # from the top of the page, in points
    bottom: float
    sizes: frozenset
    fonts: frozenset

    @property
    def size(self) -> float:
        return max(self.sizes)

    @property
    def bold(self) -> bool:
        return all("Bold" in f for f in self.fonts)

    @property
    def italic(self) -> bool:
        return all("Italic" in f for f in self.fonts)


def pages(pdf: bytes) -> list[list[Line]]:
    """Every page's lines, top to bottom; words of one line are those at the same height and
    within 30 pt of each other (so the two columns of the heading stay apart)."""
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for n, page in enumerate(doc.pages, start=1):
            words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False)
            words.sort(key=lambda w: (round(w["top"]), w["x0"]))
            lines: list[list[dict]] = []
            for w in words:
                for line in lines:
                    last = line[-1]
                    if abs(last["top"] - w["top"]) < 2.5 and 0 <= w["x0"] - last["x1"] < 30:
                        line.append(w)
                        break
                else:
                    lines.append([w])
            out.append(sorted((Line(n, " ".join(w["text"] for w in ws), ws[0]["x0"], ws[-1]["x1"],
                                    min(w["top"] for w in ws), max(w["bottom"] for w in ws),
                                    frozenset(round(w["size"], 1) for w in ws),
                                    frozenset(w["fontname"].split("+")[-1] for w in ws)) for ws in lines),
                              key=lambda line: (line.top, line.x0)))
    return out


def find(doc: list[list[Line]], text: str, page: int | None = None) -> Line:
    """The first line that starts with `text`."""
    for lines in doc if page is None else [doc[page - 1]]:
        for line in lines:
            if line.text.startswith(text):
                return line
    raise AssertionError(f"no line starts with {text!r}: " + " | ".join(x.text for p in doc for x in p)[:3000])


def page_text(doc: list[list[Line]], page: int) -> str:
    return "\n".join(line.text for line in doc[page - 1])
