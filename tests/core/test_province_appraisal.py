"""Appraisal (thẩm định) per indicator: self, appraised and final scores; rankings, comparison,
trend and publication on final scores; the log of every appraisal; a second reviewer's save on
an older sheet refused with who and when; bad input refused with nothing written; the CLI.

The sample framework (tests/core/exchange_samples.py): staff (no points), computers (ratio to
staff, 200), lan (yes/no, 200) in a pillar of 400; dvc_pct (ratio, 400), portal (yes/no, 200)
in a pillar of 600; total on 1000. The default answers score 150 + 200 + 240 + 0 = 590.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from egov_desktop.cli import main
from egov_desktop.errors import UserError
from egov_desktop.province import appraisal, importer, publish, ranking, review
from egov_desktop.province.appraisal import AppraisalConflict, AppraisalInput
from egov_desktop.province.store import open_store
from tests.core.exchange_samples import assessment, install_framework, report_pdf


def _import(store, folder, *datas):
    files = []
    for n, d in enumerate(datas):
        files.append(folder / f"{n}-{d.agency.code}-{d.period}-r{d.revision}.pdf")
        files[-1].write_bytes(report_pdf(d))
    report = importer.import_files(store, files)
    assert not report.of("refused"), report.of("refused")
    return [i.submission_id for i in report.items]


THREE = [AppraisalInput("portal", points=200, remark="Cổng có, đã kiểm tra"),
         AppraisalInput("computers", value="10", remark="Biên bản kiểm kê: 10 máy"),
         AppraisalInput("lan", remark="Đúng")]


def test_self_appraised_and_final_per_indicator_pillar_and_total(store, tmp_path):
    [sid] = _import(store, tmp_path, assessment("10000", "Xã A"))
    before = appraisal.sheet(store, sid)
    assert before.self_total_scaled == pytest.approx(590) == before.final_total_scaled
    assert before.appraised == 0 and before.appraised_total_scaled is None and before.version == 0
    after = appraisal.save(store, sid, THREE, "Trần Thẩm Định", before.version)
    portal, computers, lan = after.line("portal"), after.line("computers"), after.line("lan")
    assert (portal.self_points, portal.appraised_points, portal.final_points) == (0, 200, 200)
    assert (computers.self_points, computers.appraised_points, computers.final_points) == (150, 100, 100)
    assert (lan.self_points, lan.appraised_points, lan.final_points) == (200, None, 200)   # a remark only
    assert computers.answer == 15 and computers.appraisal.value == 10
    infra, online = after.pillars
    assert (infra.self_points, infra.appraised_points, infra.final_points) == (350, 300, 300)
    assert (online.self_points, online.final_points, online.appraised) == (240, pytest.approx(440), 1)
    # the engine scores the total again: (300 + 440) / 1000
    assert after.final_total_scaled == pytest.approx(740) and after.self_total_scaled == pytest.approx(590)
    assert after.appraised == 2 and after.version == 1 and after.saved_by == "Trần Thẩm Định"
    # kept: read again, and on the submission itself
    again = appraisal.sheet(store, sid)
    assert again.final_total_scaled == pytest.approx(740) and again.version == 1
    sub = review.get(store, sid)
    assert sub.total_scaled == pytest.approx(740) and sub.self_total_scaled == pytest.approx(590)
    assert appraisal.remarks(store, sid) == {"portal": "Cổng có, đã kiểm tra", "computers": "Biên bản kiểm kê: 10 máy",
                                             "lan": "Đúng"}


def test_rankings_comparison_trend_and_publication_use_final_scores(store, tmp_path):
    a, b = _import(store, tmp_path, assessment("10000", "Xã A", computers=15),      # 590
                   assessment("10001", "Xã B", computers=20, portal="no"))          # 640
    (tmp_path / "2024").mkdir()
    _import(store, tmp_path / "2024", assessment("10000", "Xã A", period="2024"))
    for sid in (a, b):
        review.accept(store, sid)
    assert [r.agency_name for r in ranking.rank(store, "xa-thu", "2025").rows] == ["Xã B", "Xã A"]
    appraisal.save(store, a, [AppraisalInput("portal", points=150)], "Trần Thẩm Định", 0)  # 590 + 150
    r = ranking.rank(store, "xa-thu", "2025")
    assert [(x.agency_name, x.value_scaled) for x in r.rows] == [("Xã A", pytest.approx(740)), ("Xã B", pytest.approx(640))]
    assert r.rows[0].pillars["dich_vu"] == pytest.approx(390 / 600)
    # relative ranking reads the final answers: an appraised value moves it
    appraisal.save(store, b, [AppraisalInput("dvc_pct", value="90")], "Trần Thẩm Định", 0)
    rel = ranking.rank(store, "xa-thu", "2025", method="relative")
    assert rel.rows[0].agency_name == "Xã B" and rel.rows[0].pillars["online"] == pytest.approx(1.0)
    portal = next(i for i in ranking.compare(store, "xa-thu", "2025").indicators if i.indicator_id == "portal")
    assert portal.best == ("Xã A",) and portal.best_share == pytest.approx(0.75)
    trend = ranking.trend(store, agency_code="10000")
    assert trend[-1].value == pytest.approx(0.74)
    csv_text = publish.ranking_csv(ranking.rank(store, "xa-thu", "2025"), "vi", "intl").decode("utf-8-sig")
    assert "740" in csv_text and "590" not in csv_text
    # the notice says its basis as it was: the agencies' own scores and the appraisal
    assert r.appraised == 1 and [x.appraised for x in r.rows] == [True, False]
    said = " ".join(_pdf_text(publish.ranking_pdf(ranking.rank(store, "xa-thu", "2025"), authority="Sở KH&CN")).split())
    assert "gửi về và kết quả thẩm định, Sở KH&CN thông báo" in said


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_every_appraisal_is_logged_with_who_and_when_and_a_change_keeps_the_old(store, tmp_path):
    [sid] = _import(store, tmp_path, assessment("10000", "Xã A"))
    appraisal.save(store, sid, [AppraisalInput("portal", points=200, remark="có")], "Người A", 0)
    appraisal.save(store, sid, [AppraisalInput("portal", points=100, remark="chỉ một phần")], "Người B", 1)
    appraisal.save(store, sid, [AppraisalInput("portal")], "Người A", 2)   # withdrawn
    entries = appraisal.log(store, sid)
    assert [(e.action, e.points, e.reviewer, e.version) for e in entries] == [
        ("set", 200, "Người A", 1), ("set", 100, "Người B", 2), ("cleared", None, "Người A", 3)]
    assert all(e.at for e in entries)
    assert appraisal.appraisals(store, sid) == {}
    assert appraisal.sheet(store, sid).final_total_scaled == pytest.approx(590)
    # the log is only ever added to, whatever program writes to the database
    with pytest.raises(Exception, match="only ever added to"):
        with store.engine.begin() as c:
            c.execute(text("UPDATE province_appraisal_log SET points = 0"))
    with pytest.raises(Exception, match="only ever added to"):
        with store.engine.begin() as c:
            c.execute(text("DELETE FROM province_appraisal_log"))
    assert len(appraisal.log(store, sid)) == 3


def test_a_save_on_an_older_sheet_is_refused_with_who_and_when_and_writes_nothing(store, tmp_path):
    [sid] = _import(store, tmp_path, assessment("10000", "Xã A"))
    first = appraisal.sheet(store, sid)      # two reviewers open the same submission
    second = appraisal.sheet(store, sid)
    appraisal.save(store, sid, [AppraisalInput("portal", points=200)], "Người A", first.version)
    with pytest.raises(AppraisalConflict) as e:
        appraisal.save(store, sid, [AppraisalInput("portal", points=50), AppraisalInput("lan", points=0)],
                       "Người B", second.version)
    assert e.value.reviewer == "Người A" and e.value.at
    assert "Người A" in e.value.message.vi and "tải lại" in e.value.message.vi
    assert re.search(r"lúc \d\d/\d\d/\d{4} \d\d:\d\d UTC", e.value.message.vi), e.value.message.vi
    assert {i: a.points for i, a in appraisal.appraisals(store, sid).items()} == {"portal": 200}
    assert appraisal.sheet(store, sid).version == 1 and len(appraisal.log(store, sid)) == 1


@pytest.mark.parametrize("typed, says", [
    (AppraisalInput("khong_co", points=1), "không có trong bộ tiêu chí"),
    (AppraisalInput("portal", points=250), "từ 0 đến 200"),
    (AppraisalInput("portal", points=-1), "từ 0 đến 200"),
    (AppraisalInput("portal", points=float("nan")), "từ 0 đến 200"),
    (AppraisalInput("staff", points=3), "không tính điểm"),
    (AppraisalInput("computers", value="mười"), "không hợp lệ"),
    (AppraisalInput("lan", value="có lẽ"), "không hợp lệ"),
    (AppraisalInput("portal", points=1, value="yes"), "không cả hai"),
])
def test_bad_input_is_a_clear_message_and_nothing_is_written(store, tmp_path, typed, says):
    [sid] = _import(store, tmp_path, assessment("10000", "Xã A"))
    with pytest.raises(UserError) as e:
        appraisal.save(store, sid, [AppraisalInput("lan", points=0), typed], "Người A", 0)
    assert says in e.value.message.vi and e.value.message.en
    assert appraisal.appraisals(store, sid) == {} and appraisal.sheet(store, sid).version == 0
    with pytest.raises(UserError) as e:
        appraisal.save(store, sid, [AppraisalInput("lan", points=0)], "  ", 0)
    assert "tên người thẩm định" in e.value.message.vi


def test_a_new_revision_keeps_only_the_unchanged_questions_appraisals_and_the_old_keeps_them(store, tmp_path):
    [old] = _import(store, tmp_path, assessment("10000", "Xã A"))
    appraisal.save(store, old, [AppraisalInput("portal", points=200, remark="có"),
                                AppraisalInput("computers", points=100, remark="thiếu biên bản")], "Người A", 0)
    review.return_for_correction(store, old, "Sửa số máy tính")
    with pytest.raises(UserError) as e:
        appraisal.save(store, old, [AppraisalInput("lan", points=0)], "Người A", 1)
    assert "trả lại" in e.value.message.vi
    (tmp_path / "r2").mkdir()
    [new] = _import(store, tmp_path / "r2", assessment("10000", "Xã A", revision=2, computers=18))
    fresh = appraisal.sheet(store, new)
    # computers was changed (18): unappraised, the old appraisal beside it; the portal left as it was keeps 200
    assert fresh.appraised == 1 and appraisal.remarks(store, new) == {"portal": "có"}
    assert fresh.line("computers").appraisal is None and fresh.line("computers").previous.points == 100
    assert fresh.self_total_scaled == pytest.approx(620) and fresh.final_total_scaled == pytest.approx(820)
    assert appraisal.remarks(store, old) == {"portal": "có", "computers": "thiếu biên bản"}
    assert len(appraisal.log(store, old)) == 2
    with pytest.raises(UserError) as e:
        appraisal.save(store, old, [AppraisalInput("lan", points=0)], "Người A", 1)
    assert "lần sửa đổi mới hơn" in e.value.message.vi


def test_cli_appraise_and_the_appraisal_table(store, tmp_path, capsys):
    [sid] = _import(store, tmp_path, assessment("10000", "Xã A"))
    assert main(["appraise", str(sid), "portal", "--points", "200", "--remark", "Đã kiểm tra cổng",
                 "--reviewer", "Trần Thẩm Định"]) == 0
    assert main(["appraise", str(sid), "computers", "--value", "10", "--reviewer", "Trần Thẩm Định"]) == 0
    out = capsys.readouterr().out
    assert "portal: tự đánh giá 0, thẩm định 200, cuối cùng 200 / 200" in out
    assert main(["appraisal", str(sid), "--log"]) == 0
    out = capsys.readouterr().out
    assert "Tự đánh giá" in out and "Thẩm định" in out and "Cuối cùng" in out
    total = next(line for line in out.splitlines() if line.startswith("Tổng điểm"))
    assert total.split()[-4:] == ["590", "740", "740", "1.000"]
    assert "Đã kiểm tra cổng (Trần Thẩm Định" in out and "điểm 200" in out and "giá trị 10" in out
    for argv, says in ((["appraise", str(sid), "khong_co", "--points", "1"], "không có trong bộ tiêu chí"),
                       (["appraise", str(sid), "portal", "--points", "201"], "từ 0 đến 200"),
                       (["appraise", str(sid), "portal", "--points", "-5"], "từ 0 đến 200"),
                       (["appraise", str(sid), "portal", "--points", "nhiều"], "phải là một số"),
                       (["appraise", "999", "portal", "--points", "1"], "Không có hồ sơ số 999")):
        assert main([*argv, "--reviewer", "Trần Thẩm Định"]) == 2
        err = capsys.readouterr().err
        assert says in err and "Traceback" not in err
    assert appraisal.sheet(store, sid).final_total_scaled == pytest.approx(740)


def race(url: str, tmp_path) -> None:
    """Two reviewers, two programs on one store: on different submissions both save at once; on
    the same sheet at the same moment exactly one save is kept, the other is told who saved."""
    import threading

    from tests.core.exchange_samples import assessment as sample

    first, second = open_store(url), open_store(url)
    try:
        a, b = _import(first, tmp_path, sample("30000", "Xã Một"), sample("30001", "Xã Hai"))
        start = threading.Barrier(2)
        outcomes: dict[str, object] = {}

        def reviewer(store, name, sid, rounds):
            start.wait()
            try:
                for n in range(rounds):
                    version = appraisal.sheet(store, sid).version
                    appraisal.save(store, sid, [AppraisalInput("portal", points=n % 200, remark=f"{name} {n}")],
                                   name, version)
                outcomes[name] = "saved"
            except Exception as e:  # noqa: BLE001 - the test reads what each reviewer got
                outcomes[name] = e

        threads = [threading.Thread(target=reviewer, args=(first, "Người A", a, 15)),
                   threading.Thread(target=reviewer, args=(second, "Người B", b, 15))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert outcomes == {"Người A": "saved", "Người B": "saved"}
        assert len(appraisal.log(first, a)) == 15 == len(appraisal.log(second, b))
        # the same submission, the same sheet, saved at once
        version = appraisal.sheet(first, a).version
        start = threading.Barrier(2)
        outcomes.clear()

        def once(store, name, points):
            start.wait()
            try:
                appraisal.save(store, a, [AppraisalInput("lan", points=points, remark=name)], name, version)
                outcomes[name] = "saved"
            except Exception as e:  # noqa: BLE001
                outcomes[name] = e

        threads = [threading.Thread(target=once, args=(first, "Người A", 100)),
                   threading.Thread(target=once, args=(second, "Người B", 50))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        saved = [n for n, o in outcomes.items() if o == "saved"]
        refused = [o for o in outcomes.values() if o != "saved"]
        assert len(saved) == 1 and len(refused) == 1, outcomes
        assert isinstance(refused[0], AppraisalConflict) and refused[0].reviewer == saved[0]
        kept = appraisal.appraisals(first, a)["lan"]
        assert kept.remark == saved[0] and appraisal.sheet(second, a).version == version + 1
    finally:
        first.close()
        second.close()


def test_two_reviewers_at_once_on_sqlite(tmp_path):
    from egov_desktop.province.store import default_url

    install_framework()
    race(default_url(), tmp_path)


def test_migration_p0005_keeps_earlier_submissions_with_their_total_as_the_self_score(store, tmp_path):
    from alembic import command

    from egov_desktop.province.store import _alembic_config

    [sid] = _import(store, tmp_path, assessment("10000", "Xã A"))
    with store.engine.begin() as c:
        command.downgrade(_alembic_config(c), "p0004")   # as a store made before appraisal
    with store.engine.begin() as c:
        command.upgrade(_alembic_config(c), "head")
    sub = review.get(store, sid)
    assert sub.self_total_scaled == pytest.approx(590) == sub.total_scaled and sub.appraisal_version == 0
    assert appraisal.save(store, sid, [AppraisalInput("portal", points=200)], "Người A", 0).final_total_scaled \
        == pytest.approx(790)


def test_relative_ranking_of_rows_read_from_their_file_still_takes_the_appraised_answers(store, tmp_path):
    """A row stored before the relative answers were kept (or under another framework version) is
    read from its file: the appraised answer still replaces the agency's."""
    from sqlalchemy import update

    from egov_desktop.province.models import SubmissionRow

    a, b = _import(store, tmp_path, assessment("10000", "Xã A", dvc=60), assessment("10001", "Xã B", dvc=80))
    appraisal.save(store, a, [AppraisalInput("dvc_pct", value="95"), AppraisalInput("lan", points=0)], "Người A", 0)
    with store.write() as s:
        s.execute(update(SubmissionRow).values(relative_answers=None))
    rel = ranking.rank(store, "xa-thu", "2025", method="relative", include_pending=True)
    assert rel.rows[0].agency_name == "Xã A" and rel.rows[0].pillars["online"] == pytest.approx(1.0)


def test_a_question_the_agency_s_answers_skip_cannot_be_appraised(store, tmp_path):
    import copy
    from scoring.record import replace

    from egov_desktop.exchange import assessment_file
    from tests.core.exchange_samples import FRAMEWORK

    fw_data = copy.deepcopy(FRAMEWORK)
    fw_data["id"] = "xa-thu-an"
    fw_data["pillars"][1]["indicators"][1]["relevant"] = "${lan} = 'yes'"   # the portal, asked only with a LAN
    data = assessment("10000", "Xã A", lan="no", framework=install_framework(fw_data))
    data = replace(data, answers={k: v for k, v in data.answers.items() if k != "portal"})
    data = replace(data, content_hash=assessment_file.compute_hash(assessment_file.to_payload(data)))
    [sid] = _import(store, tmp_path, data)
    with pytest.raises(UserError) as e:
        appraisal.save(store, sid, [AppraisalInput("portal", points=200)], "Người A", 0)
    assert "bị bỏ qua" in e.value.message.vi and e.value.where == "portal"
    # its remark alone is kept; the question that decides it can be appraised
    sheet = appraisal.save(store, sid, [AppraisalInput("portal", remark="Cổng có nhưng không khai"),
                                        AppraisalInput("lan", value="Có")], "Người A", 0)
    assert sheet.line("lan").final_points == 200 and appraisal.remarks(store, sid)["portal"]
    # with LAN appraised "yes" the portal question applies: now its points count
    sheet = appraisal.save(store, sid, [AppraisalInput("portal", points=150)], "Người A", sheet.version)
    assert sheet.line("portal").final_points == 150
