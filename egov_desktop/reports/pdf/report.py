"""The assessment report (báo cáo kết quả tự đánh giá) as a PDF."""
from __future__ import annotations

from scoring import Text
from scoring.absolute import NOT_APPLICABLE, SCORED, UNANSWERED

from ...i18n import tr
from ..data import MET, NOT_MET, STATUS_TEXT, IndicatorLine, ReportData
from ..format import fmt_date, fmt_number, fmt_percent
from .charts import pillar_chart
from .document import CONTENT_W, MM, OfficialDocument, clean

_W = CONTENT_W
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class AssessmentReport(OfficialDocument):
    def __init__(self, report: ReportData, lang: str = "vi"):
        super().__init__(lang)
        self.r = report
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

    def footer_text(self) -> str:
        r = self.r
        return (tr("Bộ tiêu chí {id} phiên bản {version}", self.lang, id=r.framework_id, version=r.framework_version)
                + " · " + tr("Mã kiểm tra (SHA-256): {hash}", self.lang, hash=r.content_hash))

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
        a = r.agency
        out = self.heading(a.parent_name, a.name, self.t("Số: ......./BC-......."), a.address, r.report_date)
        out.append(self.p(self.t("BÁO CÁO"), "doc_kind"))
        out.append(self.p(self.t("Kết quả tự đánh giá mức độ ứng dụng công nghệ thông tin, chuyển đổi số "
                                 "kỳ {period}", period=r.period), "doc_title"))
        out.append(self.p(self.t("Theo {framework} ({id}, phiên bản {version})", framework=r.framework_title.get(self.lang),
                                 id=r.framework_id, version=r.framework_version), "doc_subtitle"))
        sections = (self.summary, self.pillar_section, self.detail_section, self.calculated_section,
                    self.comments_section, self.evidence_section, self.flagged_section,
                    self.improvement_section, self.comparison_section)
        number = 0
        for make in sections:
            heading, body = make()
            if body:
                number += 1
                out.append(self.p(f"{ROMAN[number - 1]}. {self.t(heading)}", "h1"))
                out += body
        out += self.signatures()
        return out

    def summary(self):
        r = self.r
        section = []
        rows = [
            [self.p(self.t("Cơ quan, đơn vị"), "cell"), self.p(clean(r.agency.name), "cell")],
            [self.p(self.t("Kỳ đánh giá"), "cell"), self.p(clean(r.period), "cell")],
            [self.p(self.t("Tổng điểm"), "cell"), self.p(f"<b>{self.total_text()}</b>", "cell")],
            [self.p(self.t("Chỉ số (0–1)"), "cell"), self.p(self.num(r.total, 4) or "—", "cell")],
            [self.p(self.t("Xếp loại"), "cell"), self.p(f"<b>{self.x(r.band) or '—'}</b>", "cell")],
            [self.p(self.t("Mức độ hoàn thành"), "cell"), self.p(fmt_percent(r.completeness, self.lang, 0), "cell")],
        ]
        if r.previous is not None and r.previous.total_scaled is not None and r.total_scaled is not None:
            change = r.total_scaled - r.previous.total_scaled
            rows.append([self.p(self.t("So với kỳ {period}", period=r.previous.period), "cell"),
                         self.p(f"{'+' if change >= 0 else ''}{self.num(change)} "
                                f"({self.num(r.previous.total_scaled)} → {self.num(r.total_scaled)})", "cell")])
        section.append(self.table(rows, [_W * 0.35, _W * 0.65], header_rows=0))
        if r.band_narrative.get(self.lang):
            section.append(self.p(f"<b>{self.t('Nhận xét:')}</b> {self.x(r.band_narrative)}"))
        if r.method_note.get(self.lang):
            section.append(self.p(f"<b>{self.t('Lưu ý về cách tính:')}</b> {self.x(r.method_note)}"))
        return "KẾT QUẢ CHUNG", section

    def pillar_section(self):
        r = self.r
        out = []
        head = [self.p(self.t(h), "cell_h") for h in ("TT", "Lĩnh vực", "Điểm", "Tối đa", "Tỷ lệ", "Mục tiêu")]
        if r.previous is not None:
            head.append(self.p(self.t("Kỳ trước"), "cell_h"))
        rows = [head]
        for p in r.pillars:
            row = [self.p(p.number, "cell_c"), self.p(self.x(p.title), "cell"), self.p(self.num(p.points), "cell_r"),
                   self.p(self.num(p.max_points, 0), "cell_r"), self.p(fmt_percent(p.index, self.lang), "cell_r"),
                   self.p(fmt_percent(p.target_index, self.lang), "cell_r")]
            if r.previous is not None:
                row.append(self.p(fmt_percent(p.previous_index, self.lang), "cell_r"))
            rows.append(row)
        if r.previous is not None:
            widths = [10 * MM, _W - 10 * MM - 5 * 20 * MM] + [20 * MM] * 5
        else:
            widths = [10 * MM, _W - 10 * MM - 4 * 22 * MM] + [22 * MM] * 4
        out.append(self.table(rows, widths))
        names = [tr("Kết quả", self.lang), tr("Mục tiêu kế hoạch", self.lang)]
        if r.previous is not None:
            names.append(tr("Kỳ {period}", self.lang, period=r.previous.period))
        from reportlab.platypus import Spacer
        out += [Spacer(1, 6), pillar_chart(
            [f"{p.number}. {p.title.get(self.lang)}" for p in r.pillars], [p.number for p in r.pillars], [p.index for p in r.pillars], [p.target_index for p in r.pillars],
            [p.previous_index for p in r.pillars] if r.previous is not None else None, names, _W)]
        out.append(self.p(self.t("Biểu đồ: tỷ lệ điểm đạt được của từng lĩnh vực (%) so với mục tiêu kế hoạch."), "note"))
        return "KẾT QUẢ THEO TỪNG LĨNH VỰC", out

    def status_text(self, line: IndicatorLine) -> str:
        """Met / not met (against the target, else the maximum), or why there are no points; plain text."""
        if line.target_met is not None:
            return (MET if line.target_met else NOT_MET).get(self.lang)
        if line.status in (UNANSWERED, NOT_APPLICABLE):
            return STATUS_TEXT[line.status].get(self.lang)
        if line.status == SCORED and line.points is not None and line.max_points:
            return (MET if line.points >= line.max_points - 1e-9 else NOT_MET).get(self.lang)
        return ""

    def detail_section(self):
        body = []
        for pillar in self.r.pillars:
            body += self.indicator_table(pillar)
        return "KẾT QUẢ CHI TIẾT THEO CHỈ TIÊU", body

    def indicator_table(self, pillar) -> list:
        head = [self.p(self.t(h), "cell_h") for h in
                ("TT", "Chỉ tiêu", "Kết quả", "Điểm / tối đa", "Mục tiêu", "Còn thiếu", "Đánh giá")]
        rows = [head]
        widths = [11 * MM, 54 * MM, 30 * MM, 19 * MM, 17 * MM, 14 * MM]
        widths.append(_W - sum(widths))
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
            texts = [line.number, None, answer, points, line.target.get(self.lang),
                     self.num(line.gap) if line.gap else "", self.status_text(line)]
            styles = ["cell_c", "cell", "cell", "cell_r", "cell", "cell_r", "cell_c"]
            row = [self.cell(t, st, w) if t is not None else self.p(label, "cell")
                   for t, st, w in zip(texts, styles, widths)]
            rows.append(row)
        return [self.p(f"{pillar.number}. {self.x(pillar.title)} — {self.num(pillar.points)} / "
                       f"{self.num(pillar.max_points, 0)} {self.t('điểm')}", "h2"),
                self.table(rows, widths, aligns="CLLRLRC")]

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
        rows = [[self.p(self.t(h), "cell_h") for h in ("TT", "Chỉ tiêu", "Số, ký hiệu", "Ngày", "Trích yếu", "Tệp")]]
        for line in self.r.lines():
            for e in line.evidence:
                rows.append([self.p(line.number, "cell_c"), self.p(self.x(line.label), "cell"),
                             self.p(clean(e.number), "cell"), self.p(clean(fmt_date(e.date, self.lang)), "cell"),
                             self.p(clean(e.summary), "cell"), self.p(clean(e.file_name), "cell")])
        if len(rows) == 1:
            return "", []
        return "TÀI LIỆU KIỂM CHỨNG", [self.table(rows, [11 * MM, 40 * MM, 24 * MM, 19 * MM, 42 * MM, _W - 136 * MM])]

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

    def improvement_section(self):
        r = self.r
        if not r.improvements:
            return "", []
        rows = [[self.p(self.t(h), "cell_h") for h in ("TT", "Chỉ tiêu", "Lĩnh vực", "Điểm hiện tại", "Tổng điểm tăng tối đa")]]
        for i in r.improvements:
            rows.append([self.p(i.number, "cell_c"), self.p(self.x(i.label), "cell"), self.p(self.x(i.pillar), "cell"),
                         self.p(f"{self.num(i.points)} / {self.num(i.max_points)}", "cell_r"),
                         self.p("+" + self.num(i.gain_scaled), "cell_r")])
        return "ĐỀ XUẤT CẢI THIỆN", [
            self.p(self.t("Các chỉ tiêu sau, nếu đạt điểm tối đa, làm tăng tổng điểm nhiều nhất:")),
            self.table(rows, [11 * MM, 62 * MM, 40 * MM, 23 * MM, _W - 136 * MM])]

    def comparison_section(self):
        r = self.r
        if r.previous is None:
            return "", []
        rows = [[self.p(self.t(h), "cell_h") for h in ("TT", "Lĩnh vực")] +
                [self.p(self.t("Kỳ {period}", period=r.previous.period), "cell_h"),
                 self.p(self.t("Kỳ {period}", period=r.period), "cell_h"), self.p(self.t("Thay đổi"), "cell_h")]]
        for p in r.pillars:
            change = "" if p.index is None or p.previous_index is None else \
                ("+" if p.index >= p.previous_index else "") + fmt_percent(p.index - p.previous_index, self.lang)
            rows.append([self.p(p.number, "cell_c"), self.p(self.x(p.title), "cell"),
                         self.p(fmt_percent(p.previous_index, self.lang), "cell_r"),
                         self.p(fmt_percent(p.index, self.lang), "cell_r"), self.p(change, "cell_r")])
        prev_total = r.previous.total_scaled
        change = "" if prev_total is None or r.total_scaled is None else \
            ("+" if r.total_scaled >= prev_total else "") + self.num(r.total_scaled - prev_total)
        rows.append([self.p("", "cell"), self.p(f"<b>{self.t('Tổng điểm')}</b>", "cell"),
                     self.p(self.num(prev_total), "cell_r"), self.p(self.num(r.total_scaled), "cell_r"),
                     self.p(change, "cell_r")])
        return "SO SÁNH VỚI KỲ TRƯỚC", [self.table(rows, [11 * MM, _W - 11 * MM - 3 * 26 * MM] + [26 * MM] * 3)]

    def signatures(self) -> list:
        from reportlab.platypus import KeepTogether, Spacer

        from .signature_place import BOX_WIDTH, SignaturePlace
        r = self.r
        preparer = [self.p(self.t("NGƯỜI LẬP BÁO CÁO"), "sign_role"), self.p(self.t("(Ký, ghi rõ họ tên)"), "sign_hint"),
                    Spacer(1, 58), self.p(clean(r.respondent.name), "sign_name")]
        if r.respondent.position:
            preparer.append(self.p(clean(r.respondent.position), "sign_hint"))
        # the digital signature's box goes over the space left for the signature (signature_place)
        head = [self.p(self.t("THỦ TRƯỞNG CƠ QUAN"), "sign_role"),
                self.p(self.t("(Ký, ghi rõ họ tên, đóng dấu)"), "sign_hint"),
                SignaturePlace((_W * 0.5 - BOX_WIDTH) / 2 - 6), Spacer(1, 58)]
        recipients = [self.p(f"<i>{self.t('Nơi nhận:')}</i>", "recipients_head"),
                      self.p(self.t("- Sở Khoa học và Công nghệ tỉnh;"), "recipients"),
                      self.p(self.t("- Lưu: VT."), "recipients")]
        t = self.layout([[preparer, head], [recipients, ""]], [_W * 0.5, _W * 0.5], [("TOPPADDING", (0, 1), (-1, 1), 14)])
        return [Spacer(1, 14), KeepTogether([t])]


def render_pdf(report: ReportData, lang: str = "vi") -> bytes:
    """The report as PDF bytes: a pure function of `report` and `lang`."""
    return AssessmentReport(report, lang).render()
