"""The assessment report (báo cáo kết quả tự đánh giá) as a PDF."""
from __future__ import annotations

import re

from scoring import Text, nfc
from scoring.absolute import NOT_APPLICABLE, UNANSWERED

from ...i18n import tr
from ..data import MET, NOT_MET, STATUS_TEXT, IndicatorLine, ReportData
from ..format import fmt_date, fmt_long_date, fmt_number, fmt_percent
from ..profile import number_line
from .charts import pillar_chart
from .document import CONTENT_W, MM, OfficialDocument, clean

_W = CONTENT_W
# a framework source that names an administrative document, which the opening then cites
_DOCUMENT = re.compile(r"^(Kế hoạch|Quyết định|Công văn|Văn bản|Hướng dẫn|Thông tư|Nghị định|Chỉ thị|Plan|Decision)"
                       r"\b[^;]{0,80}\d+/", re.IGNORECASE)
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class AssessmentReport(OfficialDocument):
    def __init__(self, report: ReportData, lang: str = "vi"):
        super().__init__(lang)
        self.r = report
        self.draft = report.draft
        self.title = tr("Báo cáo kết quả tự đánh giá", lang) + f" — {report.agency.name} — {report.period}"
        self.author = report.agency.name
        self.subject = report.framework_title.get(lang)
        self.keywords = (report.framework_id, report.framework_version, report.period, report.content_hash)
        self.date_iso = report.report_date

    # ------------------------------------------------------------ helpers

    def x(self, text: Text) -> str:
        """A framework text in the document's language, escaped."""
        return clean(text.get(self.lang))

    def num(self, value: float | None, decimals: int = 2) -> str:
        return fmt_number(value, self.lang, decimals)

    def pct(self, fraction: float | None, decimals: int = 1) -> str:
        return fmt_percent(fraction, self.lang, decimals)

    def points_change(self, fraction: float) -> str:
        """A difference of two percentages, in percentage points ("điểm %"), never "%"."""
        return ("+" if fraction >= 0 else "") + self.num(fraction * 100, 1) + " " + tr("điểm %", self.lang)

    def footer_text(self) -> str:
        if self.r.draft:
            return tr("Bản dự thảo: chưa hoàn thành đánh giá, chưa có mã kiểm tra; không gửi bản này.", self.lang)
        return tr("Mã kiểm tra (SHA-256): {hash}", self.lang, hash=self.r.content_hash)

    def total_text(self) -> str:
        r = self.r
        if r.total is None:
            return "—"
        if r.scale == 1:
            return self.num(r.total, 4)
        if r.scale == 100:
            return f"{self.num(r.total_scaled)}%"
        return f"{self.num(r.total_scaled)} / {self.num(r.scale, 0)} {self.t('điểm')}"

    # ------------------------------------------------------------ the story

    def story(self) -> list:
        r = self.r
        out = self.heading(r.profile, r.report_date)
        out.append(self.p(self.t("BÁO CÁO"), "doc_kind"))
        title = tr("Kết quả tự đánh giá mức độ ứng dụng công nghệ thông tin, chuyển đổi số kỳ {period}", self.lang,
                   period=r.period)
        out += [self.p(clean(title), "doc_title")]
        out += self.opening()
        out += self.numbered_sections((self.summary, self.pillar_section, self.comparison_section,
                                       self.findings_section, self.improvement_section))
        closing = self.p(self.t("Trên đây là báo cáo kết quả tự đánh giá kỳ {period} của {agency}; kết quả chi tiết "
                                "theo từng chỉ tiêu tại Phụ lục kèm theo./.", period=r.period, agency=r.agency.name))
        # the signature goes to the next page only with the body's last paragraphs, never alone
        tail = []
        while out and len(tail) < 2 and type(out[-1]).__name__ == "Paragraph":
            tail.insert(0, out.pop())
        out += self.signature_block(r.profile, tail + [closing])
        out += self.appendix()
        return out

    def opening(self) -> list:
        r = self.r
        source = r.framework_source.get(self.lang).strip()
        fw = r.framework_title.get(self.lang)
        if _DOCUMENT.match(source):   # "Kế hoạch số 1759/KH-UBND …": the document the report answers
            text = self.t("Thực hiện {source}, {agency} báo cáo kết quả tự đánh giá mức độ ứng dụng công nghệ "
                          "thông tin, chuyển đổi số kỳ {period} theo {framework} như sau:", source=source,
                          agency=r.agency.name, period=r.period, framework=fw)
        else:
            text = self.t("{agency} báo cáo kết quả tự đánh giá mức độ ứng dụng công nghệ thông tin, chuyển đổi số "
                          "kỳ {period} theo {framework} như sau:", agency=r.agency.name, period=r.period, framework=fw)
        return [self.p(text)]

    def summary(self):
        r = self.r
        rows = [
            [self.p(self.t("Tổng điểm"), "cell"), self.p(f"<b>{self.total_text()}</b>", "cell")],
            [self.p(self.t("Chỉ số (0–1)"), "cell"), self.p(self.num(r.total, 4) or "—", "cell")],
            [self.p(self.t("Xếp loại"), "cell"), self.p(f"<b>{self.x(r.band) or '—'}</b>", "cell")],
            [self.p(self.t("Mức độ hoàn thành phiếu"), "cell"), self.p(self.pct(r.completeness, 0), "cell")],
        ]
        if r.previous is not None and r.previous.total_scaled is not None and r.total_scaled is not None:
            change = r.total_scaled - r.previous.total_scaled
            rows.append([self.p(self.t("So với kỳ {period}", period=r.previous.period), "cell"),
                         self.p(f"{'+' if change >= 0 else ''}{self.num(change)} {self.t('điểm')} "
                                f"({self.num(r.previous.total_scaled)} → {self.num(r.total_scaled)})", "cell")])
        section = [self.table(rows, [_W * 0.4, _W * 0.6], header_rows=0)]
        # the framework's own note on its method (relative scoring) is printed; a canned verdict is not
        if r.method_note.get(self.lang):
            section.append(self.p(f"<b>{self.t('Lưu ý về cách tính:')}</b> {self.x(r.method_note)}"))
        return "KẾT QUẢ CHUNG", section

    def pillar_section(self):
        from reportlab.platypus import Spacer
        r = self.r
        titles = ["TT", "Lĩnh vực", "Điểm", "Tối đa", "Tỷ lệ"]
        if r.has_targets:
            titles.append("Mục tiêu")
        if r.previous is not None:
            titles.append("Kỳ trước")
        rows = [[self.p(self.t(h), "cell_h") for h in titles]]
        for p in r.pillars:
            row = [self.p(p.number, "cell_c"), self.p(self.x(p.title), "cell"), self.p(self.num(p.points), "cell_r"),
                   self.p(self.num(p.max_points, 0), "cell_r"), self.p(self.pct(p.index), "cell_r")]
            if r.has_targets:
                row.append(self.p(self.pct(p.target_index), "cell_r"))
            if r.previous is not None:
                row.append(self.p(self.pct(p.previous_index), "cell_r"))
            rows.append(row)
        extra = len(titles) - 2
        widths = [10 * MM, _W - 10 * MM - extra * 21 * MM] + [21 * MM] * extra
        names = [tr("Kết quả", self.lang)]
        targets = [p.target_index for p in r.pillars] if r.has_targets else None
        if targets is not None:
            names.append(tr("Mục tiêu kế hoạch", self.lang))
        if r.previous is not None:
            names.append(tr("Kỳ {period}", self.lang, period=r.previous.period))
        chart = pillar_chart([f"{p.number}. {p.title.get(self.lang)}" for p in r.pillars], [p.number for p in r.pillars],
                             [p.index for p in r.pillars], targets,
                             [p.previous_index for p in r.pillars] if r.previous is not None else None, names, _W,
                             axis_title=tr("% điểm tối đa", self.lang))
        caption = tr("Biểu đồ: tỷ lệ điểm đạt được của từng lĩnh vực (% điểm tối đa)", self.lang)
        if targets is not None:
            caption += tr(" so với mục tiêu kế hoạch (vạch ngang)", self.lang)
        if r.previous is not None:
            caption += tr(" và kỳ {period}", self.lang, period=r.previous.period)
        return "KẾT QUẢ THEO TỪNG LĨNH VỰC", [self.table(rows, widths), Spacer(1, 6), chart,
                                              self.p(clean(caption + "."), "note")]

    def findings_section(self):
        """What the figures say, worked out from them (never a canned text that could contradict them)."""
        r = self.r
        out = []
        scored = [p for p in r.pillars if p.index is not None and p.max_points]
        if len(scored) > 1:
            best = max(scored, key=lambda p: p.index)
            worst = min(scored, key=lambda p: p.index)
            if best.index > worst.index:
                out.append(self.t("Lĩnh vực đạt tỷ lệ cao nhất là {best} ({bp}); thấp nhất là {worst} ({wp}).",
                                  best=best.title.get(self.lang), bp=self.pct(best.index),
                                  worst=worst.title.get(self.lang), wp=self.pct(worst.index)))
            else:
                out.append(self.t("Các lĩnh vực đạt cùng tỷ lệ {value}.", value=self.pct(best.index)))
        for p in r.pillars:
            if p.target_index is not None and p.index is not None:
                key = ("{pillar}: đạt {value}, đạt mục tiêu kế hoạch {target}." if p.index >= p.target_index
                       else "{pillar}: đạt {value}, chưa đạt mục tiêu kế hoạch {target} (còn thiếu {gap}).")
                out.append(self.t(key, pillar=p.title.get(self.lang), value=self.pct(p.index),
                                  target=self.pct(p.target_index), gap=self.points_change(p.target_index - p.index)[1:]))
        with_target = [line for line in r.lines() if line.target_met is not None]
        if with_target:
            missed = [line for line in with_target if not line.target_met]
            text = self.t("Đạt {met}/{n} chỉ tiêu có mục tiêu kế hoạch.", met=len(with_target) - len(missed),
                          n=len(with_target))
            if missed:
                shown = "; ".join(f"{line.number} {line.label.get(self.lang)}"
                                  + (f" ({tr('còn thiếu', self.lang)} {self.gap_text(line)})" if line.gap else "")
                                  for line in missed[:5])
                if len(missed) > 5:
                    shown += tr("; và {n} chỉ tiêu khác (Phụ lục)", self.lang, n=len(missed) - 5)
                text += " " + self.t("Chưa đạt: {items}.", items=shown)
            out.append(text)
        unanswered = [line for line in r.lines() if line.status == UNANSWERED and not line.calculated]
        if unanswered:
            out.append(self.t("Còn {n} chỉ tiêu chưa trả lời: {items}.", n=len(unanswered),
                              items=", ".join(line.number for line in unanswered)))
        review = len(r.flagged) + len([line for line in r.with_problems if not line.flagged])
        if review:
            out.append(self.t("Có {n} chỉ tiêu cần xem lại (chi tiết tại Phụ lục).", n=review))
        return "NHẬN XÉT, ĐÁNH GIÁ", [self.p(f"- {text}") for text in out]

    def gap_text(self, line: IndicatorLine) -> str:
        """A shortfall with its unit; against a percentage it is in percentage points."""
        if not line.gap:
            return ""
        unit = line.unit.get(self.lang)
        if unit == "%":
            return f"{self.num(line.gap)} {tr('điểm %', self.lang)}"
        return f"{self.num(line.gap)} {unit}".strip()

    def improvement_section(self):
        r = self.r
        if not r.improvements:
            return "", []
        out = [self.p(self.t("Để nâng cao kết quả, cần ưu tiên cải thiện các chỉ tiêu sau (xếp theo mức tăng tổng "
                             "điểm nếu đạt điểm tối đa):"))]
        for n, i in enumerate(r.improvements, start=1):
            out.append(self.p(self.t("{n}. Chỉ tiêu {number} «{label}» ({pillar}): hiện đạt {points}/{max} điểm; "
                                     "nếu đạt tối đa, tổng điểm tăng thêm {gain} điểm.", n=n, number=i.number,
                                     label=i.label.get(self.lang), pillar=i.pillar.get(self.lang),
                                     points=self.num(i.points), max=self.num(i.max_points),
                                     gain=self.num(i.gain_scaled))))
        return "ĐỀ XUẤT, KIẾN NGHỊ", out

    # ------------------------------------------------------------ the appendix

    def appendix(self) -> list:
        from reportlab.platypus import PageBreak
        r = self.r
        out = [PageBreak()]
        out += self.section(self.t("Phụ lục"), "appendix")[1:]
        out.append(self.p(self.t("KẾT QUẢ CHI TIẾT THEO TỪNG CHỈ TIÊU"), "appendix_title"))
        number = number_line(r.profile).replace("Số:", "", 1).strip()
        date = fmt_long_date(r.report_date, self.lang)
        out.append(self.p(self.t("(Kèm theo Báo cáo số {number} {date} của {agency})", number=number, date=date,
                                 agency=r.agency.name), "appendix_note"))
        out += self.numbered_sections((self.detail_section, self.calculated_section, self.comments_section,
                                       self.evidence_section, self.flagged_section))
        return out

    def numbered_sections(self, makers) -> list:
        """The sections that have something to say, numbered I., II., … in that order."""
        out, number = [], 0
        for make in makers:
            heading, body = make()
            if body:
                number += 1
                out += self.section(f"{ROMAN[number - 1]}. {self.t(heading)}")
                out += body
        return out

    def detail_section(self):
        body = []
        for pillar in self.r.pillars:
            body += self.indicator_table(pillar)
        return "KẾT QUẢ THEO CHỈ TIÊU", body

    def status_text(self, line: IndicatorLine) -> str:
        """Met / not met against a plan target, only where there is one; else why there are no points."""
        if line.target_met is not None:
            return (MET if line.target_met else NOT_MET).get(self.lang)
        if line.status in (UNANSWERED, NOT_APPLICABLE):
            return STATUS_TEXT[line.status].get(self.lang)
        return ""

    def indicator_table(self, pillar) -> list:
        has_target = any(line.target.get(self.lang) for line in pillar.indicators)
        titles = ["TT", "Chỉ tiêu", "Kết quả", "Điểm / tối đa"] + (["Mục tiêu", "Còn thiếu", "Đánh giá"] if has_target else [])
        head = [self.p(self.t(h), "cell_h") for h in titles]
        rows = [head]
        widths = [11 * MM, 0, 30 * MM, 20 * MM] + ([25 * MM, 20 * MM, 17 * MM] if has_target else [])
        widths[1] = _W - sum(widths)
        for line in pillar.indicators:
            label = self.x(line.label)
            if line.calculated:
                label += f" <i>({self.t('giá trị tính')})</i>"
            if line.flagged:
                label += f" <i>({self.t('cần xem lại')})</i>"
            answer = line.answer.get(self.lang)
            if not answer:
                answer = "—" if line.calculated else STATUS_TEXT[UNANSWERED].get(self.lang)
            points = ""
            if line.max_points:
                points = f"{self.num(line.points) if line.points is not None else '—'} / {self.num(line.max_points)}"
            texts = [line.number, None, answer, points]
            styles = ["cell_c", "cell", "cell", "cell_r"]
            if has_target:
                texts += [line.target.get(self.lang), self.gap_text(line), self.status_text(line)]
                styles += ["cell", "cell_r", "cell_c"]
            row = [self.cell(t, st, w) if t is not None else self.p(label, "cell")
                   for t, st, w in zip(texts, styles, widths)]
            rows.append(row)
        return [self.p(f"{pillar.number}. {self.x(pillar.title)} — {self.num(pillar.points)} / "
                       f"{self.num(pillar.max_points, 0)} {self.t('điểm')}", "h2"),
                self.table(rows, widths, aligns="CLLRLRC"[:len(titles)])]

    def calculated_section(self):
        lines = [line for line in self.r.lines() if line.calculated]
        if not lines:
            return "", []
        rows = [[self.p(self.t(h), "cell_h") for h in ("TT", "Giá trị tính toán", "Giá trị")]]
        rows += [[self.p(line.number, "cell_c"), self.p(self.x(line.label), "cell"),
                  self.p(self.x(line.answer) or "—", "cell_r")] for line in lines]
        return "CÁC GIÁ TRỊ TÍNH TOÁN", [self.table(rows, [11 * MM, _W - 11 * MM - 35 * MM, 35 * MM])]

    def comments_section(self):
        lines = [line for line in self.r.lines() if line.comment]
        if not lines:
            return "", []
        rows = [[self.p(self.t(h), "cell_h") for h in ("TT", "Chỉ tiêu", "Ý kiến, giải trình")]]
        rows += [[self.p(line.number, "cell_c"), self.p(self.x(line.label), "cell"), self.p(clean(line.comment), "cell")]
                 for line in lines]
        return "Ý KIẾN, GIẢI TRÌNH", [self.table(rows, [11 * MM, 60 * MM, _W - 71 * MM])]

    def evidence_section(self):
        widths = [11 * MM, 37 * MM, 34 * MM, 19 * MM, 35 * MM, _W - 136 * MM]
        rows = [[self.p(self.t(h), "cell_h") for h in ("TT", "Chỉ tiêu", "Số, ký hiệu", "Ngày", "Trích yếu", "Tệp")]]
        for line in self.r.lines():
            for e in line.evidence:
                rows.append([self.p(line.number, "cell_c"), self.p(self.x(line.label), "cell"),
                             self.symbol_cell(e.number, widths[2]), self.p(clean(fmt_date(e.date, self.lang)), "cell"),
                             self.p(clean(e.summary), "cell"), self.p(clean(e.file_name), "cell")])
        if len(rows) == 1:
            return "", []
        return "TÀI LIỆU KIỂM CHỨNG", [self.table(rows, widths)]

    def symbol_cell(self, text: str, width: float):
        """A document number ("1854/QĐ-UBND") on one line, smaller if it must be: never cut inside."""
        from reportlab.pdfbase.pdfmetrics import stringWidth
        from reportlab.platypus import Paragraph
        st = self.styles["cell"]
        plain = nfc(text or "")
        for size in (st.fontSize, 9, 8, 7):
            if stringWidth(plain, st.fontName, size) <= width - 6:
                break
        if size == st.fontSize:
            return self.p(clean(plain), "cell")
        return Paragraph(clean(plain), self.styles["cell"].clone("symbol", fontSize=size, leading=size + 2))

    def flagged_section(self):
        r = self.r
        flagged, problems = r.flagged, r.with_problems
        if not flagged and not problems:
            return "", []
        rows = [[self.p(self.t(h), "cell_h") for h in ("TT", "Chỉ tiêu", "Lý do")]]
        for line in r.lines():
            reasons = []
            if line.flagged:
                reasons.append(self.t("Đánh dấu cần xem lại") + (f": {clean(line.comment)}" if line.comment else ""))
            reasons += [self.x(m) for m in line.problems]
            if reasons:
                rows.append([self.p(line.number, "cell_c"), self.p(self.x(line.label), "cell"),
                             self.p("<br/>".join(reasons), "cell")])
        return "CÁC NỘI DUNG CẦN XEM LẠI", [self.table(rows, [11 * MM, 70 * MM, _W - 81 * MM])]

    def comparison_section(self):
        r = self.r
        if r.previous is None:
            return "", []
        rows = [[self.p(self.t(h), "cell_h") for h in ("TT", "Lĩnh vực")] +
                [self.p(self.t("Kỳ {period}", period=r.previous.period), "cell_h"),
                 self.p(self.t("Kỳ {period}", period=r.period), "cell_h"), self.p(self.t("Thay đổi"), "cell_h")]]
        for p in r.pillars:
            change = "" if p.index is None or p.previous_index is None else self.points_change(p.index - p.previous_index)
            rows.append([self.p(p.number, "cell_c"), self.p(self.x(p.title), "cell"),
                         self.p(self.pct(p.previous_index), "cell_r"),
                         self.p(self.pct(p.index), "cell_r"), self.p(change, "cell_r")])
        prev_total = r.previous.total_scaled
        change = "" if prev_total is None or r.total_scaled is None else \
            ("+" if r.total_scaled >= prev_total else "") + self.num(r.total_scaled - prev_total) + " " + self.t("điểm")
        rows.append([self.p("", "cell"), self.p(f"<b>{self.t('Tổng điểm')}</b>", "cell"),
                     self.p(self.num(prev_total), "cell_r"), self.p(self.num(r.total_scaled), "cell_r"),
                     self.p(change, "cell_r")])
        return "SO SÁNH VỚI KỲ TRƯỚC", [self.table(rows, [11 * MM, _W - 11 * MM - 3 * 28 * MM] + [28 * MM] * 3)]


def render_pdf(report: ReportData, lang: str = "vi") -> bytes:
    """The report as PDF bytes: a pure function of `report` and `lang`."""
    return AssessmentReport(report, lang).render()
