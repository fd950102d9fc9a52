"""An administrative document after Decree 30/2020/NĐ-CP, as a ReportLab renderer class.

The steps are methods a subclass fills in (pretix's invoice renderer is the model): fonts,
stylesheet, `story()`, the page template and a numbered canvas ("Trang x/y"). The layout:
A4, margins 30 / 20 / 20 / 20 mm, the issuing agency and its parent at top left, the national
title and motto at top right, place and date, the title, the body, the signature block.

Output is a pure function of the input: `invariant` fixes the document id and the subset
names, and the creation date is the document's own date, so the same input gives the same bytes.
"""
from __future__ import annotations

import io
import re
from functools import partial
from typing import Any
from xml.sax.saxutils import escape

from scoring import nfc

from ... import __version__
from ...i18n import tr
from ..format import fmt_long_date, parse_date
from .fonts import BOLD, FONT, ITALIC, register_fonts

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points
MARGINS = dict(leftMargin=30 * MM, rightMargin=20 * MM, topMargin=20 * MM, bottomMargin=20 * MM)
CONTENT_W = PAGE_W - (30 + 20) * MM
GREY = "#555555"
LINE = "#999999"
HEAD_BG = "#E8EEF5"

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: Any) -> str:
    """User or framework text made safe for a Paragraph: NFC, control characters dropped,
    XML-escaped (so `<b>` or `&` typed by a user shows literally), line breaks kept."""
    s = _CONTROL.sub("", nfc("" if text is None else str(text)))
    return escape(s).replace("\r\n", "\n").replace("\n", "<br/>")


def _numbered_canvas(footer: str, page_label: str, creation: str, *args, **kwargs):
    """A canvas that knows the page count when it finishes, for "Trang x/y"."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *a, **kw):
            super().__init__(*a, **kw)
            self._pages: list[dict] = []
            if creation:
                self.setDateFormatter(lambda *_: creation)

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _draw_footer(self, total: int) -> None:
            self.saveState()
            self.setStrokeColor(LINE)
            self.setLineWidth(0.4)
            y = 13 * MM
            self.line(30 * MM, y + 9, PAGE_W - 20 * MM, y + 9)
            self.setFont(FONT, 7)
            self.setFillColor(GREY)
            self.drawString(30 * MM, y, footer)
            self.setFont(FONT, 9)
            self.setFillColor("#000000")
            self.drawRightString(PAGE_W - 20 * MM, y, page_label.format(page=self._pageNumber, pages=total))
            self.restoreState()

    return NumberedCanvas(*args, **kwargs)


class OfficialDocument:
    """Base renderer: subclasses give `story()`, `title`, `footer_text()` and the agency lines."""

    lang = "vi"

    def __init__(self, lang: str = "vi"):
        self.lang = lang
        register_fonts()
        self.styles = self.stylesheet()

    # ------------------------------------------------------------ the steps

    def t(self, text: str, **kw: object) -> str:
        """A fixed string of the program in the document's language (escaped)."""
        return clean(tr(text, self.lang, **kw))

    def stylesheet(self) -> dict[str, Any]:
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        base = ParagraphStyle("body", fontName=FONT, fontSize=11.5, leading=15, alignment=TA_JUSTIFY,
                              spaceAfter=4)
        s = {"body": base}

        def add(name: str, **kw):
            s[name] = ParagraphStyle(name, parent=base, **kw)

        add("agency_parent", fontSize=12, leading=14, alignment=TA_CENTER, spaceAfter=0)
        add("agency", fontName=BOLD, fontSize=12, leading=14, alignment=TA_CENTER, spaceAfter=0)
        add("nation", fontName=BOLD, fontSize=12, leading=14, alignment=TA_CENTER, spaceAfter=0)
        add("motto", fontName=BOLD, fontSize=13, leading=15, alignment=TA_CENTER, spaceAfter=0)
        add("number", fontSize=12, leading=14, alignment=TA_CENTER, spaceAfter=0)
        add("place_date", fontName=ITALIC, fontSize=12, leading=14, alignment=TA_CENTER, spaceAfter=0)
        add("doc_kind", fontName=BOLD, fontSize=14, leading=17, alignment=TA_CENTER, spaceBefore=12, spaceAfter=0)
        add("doc_title", fontName=BOLD, fontSize=13, leading=16, alignment=TA_CENTER, spaceAfter=2)
        add("doc_subtitle", fontName=ITALIC, fontSize=11.5, leading=14, alignment=TA_CENTER, spaceAfter=10)
        add("h1", fontName=BOLD, fontSize=12.5, leading=16, alignment=TA_LEFT, spaceBefore=10, spaceAfter=4,
            keepWithNext=1)
        add("h2", fontName=BOLD, fontSize=11.5, leading=14, alignment=TA_LEFT, spaceBefore=6, spaceAfter=3,
            keepWithNext=1)
        add("note", fontName=ITALIC, fontSize=10, leading=12.5, alignment=TA_LEFT, textColor=GREY)
        add("cell", fontSize=9.5, leading=11.5, alignment=TA_LEFT, spaceAfter=0)
        add("cell_c", fontSize=9.5, leading=11.5, alignment=TA_CENTER, spaceAfter=0)
        add("cell_r", fontSize=9.5, leading=11.5, alignment=TA_RIGHT, spaceAfter=0)
        add("cell_i", fontName=ITALIC, fontSize=9.5, leading=11.5, alignment=TA_LEFT, spaceAfter=0)
        add("cell_h", fontName=BOLD, fontSize=9.5, leading=11.5, alignment=TA_CENTER, spaceAfter=0)
        add("sign_role", fontName=BOLD, fontSize=12, leading=14, alignment=TA_CENTER, spaceAfter=0)
        add("sign_hint", fontName=ITALIC, fontSize=11, leading=13, alignment=TA_CENTER, spaceAfter=0)
        add("sign_name", fontName=BOLD, fontSize=12, leading=14, alignment=TA_CENTER, spaceAfter=0)
        add("recipients_head", fontName=BOLD, fontSize=11, leading=13, alignment=TA_LEFT, spaceAfter=0)
        add("recipients", fontSize=10, leading=12, alignment=TA_LEFT, spaceAfter=0)
        return s

    def p(self, markup: str, style: str = "body"):
        """A Paragraph of markup already made safe (use `clean` on every piece of user text)."""
        from reportlab.platypus import Paragraph
        return Paragraph(markup, self.styles[style])

    def cell(self, text: str, style: str, width: float):
        """Plain text for a table cell: drawn as a string when it fits on one line (ten times
        cheaper than a Paragraph, which matters in 100-row tables), else a wrapping Paragraph."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        st = self.styles[style]
        plain = _CONTROL.sub("", nfc(text or ""))
        if "\n" not in plain and stringWidth(plain, st.fontName, st.fontSize) <= width - 7:
            return plain
        return self.p(clean(plain), style)

    def table(self, rows: list[list[Any]], widths: list[float], header_rows: int = 1,
              extra_style: list[tuple] | None = None, aligns: str = ""):
        """A ruled table on the document's font, header repeated on every page."""
        from reportlab.platypus import Table, TableStyle
        t = Table(rows, colWidths=widths, repeatRows=header_rows)
        style = [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 9.5),
            ("GRID", (0, 0), (-1, -1), 0.4, LINE),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
        # aligns: one letter per column (L, C, R) for cells given as plain strings
        names = {"L": "LEFT", "C": "CENTER", "R": "RIGHT"}
        style += [("ALIGN", (i, header_rows), (i, -1), names[a]) for i, a in enumerate(aligns)]
        if header_rows:
            style += [("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
                      ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE")]
        t.setStyle(TableStyle(style + (extra_style or [])))
        return t

    def layout(self, rows: list[list[Any]], widths: list[float], extra_style: list[tuple] | None = None):
        """An unruled table used for placing blocks side by side (heading, signatures)."""
        from reportlab.platypus import Table, TableStyle
        t = Table(rows, colWidths=widths)
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]
                              + (extra_style or [])))
        return t

    def underline(self, text: str, style: str, fraction: float = 1.0):
        """The short rule Decree 30 draws under the agency name and the motto."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import HRFlowable
        st = self.styles[style]
        return HRFlowable(width=stringWidth(nfc(text), st.fontName, st.fontSize) * fraction, thickness=0.6,
                          color="#000000", hAlign="CENTER", spaceBefore=3, spaceAfter=2)

    # ------------------------------------------------------------ the heading

    def heading(self, parent: str, agency: str, number_line: str, place: str, date_iso: str) -> list:
        """Agency at left, national title and motto at right, then place and date (Decree 30, Annex I)."""
        nation = tr("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", self.lang)
        motto = tr("Độc lập - Tự do - Hạnh phúc", self.lang)
        agency_upper = nfc(agency).upper()
        left = []
        if parent:
            left.append(self.p(clean(nfc(parent).upper()), "agency_parent"))
        left += [self.p(clean(agency_upper), "agency"), self.underline(agency_upper, "agency", 0.4)]
        if number_line:
            left.append(self.p(number_line, "number"))
        right = [self.p(clean(nation), "nation"), self.p(clean(motto), "motto"), self.underline(motto, "motto")]
        date_text = fmt_long_date(date_iso, self.lang) if parse_date(date_iso) else ""
        if date_text:
            line = f"{place}, {date_text}" if place else date_text
            right.append(self.p(clean(line), "place_date"))
        # ALIGN centres the rules; the paragraphs centre themselves.
        return [self.layout([[left, right]], [CONTENT_W * 0.42, CONTENT_W * 0.58], [("ALIGN", (0, 0), (-1, -1), "CENTER")])]

    # ------------------------------------------------------------ building

    title = ""
    author = ""
    subject = ""
    keywords: tuple[str, ...] = ()
    date_iso = ""

    def story(self) -> list:  # pragma: no cover - subclasses
        raise NotImplementedError

    def footer_text(self) -> str:
        return ""

    def render(self) -> bytes:
        from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
        buf = io.BytesIO()
        doc = BaseDocTemplate(
            buf, pagesize=(PAGE_W, PAGE_H), **MARGINS,
            title=nfc(self.title), author=nfc(self.author), subject=nfc(self.subject),
            keywords=[nfc(k) for k in self.keywords], creator=f"egov-desktop {__version__}",
            lang="vi-VN" if self.lang == "vi" else "en", invariant=1, initialFontName=FONT,
            displayDocTitle=1,
        )
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
        d = parse_date(self.date_iso)
        creation = f"D:{d.year:04d}{d.month:02d}{d.day:02d}000000+07'00'" if d else ""
        page_label = tr("Trang {page}/{pages}", self.lang)
        doc.build(self.story(), canvasmaker=partial(_numbered_canvas, nfc(self.footer_text()), page_label, creation))
        return buf.getvalue()
