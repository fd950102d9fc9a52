"""The example assessments: each scores through the command line without errors; the DTI
example reproduces Đà Nẵng's published DTI 2022; the commune total is checked by hand."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from egov_desktop.cli import main
from egov_desktop.exchange import assessment_file
from egov_desktop.frameworks import registry
from scoring import score, validate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FRAMEWORKS = ("xa-2025", "so-nganh-2025", "huyen-2020", "dti-tinh-2022", "xa-un-egdi-2022", "xa-un-egdi-2024", "xa-dti-2025", "so-nganh-dti-2025")


def run_score(path: Path, capsys) -> tuple[int, dict]:
    code = main(["score", str(path), "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_one_example_per_builtin_framework():
    builtin = {i.id for i in registry.list() if i.builtin}
    assert {p.name.removesuffix(".egov.json") for p in EXAMPLES.glob("*.egov.json")} == builtin


@pytest.mark.parametrize("fid", FRAMEWORKS)
def test_example_scores_without_errors(fid, capsys):
    code, out = run_score(EXAMPLES / f"{fid}.egov.json", capsys)
    assert code == 0
    assert out["framework"]["id"] == fid
    assert not [p for p in out["problems"] if p["level"] == "error"]
    assert out["completeness"] == 1.0
    assert out["band"]


@pytest.mark.parametrize("fid", FRAMEWORKS)
def test_example_matches_the_framework_it_names(fid):
    data = assessment_file.read(EXAMPLES / f"{fid}.egov.json")
    fw = registry.get(fid)
    assert (data.framework_id, data.framework_version, data.framework_hash) == (fw.id, fw.version, fw.content_hash)
    assert set(data.answers) <= set(fw.indicators)
    assert not validate(fw, data.engine_answers(), data.evidence_counts())


def test_dti_example_reproduces_da_nang_2022(capsys):
    code, out = run_score(EXAMPLES / "dti-tinh-2022.egov.json", capsys)
    assert code == 0
    assert out["total"] == pytest.approx(0.8002, abs=1e-4)
    assert out["points"] == pytest.approx(800.175, abs=1e-6)
    main(["score", str(EXAMPLES / "dti-tinh-2022.egov.json")])
    assert "0,8002" in capsys.readouterr().out  # written the Vietnamese way, as in the GUI


def test_commune_example_total_by_hand():
    data = assessment_file.read(EXAMPLES / "xa-2025.egov.json")
    assert data.agency.code == "18880" and data.agency.parent_code == "44"
    result = score(registry.get("xa-2025"), data.engine_answers())
    # Hạ tầng: 36/38 computers per staff ≥ 0.8 → 40; LAN 25; Internet 25; 80/100 Mbps × 20 = 16;
    # data network 30; video point 30; 9 meetings → step 6 = 20.
    ha_tang = 40 + 25 + 25 + 16 + 30 + 30 + 20
    # Nội bộ: QLVB 20; 1054/1240 signed × 40; 70/75 × 50; 35/38 e-mail × 20; 5 of 7 shared systems × 30;
    # 12/38 signatures × 20; organisation signature 20.
    ung_dung = 20 + 1054 / 1240 * 40 + 70 / 75 * 50 + 35 / 38 * 20 + 5 / 7 * 30 + 12 / 38 * 20 + 20
    # Dịch vụ công: 48/120 full × 40; 100/120 online × 30; 3190/5230 dossiers × 60; one-stop 20 + 30;
    # digitised 35 % (in proportion up to 100 %) → 10.5; postal 10; website incomplete 15.
    dvc = 48 / 120 * 40 + 100 / 120 * 30 + 3190 / 5230 * 60 + 20 + 30 + 35 / 100 * 30 + 10 + 15
    # Nhân lực: part-time officer 10 (half); qualified 15; no security training 0; 30/38 trained × 40.
    nhan_luc = 10 + 15 + 0 + 30 / 38 * 40
    # An toàn: systems classified "not applicable" → excluded, pillar rescaled from 120 to 150:
    # antivirus licensed per machine 20 (not centrally managed: Directive 14/CT-TTg 2019, four-layer
    # model); weekly backups 20; 1 of 1 incident resolved 20; rules 30.
    an_toan = (20 + 20 + 20 + 30) / 120 * 150
    # Kế hoạch: plan 20; last year's plan "not applicable" counts zero; budget 10 + 120/150 × 10;
    # 2 meetings → 10; chairman heads the committee 20.
    ke_hoach = 20 + 0 + (10 + 120 / 150 * 10) + 10 + 20
    expected = (ha_tang + ung_dung + dvc + nhan_luc + an_toan + ke_hoach) / 1000
    assert result.total == pytest.approx(expected, abs=1e-9)
    assert round(expected, 4) == 0.7530
    assert result.pillar("an_toan").max_points == 150 and result.indicators["systems_classified"].max_points == 0
    assert result.indicators["previous_plan_done"].points == 0 and result.indicators["previous_plan_done"].max_points == 20
    assert result.band.label.vi == "Khá"


def test_make_examples_is_deterministic(tmp_path, monkeypatch):
    import importlib.util
    spec = importlib.util.spec_from_file_location("make_examples", EXAMPLES / "make_examples.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, "HERE", tmp_path)
    for written in mod.main():
        assert written.read_bytes() == (EXAMPLES / written.name).read_bytes(), written.name
