"""An administrative document after Decree 30/2020/NĐ-CP (Annex I), as a ReportLab renderer class.

The steps are methods a subclass fills in (pretix's invoice renderer is the model): fonts,
stylesheet, `story()` and the page decoration. The layout (docs/reports.md cites the rules):
A4, margins top 20, bottom 20, left 30, right 20 mm; the superior and the issuing agency at
top left over the number, the national title and motto at top right over the place and date;
the kind and title of the document; the body at 13 pt; the signature block at bottom right
beside "Nơi nhận" at bottom left; page numbers at the top centre from page 2; appendices on
pages of their own. A draft carries a "DỰ THẢO" box under its number and a watermark on every
page, and no check code; a final prints its check code at the foot of every page.

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
from ...domain import AgencyProfile
from ...i18n import tr
from ..format import fmt_long_date, parse_date
from ..profile import number_line, recipient_lines
from .fonts import BOLD, BOLD_ITALIC, FONT, ITALIC, register_fonts

MM = 72 / 25.4
PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points
MARGINS = dict(leftMargin=30 * MM, rightMargin=20 * MM, topMargin=20 * MM, bottomMargin=20 * MM)
CONTENT_W = PAGE_W - (30 + 20) * MM
GREY = "#555555"
LINE = "#999999"
HEAD_BG = "#E8EEF5"
WATERMARK = "#D9D9D9"
BODY_SIZE = 13        # Decree 30: body 13–14 pt
PAGE_NUMBER_SIZE = 13
# A heading starts a new page unless this much room is left under it (its table's first rows).
KEEP_WITH_HEADING = 40 * MM

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: Any) -> str:
    """User or framework text made safe for a Paragraph: NFC, control characters dropped,
    XML-escaped (so `<b>` or `&` typed by a user shows literally), line breaks kept."""
    s = _CONTROL.sub("", nfc("" if text is None else str(text)))
    return escape(s).replace("\r\n", "\n").replace("\n", "<br/>")


def _canvas(creation: str, *args, **kwargs):
    """The document's canvas: PDF 1.4 (embedded files need it) and the document's own date."""
    from reportlab.pdfgen.canvas import Canvas

    class DocumentCanvas(Canvas):
        def __init__(self, *a, **kw):
            super().__init__(*a, pdfVersion=(1, 4), **kw)
            if creation:
                self.setDateFormatter(lambda *_: creation)

    return DocumentCanvas(*args, **kwargs)


def _place_mark(sink: dict, key: str):
    """A zero-size flowable that records where it is drawn: (page, x, y) in points."""
    from reportlab.platypus.flowables import Flowable

    class Mark(Flowable):
        def wrap(self, *_):
            return 0, 0

        def draw(self):
            x, y = self.canv.absolutePosition(0, 0)
            sink[key] = (self.canv.getPageNumber(), x, y)

    return Mark()


class OfficialDocument:
    """Base renderer: subclasses give `story()`, `title` and `footer_text()`; `draft` marks every page."""

    lang = "vi"
    draft = False

    def __init__(self, lang: str = "vi"):
        self.lang = lang
        register_fonts()
        self.styles = self.stylesheet()
        self.outline: list[tuple[str, int]] = []
        # (page, x0, y0, x1, y1) of the space left for the signature, once rendered
        self.signature_box: tuple[int, float, float, float, float] | None = None
        self._marks: dict[str, tuple[int, float, float]] = {}

    # ------------------------------------------------------------ the steps

    def t(self, text: str, **kw: object) -> str:
        """A fixed string of the program in the document's language (escaped)."""
        return clean(tr(text, self.lang, **kw))

    def stylesheet(self) -> dict[str, Any]:
        from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        base = ParagraphStyle("body", fontName=FONT, fontSize=BODY_SIZE, leading=17, alignment=TA_JUSTIFY,
                              spaceAfter=6, firstLineIndent=10 * MM)
        s = {"body": base}

        def add(name: str, **kw):
            kw.setdefault("firstLineIndent", 0)
            s[name] = ParagraphStyle(name, parent=base, **kw)

        # the heading (Annex I, part II): superior 12–13 upright, agency 12–13 bold, national title
        # 12–13 bold (12: it must hold on one line), motto 13–14 bold, number 13, place and date 13–14 italic
        add("agency_parent", fontSize=12, leading=14, alignment=TA_CENTER, spaceAfter=0)
        add("agency", fontName=BOLD, fontSize=12, leading=14, alignment=TA_CENTER, spaceAfter=0)
        add("nation", fontName=BOLD, fontSize=12, leading=14, alignment=TA_CENTER, spaceAfter=0)
        add("motto", fontName=BOLD, fontSize=13, leading=15, alignment=TA_CENTER, spaceAfter=0)
        add("number", fontSize=13, leading=15, alignment=TA_CENTER, spaceAfter=0, spaceBefore=4)
        add("place_date", fontName=ITALIC, fontSize=14, leading=16, alignment=TA_CENTER, spaceAfter=0, spaceBefore=4)
        add("draft_box", fontName=BOLD, fontSize=13, leading=15, alignment=TA_CENTER, spaceAfter=0)
        add("doc_kind", fontName=BOLD, fontSize=14, leading=17, alignment=TA_CENTER, spaceBefore=14, spaceAfter=0)
        add("doc_title", fontName=BOLD, fontSize=14, leading=17, alignment=TA_CENTER, spaceAfter=10)
        add("doc_subtitle", fontName=ITALIC, fontSize=13, leading=16, alignment=TA_CENTER, spaceAfter=10)
        add("h1", fontName=BOLD, fontSize=BODY_SIZE, leading=17, alignment=TA_LEFT, spaceBefore=8, spaceAfter=4)
        add("h2", fontName=BOLD, fontSize=BODY_SIZE, leading=16, alignment=TA_LEFT, spaceBefore=6, spaceAfter=3)
        add("appendix", fontName=BOLD, fontSize=14, leading=17, alignment=TA_CENTER, spaceAfter=2)
        add("appendix_title", fontName=BOLD, fontSize=13, leading=16, alignment=TA_CENTER, spaceAfter=2)
        add("appendix_note", fontName=ITALIC, fontSize=13, leading=16, alignment=TA_CENTER, spaceAfter=10)
        add("note", fontName=ITALIC, fontSize=11, leading=13.5, alignment=TA_CENTER, textColor=GREY, spaceAfter=6)
        # table cells: long words (document numbers, "máy/người") are never cut mid-word
        for name, font, align in (("cell", FONT, TA_LEFT), ("cell_c", FONT, TA_CENTER), ("cell_r", FONT, TA_RIGHT),
                                  ("cell_i", ITALIC, TA_LEFT), ("cell_h", BOLD, TA_CENTER)):
            add(name, fontName=font, fontSize=10, leading=12, alignment=align, spaceAfter=0, splitLongWords=0)
        # the signature block (part II, 7): authority and position 13–14 bold capitals, name 13–14 bold
        add("sign_role", fontName=BOLD, fontSize=13, leading=15, alignment=TA_CENTER, spaceAfter=0)
        add("sign_name", fontName=BOLD, fontSize=14, leading=16, alignment=TA_CENTER, spaceAfter=0)
        add("sign_hint", fontName=ITALIC, fontSize=13, leading=15, alignment=TA_CENTER, spaceAfter=0)
        # Nơi nhận (part II, 9): the word 12 bold italic, the list 11 upright
        add("recipients_head", fontName=BOLD_ITALIC, fontSize=12, leading=14, alignment=TA_LEFT, spaceAfter=0)
        add("recipients", fontSize=11, leading=13, alignment=TA_LEFT, spaceAfter=0)
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
            ("FONTSIZE", (0, 0), (-1, -1), 10),
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
        """The short rule Decree 30 draws under the agency name (1/3–1/2 of it) and the motto (all of it)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import HRFlowable
        st = self.styles[style]
        longest = max((stringWidth(nfc(x), st.fontName, st.fontSize) for x in text.split("\n")), default=0)
        return HRFlowable(width=longest * fraction, thickness=0.6, color="#000000", hAlign="CENTER",
                          spaceBefore=2, spaceAfter=2)

    def section(self, title_markup: str, style: str = "h1") -> list:
        """A heading that never stands alone at the foot of a page, and is a bookmark."""
        from reportlab.platypus import CondPageBreak
        para = self.p(title_markup, style)
        para._bookmark = 0 if style in ("h1", "appendix") else 1
        return [CondPageBreak(KEEP_WITH_HEADING), para]

    # ------------------------------------------------------------ the heading

    def heading(self, profile: AgencyProfile, date_iso: str) -> list:
        """Agency at left over the number, national title and motto at right over the place and date
        (Annex I, part IV: boxes 1–4); a draft's box under the number."""
        nation = tr("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", self.lang)
        motto = tr("Độc lập - Tự do - Hạnh phúc", self.lang)
        left = []
        if profile.parent_line.strip():
            left += [self.p(clean(line.upper()), "agency_parent") for line in nfc(profile.parent_line).split("\n")]
        issuer = nfc(profile.issuer).upper().strip()
        left += [self.p(clean(line), "agency") for line in issuer.split("\n") if line.strip()]
        left.append(self.underline(issuer, "agency", 0.4))
        if profile.symbol or profile.number:
            left.append(self.p(clean(self.number_text(profile)), "number"))
        if self.draft:
            left.append(self.draft_box())
        right = [self.p(clean(nation), "nation"), self.p(clean(motto), "motto"), self.underline(motto, "motto")]
        date_text = fmt_long_date(date_iso, self.lang) if parse_date(date_iso) else ""
        if date_text:
            place = nfc(profile.place).strip()
            line = f"{place}, {date_text}" if place else date_text
            right.append(self.p(clean(line), "place_date"))
        # ALIGN centres the rules; the paragraphs centre themselves.
        return [self.layout([[left, right]], [CONTENT_W * 0.42, CONTENT_W * 0.58], [("ALIGN", (0, 0), (-1, -1), "CENTER")])]

    def number_text(self, profile: AgencyProfile) -> str:
        text = number_line(profile)
        return text if self.lang == "vi" else text.replace("Số:", tr("Số:", self.lang), 1)

    def draft_box(self):
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Table, TableStyle
        word = tr("DỰ THẢO", self.lang)
        st = self.styles["draft_box"]
        t = Table([[self.p(clean(word), "draft_box")]], colWidths=[stringWidth(word, st.fontName, st.fontSize) + 14])
        t.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, "#000000"), ("TOPPADDING", (0, 0), (-1, -1), 1),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
        t.spaceBefore = 6
        return t

    # ------------------------------------------------------------ signature and Nơi nhận

    def signature_block(self, profile: AgencyProfile, before: list | None = None) -> list:
        """Nơi nhận at bottom left beside the signature at bottom right (Annex I, part IV: boxes
        7 and 9a), kept on one page with `before` (the closing paragraph), so the signature
        never stands alone on the last page."""
        from reportlab.platypus import KeepTogether, Spacer

        from .signature_place import BOX_HEIGHT, BOX_WIDTH, SignaturePlace
        role = []
        if profile.authority.strip():
            role.append(f"{profile.authority.strip()} {profile.on_behalf.strip()}".strip())
        if profile.signer_position.strip():
            role.append(profile.signer_position.strip())
        sign = [self.p(clean(nfc(r).upper()), "sign_role") for r in role]
        # the digital signature's visible box (signature_place) goes over the space left for the
        # signature, centred in the signer's column
        sign += [_place_mark(self._marks, "sign_top"), SignaturePlace((CONTENT_W * 0.55 - BOX_WIDTH) / 2),
                 Spacer(1, BOX_HEIGHT), _place_mark(self._marks, "sign_bottom")]
        if profile.signer_name.strip():
            sign.append(self.p(clean(profile.signer_name.strip()), "sign_name"))
        recipients = [self.p(self.t("Nơi nhận:"), "recipients_head")]
        recipients += [self.p(clean(line), "recipients") for line in recipient_lines(profile)]
        t = self.layout([[recipients, sign]], [CONTENT_W * 0.45, CONTENT_W * 0.55])
        self._sign_x = (PAGE_W - 20 * MM - CONTENT_W * 0.55, PAGE_W - 20 * MM)
        return [KeepTogether((before or []) + [Spacer(1, 10), t])]

    # ------------------------------------------------------------ pages

    title = ""
    author = ""
    subject = ""
    keywords: tuple[str, ...] = ()
    date_iso = ""

    def story(self) -> list:  # pragma: no cover - subclasses
        raise NotImplementedError

    def footer_text(self) -> str:
        return ""

    def decorate(self, canvas, doc) -> None:
        """Every page: the draft watermark, the page number at the top centre from page 2, the footer."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        page = canvas.getPageNumber()
        canvas.saveState()
        if self.draft:
            word = tr("DỰ THẢO", self.lang)
            canvas.setFillColor(WATERMARK)
            canvas.setFont(BOLD, 96)
            canvas.translate(PAGE_W / 2, PAGE_H / 2)
            canvas.rotate(45)
            canvas.drawCentredString(0, -30, word)
            canvas.rotate(-45)
            canvas.translate(-PAGE_W / 2, -PAGE_H / 2)
        canvas.setFillColor("#000000")
        if page > 1:
            canvas.setFont(FONT, PAGE_NUMBER_SIZE)
            canvas.drawCentredString(30 * MM + CONTENT_W / 2, PAGE_H - 13 * MM, str(page))
        footer = nfc(self.footer_text())
        if footer:
            size, room = 7.5, CONTENT_W
            while size > 5 and stringWidth(footer, FONT, size) > room:
                size -= 0.5
            canvas.setFont(FONT, size)
            canvas.setFillColor(GREY)
            canvas.setStrokeColor(LINE)
            canvas.setLineWidth(0.4)
            y = 12 * MM
            canvas.line(30 * MM, y + 9, PAGE_W - 20 * MM, y + 9)
            canvas.drawString(30 * MM, y, footer)
        canvas.restoreState()

    def render(self) -> bytes:
        from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
        buf = io.BytesIO()
        outline = self.outline

        class Doc(BaseDocTemplate):
            def afterFlowable(self, flowable):
                level = getattr(flowable, "_bookmark", None)
                if level is None:
                    return
                key = f"s{len(outline)}"
                text = flowable.getPlainText()
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
                outline.append((text, self.canv.getPageNumber()))

        doc = Doc(
            buf, pagesize=(PAGE_W, PAGE_H), **MARGINS,
            title=nfc(self.title), author=nfc(self.author), subject=nfc(self.subject),
            keywords=[nfc(k) for k in self.keywords], creator=f"egov-desktop {__version__}",
            lang="vi-VN" if self.lang == "vi" else "en", invariant=1, initialFontName=FONT,
            displayDocTitle=1,
        )
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self.decorate)])
        d = parse_date(self.date_iso)
        creation = f"D:{d.year:04d}{d.month:02d}{d.day:02d}000000+07'00'" if d else ""
        self.outline.clear()
        doc.build(self.story(), canvasmaker=partial(_canvas, creation))
        top, bottom = self._marks.get("sign_top"), self._marks.get("sign_bottom")
        if top and bottom and top[0] == bottom[0]:
            x0, x1 = self._sign_x
            self.signature_box = (top[0], x0, bottom[2], x1, top[2])
        return buf.getvalue()
