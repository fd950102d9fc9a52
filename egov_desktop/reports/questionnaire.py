"""The printable blank questionnaire of a framework: the paper fallback when there is no PC.

Same administrative layout as the report (reports/pdf/document.py): agency lines left blank to
write in, every indicator with its help, unit and choices, and an empty answer box.
"""
from __future__ import annotations

import re

from scoring import Framework
from scoring.model import CALCULATED, CHOICE, DATE, MULTIPLE, YES_NO
from scoring.numbering import pillar_numbers

from ..domain import AgencyProfile
from .format import fmt_number
from .pdf.document import CONTENT_W, MM, OfficialDocument, clean

BOX, CIRCLE = "□", "○"  # glyphs present in the font (☐ is not)
DOTS = "…………………………"
# The program's own date hint ("(năm-tháng-ngày)": how it is typed on screen) is not the paper's:
# paper has one format, day/month/year, as every date of an administrative document.
_SCREEN_DATE_HINT = re.compile(r"\s*\((năm-tháng-ngày|year-month-day|YYYY-MM-DD)\)", re.IGNORECASE)


class BlankQuestionnaire(OfficialDocument):
    def __init__(self, framework: Framework, lang: str = "vi"):
        super().__init__(lang)
        self.fw = framework
        self.title = f"{framework.title.get(lang)} ({framework.id} {framework.version})"
        self.author = "egov-desktop"
        self.subject = self.tr_plain("Phiếu tự đánh giá (bản giấy)")
        self.keywords = (framework.id, framework.version, framework.content_hash)

    def tr_plain(self, s: str, **kw) -> str:
        from ..i18n import tr
        return tr(s, self.lang, **kw)

    def footer_text(self) -> str:
        fw = self.fw
        return self.tr_plain("Bộ tiêu chí {id} phiên bản {version}", id=fw.id, version=fw.version) + \
            " · " + self.tr_plain("Mã bộ tiêu chí (SHA-256): {hash}", hash=fw.content_hash)

    def hint(self, ind) -> str:
        parts = []
        help_text = ind.help.get(self.lang)
        if ind.type == DATE:
            help_text = _SCREEN_DATE_HINT.sub("", help_text)
        if help_text:
            parts.append(clean(help_text))
        if ind.type == YES_NO:
            parts.append(f"{BOX} {self.t('Có')}&nbsp;&nbsp;&nbsp;&nbsp;{BOX} {self.t('Không')}")
        elif ind.type in (CHOICE, MULTIPLE):
            mark = CIRCLE if ind.type == CHOICE else BOX
            note = self.t("(chọn một)") if ind.type == CHOICE else self.t("(chọn một hoặc nhiều)")
            parts.append(note + "<br/>" + "<br/>".join(f"{mark} {clean(c.label.get(self.lang))}" for c in ind.choices))
        elif ind.type == DATE:
            parts.append(self.t("Ngày ..../..../...... (ngày/tháng/năm)"))
        if ind.min is not None and ind.max is not None:
            parts.append(self.t("Từ {lo} đến {hi}", lo=fmt_number(ind.min, self.lang), hi=fmt_number(ind.max, self.lang)))
        if ind.allow_na:
            parts.append(f"{BOX} {self.t('Không áp dụng')}")
        return "<br/>".join(parts)

    def story(self) -> list:
        from reportlab.platypus import Spacer
        fw = self.fw
        blank = AgencyProfile(parent_line=DOTS, issuer=DOTS, symbol="")
        out = self.heading(blank, "")
        out.append(self.p(self.t("PHIẾU TỰ ĐÁNH GIÁ"), "doc_kind"))
        out.append(self.p(clean(fw.title.get(self.lang)), "doc_title"))
        out.append(self.p(self.t("({id}, phiên bản {version})", id=fw.id, version=fw.version), "doc_subtitle"))
        out.append(self.p(self.t("Tên cơ quan, đơn vị: ........................................................"
                                 ".............................")))
        out.append(self.p(self.t("Kỳ đánh giá: ..................  Người điền phiếu: ..................................."
                                 "  Điện thoại: ..........................")))
        out.append(self.p(self.t("Các chỉ tiêu có dấu (*) là bắt buộc. Ghi câu trả lời vào ô trống; "
                                 "đánh dấu vào ô lựa chọn."), "note"))
        # the unit column as wide as its longest unit, so "máy/người" is never cut
        from reportlab.pdfbase.pdfmetrics import stringWidth
        st = self.styles["cell_c"]
        unit_w = max([stringWidth(self.t("Đơn vị"), "LiberationSerif-Bold", st.fontSize)]
                     + [stringWidth(ind.unit.get(self.lang), st.fontName, st.fontSize)
                        for ind in fw.indicators.values()]) + 8
        unit_w = min(max(unit_w, 14 * MM), 30 * MM)
        widths = [11 * MM, CONTENT_W - 11 * MM - 42 * MM - unit_w, 42 * MM, unit_w]
        for pi, pillar in enumerate(fw.pillars, start=1):
            rows = [[self.p(self.t(h), "cell_h") for h in ("TT", "Chỉ tiêu", "Trả lời", "Đơn vị")]]
            numbers = pillar_numbers(pillar, pi)  # as on screen (scoring/numbering.py)
            for ind in pillar.indicators:
                label = f"<b>{clean(ind.label.get(self.lang))}</b>" + (" *" if ind.required and ind.is_input else "")
                hint = self.hint(ind)
                if ind.type == CALCULATED:
                    hint = self.t("(chương trình tự tính)")
                cell = [self.p(label, "cell")] + ([self.p(hint, "cell_i")] if hint else [])
                room = Spacer(1, 24)  # space to write the answer by hand
                rows.append([self.p(numbers[ind.id], "cell_c"), cell, "" if ind.type == CALCULATED else room,
                             self.p(clean(ind.unit.get(self.lang)), "cell_c")])
            out.append(self.p(f"{pi}. {clean(pillar.title.get(self.lang))}", "h1"))
            out.append(self.table(rows, widths))
        from reportlab.platypus import KeepTogether
        date = self.t("......, ngày ..../..../...... (ngày/tháng/năm)")
        sign = [self.p(date, "place_date"), self.p(self.t("NGƯỜI ĐIỀN PHIẾU"), "sign_role"),
                self.p(self.t("(Ký, ghi rõ họ tên)"), "sign_hint"), Spacer(1, 50)]
        out.append(KeepTogether([Spacer(1, 12), self.layout([["", sign]], [CONTENT_W * 0.4, CONTENT_W * 0.6])]))
        return out


def render_questionnaire(framework: Framework, lang: str = "vi") -> bytes:
    """The blank printable questionnaire of `framework` as PDF bytes."""
    return BlankQuestionnaire(framework, lang).render()
