"""The life of a framework: exported to Excel to start next year's set, installed on every PC,
removed; its content fixed by its id and version, so nothing already assessed or ranked
changes when a file is edited (issue 12)."""
from __future__ import annotations

import copy
import json

import pytest

from egov_desktop.cli import main
from egov_desktop.errors import UserError
from egov_desktop.exchange import assessment_file
from egov_desktop.frameworks import library, load_framework_file, registry
from egov_desktop.province import importer, ranking
from egov_desktop.province.store import open_store
from tests.core.exchange_samples import FRAMEWORK, assessment, install_framework

BUILTIN = ("xa-2025", "so-nganh-2025", "huyen-2020", "dti-tinh-2022", "xa-dti-2025", "so-nganh-dti-2025")


@pytest.mark.parametrize("fid", BUILTIN)
@pytest.mark.parametrize("suffix", [".xlsx", ".yaml"])
def test_export_then_install_keeps_the_content_hash(fid, suffix, tmp_path, capsys):
    out = tmp_path / f"{fid}{suffix}"
    assert main(["frameworks", "export", fid, "-o", str(out)]) == 0
    original = registry.get(fid)
    assert load_framework_file(out).content_hash == original.content_hash
    assert main(["frameworks", "install", str(out)]) == 0  # the same content: nothing to do
    assert "cùng nội dung" in capsys.readouterr().out


def _yaml(tmp_path, data, name="khung.yaml"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_other_content_under_the_same_version_is_refused_until_the_version_is_bumped(tmp_path):
    fw = copy.deepcopy(FRAMEWORK)
    first = library.install(_yaml(tmp_path, fw))
    assert first.outcome == "installed" and first.path.name == "xa-thu@2025.1.yaml"
    fw["relative"]["components"][0]["weight"] = 3
    with pytest.raises(UserError) as e:
        library.install(_yaml(tmp_path, fw, "sua.yaml"))
    assert "phiên bản mới" in e.value.message.vi
    fw["version"] = "2026.1"
    second = library.install(_yaml(tmp_path, fw, "sua.yaml"))
    assert second.outcome == "installed"
    assert {(i.id, i.version) for i in registry.list() if i.id == "xa-thu"} == {("xa-thu", "2025.1"), ("xa-thu", "2026.1")}
    assert library.resolve("xa-thu").version == "2026.1"
    assert library.resolve("xa-thu@2025.1").relative.components[0].weight == 1


def test_a_framework_is_named_by_id_id_at_version_or_file_and_not_found_says_where(tmp_path):
    path = _yaml(tmp_path, FRAMEWORK, "egdi.yaml")
    assert library.resolve(str(path)).id == "xa-thu"
    with pytest.raises(UserError) as e:
        library.resolve("khong-co")
    assert "frameworks install" in e.value.message.vi and "frameworks" in e.value.message.en
    install_framework()
    with pytest.raises(UserError) as e:
        library.resolve("xa-thu@9")
    assert "xa-thu@2025.1" in e.value.message.vi


def test_import_table_takes_a_framework_file_and_installs_it(tmp_path, capsys):
    path = _yaml(tmp_path, FRAMEWORK, "egdi.yaml")
    table = tmp_path / "bang.csv"
    table.write_text("Mã,Tên cơ quan,staff,computers,lan,dvc_pct,portal\n"
                     "19723,Phường Đồng Hới,20,15,yes,60,no\n", encoding="utf-8")
    code = main(["import-table", str(table), "--framework", str(path), "--period", "2025"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Đã cài xa-thu@2025.1" in err and "Bộ tiêu chí: xa-thu@2025.1" in err
    assert registry.get("xa-thu", "2025.1")


def test_remove_refuses_builtins_and_frameworks_in_use(tmp_path, capsys):
    library.install(_yaml(tmp_path, FRAMEWORK))
    assert main(["frameworks", "remove", "xa-2025@2025.1"]) == 2
    assert "có sẵn" in capsys.readouterr().err
    assert main(["assessment", "new", "--framework", "xa-thu@2025.1", "--period", "2025", "--agency", "Xã A"]) == 0
    assert main(["frameworks", "remove", "xa-thu@2025.1"]) == 2
    assert "1 bản đánh giá" in capsys.readouterr().err
    assert main(["assessment", "new", "--framework", "xa-2025", "--period", "2025", "--agency", "Xã B"]) == 0
    fw = copy.deepcopy(FRAMEWORK)
    fw["version"] = "3"
    library.install(_yaml(tmp_path, fw, "v3.yaml"))
    assert main(["frameworks", "remove", "xa-thu@3"]) == 0
    assert [i.version for i in registry.list() if i.id == "xa-thu"] == ["2025.1"]


def _import(store, tmp_path, n=4):
    files = []
    for i in range(n):
        p = tmp_path / f"{i}.egov.json"
        p.write_bytes(assessment_file.dumps(assessment(f"3{i:04d}", f"Xã {i}", computers=i * 3, dvc=10 + i)))
        files.append(p)
    assert importer.import_files(store, files).counts()["imported"] == n


def test_a_version_edited_in_place_never_reranks_what_was_imported(tmp_path):
    install_framework()
    store = open_store()
    try:
        _import(store, tmp_path)
        before = [(a.agency_code, a.value) for a in ranking.rank(store, "xa-thu", "2025", method="relative", include_pending=True).rows]
        edited = copy.deepcopy(FRAMEWORK)
        edited["relative"]["components"][0]["weight"] = 5  # same id and version, other weights
        install_path = next(p for p, _ in registry.paths() if p.name.startswith("xa-thu"))
        install_path.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
        registry.forget()
        with pytest.raises(UserError) as e:
            ranking.rank(store, "xa-thu", "2025", method="relative", include_pending=True)
        assert "nội dung khác" in e.value.message.vi
        # bumped in place: the version the submissions were made with is named, and what is there
        edited["version"] = "2"
        install_path.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
        registry.forget()
        with pytest.raises(UserError) as e:
            ranking.rank(store, "xa-thu", "2025", method="relative", include_pending=True)
        assert "xa-thu@2025.1" in e.value.message.vi and "xa-thu@2" in e.value.message.vi
        # the original file back: the same ranking as before
        install_framework()
        registry.forget()
        assert [(a.agency_code, a.value) for a in ranking.rank(store, "xa-thu", "2025", method="relative", include_pending=True).rows] == before
    finally:
        store.close()


def test_a_second_file_with_other_content_under_an_installed_version_is_skipped_and_named(tmp_path, capsys):
    install_framework()
    other = copy.deepcopy(FRAMEWORK)
    other["title"] = "Khác"
    (library.user_folder() / "zz-copy.yaml").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    assert [i.title_vi for i in registry.list() if i.id == "xa-thu"] == [FRAMEWORK["title"]["vi"]]
    assert main(["frameworks", "list"]) == 0
    assert "zz-copy.yaml" in capsys.readouterr().err


def test_a_yaml_flow_mapping_with_an_unquoted_comma_is_caught():
    """`{vi: Tổng số cán bộ, công chức}` makes "công chức" a second key: the label was cut short."""
    from egov_desktop.frameworks import load_framework_text
    from scoring import FrameworkError

    text = ("id: t\nversion: '1'\ntitle: T\npillars:\n- id: p\n  title: P\n  indicators:\n"
            "  - {id: a, type: integer, label: {vi: Tổng số cán bộ, công chức, en: Staff}}\n")
    with pytest.raises(FrameworkError) as e:
        load_framework_text(text, "t.yaml")
    assert "công chức" in e.value.describe("vi")


def test_earlier_builtin_versions_stay_to_read_old_files_and_new_work_uses_the_newest():
    """Built-in sets whose content changed carry a new version; the earlier one ships unchanged,
    so an assessment file made with it still opens, scores and imports."""
    versions = sorted(i.version for i in registry.list() if i.id == "xa-2025")
    assert versions == ["2025.1", "2025.2"]
    assert [i.version for i in registry.current() if i.id == "xa-2025"] == ["2025.2"]
    old = registry.get("xa-2025", "2025.1")
    # the hash files made with 2025.1 carry (the hash of the file's data, as stamped then)
    assert old.has_hash("f071e50bea8e52082cc1dd64e39768b2d144f26914e8e347320ba272a652a7e8")
    assert registry.by_hash("f071e50bea8e52082cc1dd64e39768b2d144f26914e8e347320ba272a652a7e8") is old


def _province_key():
    from egov_desktop.exchange.signing import create_key
    return create_key("SKHCN-44", "Sở Khoa học và Công nghệ tỉnh Quảng Trị")


@pytest.mark.parametrize("suffix", [".yaml", ".xlsx"])
def test_a_province_signs_the_file_and_the_commune_sees_who_issued_it(suffix, tmp_path, capsys):
    """The province signs next year's set; a commune installing it sees the issuer; a file
    changed after signing is refused; an unsigned file installs with a warning (issue 12)."""
    import shutil

    from egov_desktop.frameworks import issuer

    public = _province_key()
    src = _yaml(tmp_path, {**FRAMEWORK, "version": "2026.1"})
    signed = tmp_path / f"bo-2026{suffix}"
    assert main(["frameworks", "sign", str(src), "-o", str(signed)]) == 0
    assert "Sở Khoa học và Công nghệ tỉnh Quảng Trị" in capsys.readouterr().out
    fw = library.resolve(str(signed))
    assert fw.content_hash == library.resolve(str(src)).content_hash  # the signature is not content
    got = issuer.check(fw)
    assert got.state == issuer.SIGNED and got.key_id == public.key_id  # valid, key not yet trusted
    # the province's public key given to the commune: the issuer is verified
    issuer.trusted_keys_dir().mkdir(parents=True, exist_ok=True)
    shutil.copy(library.data_dir() / "keys" / "agency-public.egov-key.json",
                issuer.trusted_keys_dir() / "so-quang-tri.json")
    assert issuer.check(fw).state == issuer.VERIFIED
    assert main(["frameworks", "install", str(signed)]) == 0
    assert "Ban hành bởi: Sở Khoa học và Công nghệ tỉnh Quảng Trị" in capsys.readouterr().out
    [info] = [i for i in registry.list() if i.id == "xa-thu"]
    assert (info.issuer_name, info.issuer_state) == ("Sở Khoa học và Công nghệ tỉnh Quảng Trị", "verified")


def test_a_signed_framework_changed_afterwards_is_refused(tmp_path, capsys):
    import yaml

    _province_key()
    src = _yaml(tmp_path, {**FRAMEWORK, "version": "2026.1"})
    signed = tmp_path / "bo-2026.yaml"
    library.sign(src, signed)
    data = yaml.safe_load(signed.read_text(encoding="utf-8"))
    data["pillars"][0]["indicators"][1]["scoring"]["max_points"] = 300  # a weight changed after signing
    signed.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["frameworks", "install", str(signed)]) == 2
    assert "đã bị sửa sau khi ký" in capsys.readouterr().err
    assert not any(i.id == "xa-thu" for i in registry.list())


def test_an_unsigned_file_installs_with_a_warning(tmp_path, capsys):
    assert main(["frameworks", "install", str(_yaml(tmp_path, FRAMEWORK))]) == 0
    assert "không có chữ ký số của cơ quan ban hành" in capsys.readouterr().err


def test_with_two_versions_installed_the_same_table_imports_without_conflict(tmp_path, capsys):
    """Version 2 installed beside version 1: the table imported before comes back unchanged, and the
    command says which version it read it with (issue 12, versions)."""
    install_framework()
    table = tmp_path / "bang.csv"
    table.write_text("Mã,Tên cơ quan,staff,computers,lan,dvc_pct,portal\n19723,Phường Đồng Hới,20,15,yes,60,no\n"
                     "19724,Xã B,10,5,no,30,yes\n", encoding="utf-8")
    assert main(["import-table", str(table), "--framework", "xa-thu", "--period", "2025"]) == 0
    v2 = copy.deepcopy(FRAMEWORK)
    v2["version"] = "2026.1"
    v2["relative"]["components"][0]["weight"] = 2
    install_framework(v2)
    capsys.readouterr()
    assert main(["import-table", str(table), "--framework", "xa-thu", "--period", "2025"]) == 0
    out = capsys.readouterr()
    assert "xa-thu@2026.1" in out.err and "Xung đột: 0" in out.out and "Không đổi: 2" in out.out
