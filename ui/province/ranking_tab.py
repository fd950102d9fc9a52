"""Ranking of the chosen framework and period, within a group, by absolute score or by the
relative (UN-style) method: competition ranks, rank change, pillar columns; published as PDF,
Excel or CSV in the background."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from egov_desktop.i18n import language, pick, tr
from egov_desktop.labels import status_name

from .. import settings as ui_settings
from .. import style
from ..formatting import fmt_number
from .models import Column, RowsModel, selected_row, table_view

UP, DOWN = QColor("#1e7b34"), QColor("#b03a2e")
FORMATS = {"pdf": ("PDF", "*.pdf"), "xlsx": ("Excel", "*.xlsx"), "csv": ("CSV", "*.csv")}


def change_text(change: int | None) -> str:
    if change is None:
        return ""
    return f"▲ {change}" if change > 0 else f"▼ {-change}" if change < 0 else "="


def part_titles(framework_id: str, version: str, part_ids) -> dict[str, str]:
    """Pillar (or relative component) titles in the current language."""
    from egov_desktop.frameworks import registry

    try:
        fw = registry.get(framework_id, version)
    except KeyError:
        return {p: p for p in part_ids}
    titles = {p.id: pick(p.title) for p in fw.pillars}
    if fw.relative:
        titles.update({c.id: pick(c.label) for c in fw.relative.components})
    return {p: titles.get(p, p) for p in part_ids}


def previous_rank_text(a) -> str:
    if a.previous_rank is None:
        return "*" if a.predecessors else ""
    return f"{a.previous_rank} *" if a.predecessors else str(a.previous_rank)


def predecessors_text(a) -> str:
    """What the previous rank of a unit formed on 1 July 2025 is made of, in words."""
    from egov_desktop.province.reform import describe
    return describe(a.predecessors) if a.predecessors else ""


def columns(r=None) -> list[Column]:
    absolute = r is None or r.method == "absolute"
    out = [
        Column(tr("Hạng"), lambda a: "" if a.rank is None else str(a.rank), lambda a: a.rank, right=True),
        # a submission not yet accepted (ranked on request) is marked by its status beside its name
        Column(tr("Cơ quan, đơn vị"), lambda a: a.agency_name if a.status == "accepted"
               else f"{a.agency_name} ({pick(status_name(a.status)).lower()})"),
        Column(tr("Thuộc"), lambda a: a.group_name or a.group_code),
        Column(tr("Điểm") if absolute else tr("Chỉ số tương đối"),
               lambda a: fmt_number(a.value_scaled, 2 if absolute else 4), lambda a: a.value, right=True),
    ]
    if absolute:
        out.append(Column(tr("Xếp loại"), lambda a: a.band_en if language() == "en" and a.band_en else a.band_vi))
    out += [
        # a unit formed on 1 July 2025: its previous rank is that of its predecessors' mean (marked *)
        Column(tr("Hạng kỳ trước"), previous_rank_text, lambda a: a.previous_rank, right=True,
               tip=lambda a: predecessors_text(a) or None),
        Column(tr("Thay đổi"), lambda a: change_text(a.change), lambda a: a.change, right=True),
    ]
    if r is not None:
        for pid, title in part_titles(r.framework_id, r.framework_version, r.pillar_ids).items():
            out.append(Column(f"{title} (%)", lambda a, p=pid: fmt_number(None if a.pillars[p] is None else a.pillars[p] * 100, 1),
                              lambda a, p=pid: a.pillars[p], right=True,
                              tip=lambda a, p=pid: tr("Hạng theo nhóm tiêu chí: {rank}", rank=a.pillar_ranks[p] or "—")))
    return out


def reform_note() -> str:
    from egov_desktop.province.reform import rank_note
    return rank_note() + " " + tr("Chọn một dòng để xem từng đơn vị.")


class ChangeColoredModel(RowsModel):
    """Rank change in green (up) or red (down)."""

    def data(self, index, role=Qt.DisplayRole):
        if role == Qt.ForegroundRole and index.isValid() and self.columns[index.column()].header == tr("Thay đổi"):
            change = self.rows[index.row()].change
            return UP if change and change > 0 else DOWN if change and change < 0 else None
        return super().data(index, role)


class RankingTab(QWidget):
    ranked = Signal(object)      # the Ranking
    published = Signal(str)      # the file written

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.result = None
        self.group = QComboBox()
        self.method = QComboBox()
        self.method.addItem(tr("Điểm tuyệt đối"), "absolute")
        self.method.addItem(tr("Chỉ số tương đối trong nhóm (kiểu Liên Hợp Quốc)"), "relative")
        self.pending = style.CheckBox(tr("Gồm cả hồ sơ chờ duyệt"))
        self.pending.setToolTip(tr("Mặc định chỉ xếp hạng hồ sơ đã chấp nhận; hồ sơ trả lại để sửa không bao giờ được xếp hạng"))
        self.rank_button = QPushButton(tr("Xếp hạng"))
        self.rank_button.clicked.connect(self.run)
        self.publish_buttons: dict[str, QPushButton] = {}
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = ChangeColoredModel(columns(), self)
        self.table, self.proxy = table_view(self.model, name_column=1)
        # the chosen unit's predecessors before 1 July 2025, in words (the * of "Hạng kỳ trước")
        self.details = QLabel()
        style.hint(self.details)
        self.details.setWordWrap(True)
        self.details.hide()
        self.table.selectionModel().selectionChanged.connect(self._show_details)
        choose = QHBoxLayout()
        choose.addWidget(QLabel(tr("Nhóm:")))
        choose.addWidget(self.group, 1)
        choose.addWidget(QLabel(tr("Phương pháp:")))
        choose.addWidget(self.method)
        choose.addWidget(self.rank_button)
        # a second row: the choices and the publishing buttons do not fit one line at 1024 px
        publishing = QHBoxLayout()
        publishing.addWidget(self.pending)
        publishing.addStretch(1)
        publishing.addWidget(QLabel(tr("Công bố:")))
        for kind, (label, _) in FORMATS.items():
            b = QPushButton(label + "…")
            b.setToolTip(tr("Lưu bảng xếp hạng ra tệp {kind}", kind=label))
            b.clicked.connect(lambda _=False, k=kind: self.publish(k))
            b.setEnabled(False)
            self.publish_buttons[kind] = b
            publishing.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addLayout(publishing)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)

    def selection_changed(self) -> None:
        keep = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(tr("Tất cả cơ quan của bộ tiêu chí"), "")
        for g in self.page.groups():
            self.group.addItem(g, g)
        i = self.group.findData(keep)
        self.group.setCurrentIndex(max(i, 0))
        self.group.blockSignals(False)
        self.show_ranking(None)

    def run(self) -> None:
        from egov_desktop.province import ranking

        store, fid, period = self.page.store, self.page.framework_id(), self.page.period_id()
        if not fid or not period:
            self.page.show_error(tr("Chưa có hồ sơ để xếp hạng: hãy nhập báo cáo trước"))
            return
        group, method, pending = self.group.currentData() or None, self.method.currentData(), self.pending.isChecked()
        self.page.background(lambda: ranking.rank(store, fid, period, group, method, include_pending=pending),
                             self._ranked)

    def _ranked(self, r) -> None:
        self.show_ranking(r)
        self.ranked.emit(r)

    def show_ranking(self, r) -> None:
        self.result = r
        self.model.set_rows(r.rows if r else [], columns(r))
        self.table.sortByColumn(0, Qt.AscendingOrder)
        for b in self.publish_buttons.values():
            b.setEnabled(r is not None and bool(r.rows))
        if r is None:
            self.summary.setText(tr("Chọn nhóm và phương pháp rồi bấm «Xếp hạng»."))
            return
        prev = tr("so với kỳ {p}", p=r.previous_period) if r.previous_period else tr("chưa có kỳ trước để so sánh")
        from egov_desktop.province.publish import ranking_note
        note = ranking_note(r, language())  # relative: why the index holds only within its group
        waiting, returned = r.left_out.get("received", 0), r.left_out.get("returned", 0)
        left = (tr("Không xếp hạng: {w} hồ sơ chờ duyệt, {r} hồ sơ trả lại để sửa.", w=waiting, r=returned)
                if waiting or returned else "")
        if any(a.predecessors for a in r.rows):
            note = (note + "\n" if note else "") + reform_note()
        self.summary.setText(tr("{n} cơ quan, đơn vị; hạng đồng hạng được xếp như nhau (1, 2, 2, 4); thay đổi hạng {prev}.",
                                n=len(r.rows), prev=prev) + (f" {left}" if left else "") + (f"\n{note}" if note else ""))
        self._show_details()

    def _show_details(self, *_args) -> None:
        a = selected_row(self.table)
        text = f"{a.agency_name}: {predecessors_text(a)}" if a is not None and a.predecessors else ""
        self.details.setText(text)
        self.details.setVisible(bool(text))

    def publish(self, kind: str) -> None:
        from egov_desktop.province import publish
        from egov_desktop.reports.names import report_file_name

        r = self.result
        if r is None:
            return
        label, pattern = FORMATS[kind]
        name = report_file_name("xep-hang", r.period, r.framework_id, "." + kind)
        filters = [f"{label} ({pattern})"]
        if kind == "csv":   # the separators: a Vietnamese Excel reads ";" and ","; others "," and "."
            filters = [tr("CSV cho Excel tiếng Việt (dấu ; và thập phân ,) (*.csv)"),
                       tr("CSV quốc tế (dấu , và thập phân .) (*.csv)")]
        path, chosen = QFileDialog.getSaveFileName(self, tr("Công bố bảng xếp hạng"),
                                                   str(Path(ui_settings.last_folder("province-publish")) / name),
                                                   ";;".join(filters))
        convention = "intl" if kind == "csv" and chosen == filters[-1] else "vi"
        if not path:
            return
        if not path.lower().endswith("." + kind):
            path += "." + kind
        ui_settings.remember_folder("province-publish", path)
        lang, authority = language(), self.page.authority.text().strip()

        def work(ctx):
            ctx.progress(0, 0, tr("Đang lập {path}…", path=Path(path).name))
            if kind == "pdf":
                data = publish.ranking_pdf(r, lang, authority)
            elif kind == "xlsx":
                data = publish.ranking_xlsx(r, lang)
            else:
                data = publish.ranking_csv(r, lang, convention)
            return str(publish.write(path, data))

        self.page.with_progress(tr("Đang công bố bảng xếp hạng…"), work, self._published)

    def _published(self, path: str) -> None:
        self.page.say(tr("Đã lưu {path}", path=path))
        self.published.emit(path)
