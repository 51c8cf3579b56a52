"""`check FILE --compare OTHER [--relation …] --json DIR`: the reference named in the JSON with
its figures matched and unmatched, its findings among the file's; without --compare nothing of
it is written."""

from __future__ import annotations

import json

from desktopapp import cli
from tests.helpers.compare_pairs import LAST_YEAR, THIS_YEAR


def test_check_compare_names_the_reference_and_its_figures_in_the_json(tmp_path, capsys):
    reference = LAST_YEAR.write(tmp_path / "2024.pdf")
    slipped = THIS_YEAR.with_changes(previous={**THIS_YEAR.previous, "2080505": 210.0})
    current = slipped.write(tmp_path / "2025.pdf")
    assert cli.main([str(current), "--compare", str(reference), "--json", str(tmp_path / "out")]) == 0
    data = json.loads((tmp_path / "out" / "2025.json").read_text(encoding="utf-8"))
    ref = data["reference"]
    assert ref["file"] == "2024.pdf" and len(ref["sha256"]) == 64
    assert (ref["relation"], ref["relation_label"], ref["chosen_by_officer"]) == ("previous_year", "上年公开文件", False)
    assert ref["stated"] == "参考文件是同一单位 2024 年的部门预算（上年公开文件）"
    assert ref["figures"]["matched"] == 11 and ref["figures"]["unmatched"] == 0
    assert ref["figures"]["unmatched_reasons"] == []
    compared = [f for f in data["findings"] if f["rule"].startswith("reference_")]
    assert compared and all("reference_cells" in f and "reference_page" in f for f in compared)
    assert [f["id"] for f in data["findings"]] == [f"F{i}" for i in range(1, len(data["findings"]) + 1)]
    assert "参考文件是同一单位 2024 年的部门预算" in capsys.readouterr().out
    # the officer's relation
    assert cli.main([str(current), "--compare", str(reference), "--relation", "earlier_version",
                     "--json", str(tmp_path / "out2")]) == 0
    ref = json.loads((tmp_path / "out2" / "2025.json").read_text(encoding="utf-8"))["reference"]
    assert ref["relation"] == "earlier_version" and ref["chosen_by_officer"] is True


def test_without_compare_the_json_has_no_reference_and_findings_no_reference_fields(tmp_path):
    current = THIS_YEAR.write(tmp_path / "2025.pdf")
    assert cli.main([str(current), "--json", str(tmp_path / "out")]) == 0
    data = json.loads((tmp_path / "out" / "2025.json").read_text(encoding="utf-8"))
    assert "reference" not in data
    assert not any("reference_cells" in f or "reference_page" in f for f in data["findings"])


def test_an_unreadable_reference_stops_with_one_chinese_line(tmp_path, capsys):
    current = THIS_YEAR.write(tmp_path / "2025.pdf")
    missing = tmp_path / "不存在.pdf"
    assert cli.main([str(current), "--compare", str(missing), "--json", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and "参考文件无法读取，未作校验" in err[0] and "不存在.pdf" in err[0]
    assert not (tmp_path / "out" / "2025.json").exists()


def test_a_comparison_rule_switched_off_gives_no_finding(tmp_path):
    reference = LAST_YEAR.write(tmp_path / "2024.pdf")
    current = THIS_YEAR.with_changes(previous={**THIS_YEAR.previous, "2080505": 210.0}).write(tmp_path / "2025.pdf")
    assert cli.main([str(current), "--compare", str(reference), "--disable", "reference_previous_year_column",
                     "--json", str(tmp_path / "out")]) == 0
    data = json.loads((tmp_path / "out" / "2025.json").read_text(encoding="utf-8"))
    assert not [f for f in data["findings"] if f["rule"] == "reference_previous_year_column"]
    assert data["reference"]["figures"]["matched"] == 11  # still compared and counted
