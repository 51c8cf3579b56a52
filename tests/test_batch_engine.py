"""The batch engine on a folder of generated disclosures: which PDFs it finds, each file's result,
bad files listed with their reason while the batch completes, the per-file time budget, 取消,
and the cache (an unchanged file is not read again)."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from desktopapp.batch import BatchOutputs, ResultCache, discover, find_pdfs, run_batch
from desktopapp.core.labels import doc_kind_label
from tests.helpers import sample_budget
from tests.helpers.damaged import reference_loop_on_page, three_tables
from tests.test_bad_input import make_encrypted, make_garbage_pdf, make_text_only

SAMPLE = Path(sample_budget.OUTPUT)


@pytest.fixture(scope="module")
def bureau(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bureau's folder: departments in subfolders, one encrypted file, one that is no disclosure."""
    root = tmp_path_factory.mktemp("bureau")
    (root / "人社局").mkdir()
    shutil.copy(SAMPLE, root / "人社局" / "2024年部门预算.pdf")
    (root / "财政局" / "第2批").mkdir(parents=True)
    three_tables(root / "财政局" / "第2批" / "预算表.pdf")
    (root / "财政局" / "第10批").mkdir()
    make_encrypted(root / "财政局" / "第10批")
    make_text_only(root)
    return root


@pytest.fixture(scope="module")
def first_run(bureau: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("out")
    cache = ResultCache(out / "cache")
    outputs = BatchOutputs(json_dir=out / "json", xlsx_dir=out / "books", annotated_dir=out / "批注")
    reported: list[tuple[int, int, str]] = []
    results = run_batch(
        find_pdfs(bureau), jobs=2, cache=cache, outputs=outputs,
        progress=lambda done, total, result: reported.append((done, total, result.path.name)),
    )
    return results, reported, cache, outputs


def _touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 stand-in")
    return path


def test_find_pdfs_goes_down_every_folder_in_natural_order_and_skips_what_is_no_disclosure(tmp_path):
    root = tmp_path / "收到"
    wanted = [
        _touch(root / "A局.PDF"),
        _touch(root / "b局.pdf"),
        _touch(root / "第2批" / "x.pdf"),
        _touch(root / "第10批" / "x.pdf"),
    ]
    for name in ("~$b局.pdf", ".~lock.b局.pdf#", ".b局.pdf.123.abc.tmp", "说明.docx", "b局.pdf.review.json"):
        _touch(root / name)
    _touch(root / ".git" / "objects.pdf")  # hidden folder
    _touch(root / "结果" / "批注.pdf")  # the batch's own output folder
    os.symlink(root, root / "第2批" / "回到上级")  # a loop
    given = _touch(tmp_path / "单独.pdf")
    assert find_pdfs(root, given, exclude=[root / "结果"]) == wanted + [given]


def test_an_unreadable_folder_is_listed_and_the_others_are_searched(tmp_path, monkeypatch):
    readable = _touch(tmp_path / "甲" / "a.pdf")
    closed = tmp_path / "乙"
    _touch(closed / "b.pdf")
    real_scandir = os.scandir

    def scandir(path):  # as for a folder without read permission (root reads them all)
        if Path(path) == closed:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("desktopapp.batch.folders.os.scandir", scandir)
    found = discover(tmp_path)
    assert found.pdfs == [readable]
    assert [(folder, "没有读取权限" in why) for folder, why in found.unreadable_folders] == [(closed, True)]


def test_every_file_has_its_result_and_bad_files_their_reason(bureau, first_run):
    results, reported, _, _ = first_run
    by_name = {r.path.name: r for r in results}
    assert [r.path for r in results] == find_pdfs(bureau)  # the order given
    sample = by_name["2024年部门预算.pdf"]
    assert sample.readable and not sample.from_cache
    assert sample.organization == sample_budget.UNIT and sample.year == sample_budget.YEAR
    assert doc_kind_label(sample.kind) == "单位预算"
    assert sample.tables == 11 and sample.pages and sample.sha256
    assert len(sample.findings) == sample.errors + sample.warnings + sample.infos > 0
    assert sample.first_problems and sample.first_problems[0] in [f.message for f in sample.findings]
    assert by_name["预算表.pdf"].tables == 3
    assert "加密" in by_name["加密.pdf"].unreadable
    assert "表格" in by_name["会议纪要.pdf"].unreadable
    # one progress call per file, counting up
    assert [(done, total) for done, total, _ in reported] == [(i, 4) for i in range(1, 5)]
    assert sorted(name for _, _, name in reported) == sorted(by_name)


def test_each_readable_file_has_its_own_json_workbook_and_annotated_copy(first_run):
    results, _, _, outputs = first_run
    readable = [r for r in results if r.readable]
    assert {r.json_path for r in readable} == set(outputs.json_dir.glob("*.json"))
    for result in readable:
        book = openpyxl.load_workbook(result.xlsx_path, read_only=True)
        assert "校验结果" in book.sheetnames
        book.close()
        annotated = PdfReader(result.annotated_path)
        assert len(annotated.pages) == result.pages
        assert sum(len(page.get("/Annots") or []) for page in annotated.pages) >= len(result.findings) > 0
    assert all(r.json_path is None and r.xlsx_path is None and r.annotated_path is None
               for r in results if not r.readable)


def test_an_unchanged_file_comes_from_the_cache_unread(bureau, first_run):
    results, _, cache, outputs = first_run
    again = run_batch(find_pdfs(bureau), jobs=2, cache=cache, outputs=outputs)
    assert [r.from_cache for r in again] == [True] * len(results)
    for before, after in zip(results, again):
        assert (after.path, after.sha256, after.tables, after.errors, after.warnings, after.unreadable) == (
            before.path, before.sha256, before.tables, before.errors, before.warnings, before.unreadable)
        assert after.findings == before.findings
        assert after.xlsx_path == before.xlsx_path


def test_a_changed_file_or_a_missing_output_is_read_again(bureau, first_run, tmp_path):
    results, _, cache, outputs = first_run
    changed = tmp_path / "改过.pdf"
    three_tables(changed)
    copy = tmp_path / "另一份.pdf"
    shutil.copy(changed, copy)
    run_batch([changed], cache=cache)
    with changed.open("ab") as fh:  # an incremental save adds bytes
        fh.write(b"\n% saved again\n")
    assert [r.from_cache for r in run_batch([changed, copy], cache=cache)] == [False, True]
    sample = next(r for r in results if r.path.name == "2024年部门预算.pdf")
    sample.xlsx_path.unlink()
    again = run_batch([sample.path], cache=cache, outputs=outputs)
    assert not again[0].from_cache and again[0].xlsx_path.is_file()


def test_a_file_over_its_budget_is_listed_and_the_batch_completes(tmp_path):
    good = tmp_path / "正常.pdf"
    three_tables(good)
    source = tmp_path / "源.pdf"
    three_tables(source)
    hanging = reference_loop_on_page(source, tmp_path / "卡住.pdf", 2)  # pdfminer loops on page 2
    results = run_batch([hanging, good], jobs=2, file_seconds=8)
    assert results[1].readable and results[1].tables == 3
    assert "超出时限（8 秒）" in results[0].unreadable


def test_cancel_stops_the_batch_and_returns_what_is_done(tmp_path):
    files = []
    for i in range(4):
        files.append(tmp_path / f"{i}.pdf")
        three_tables(files[-1])
    done: list[str] = []
    results = run_batch(files, jobs=1, progress=lambda d, t, r: done.append(r.path.name), cancel=lambda: len(done) >= 1)
    assert [r.path.name for r in results] == done
    assert 1 <= len(results) < len(files)


def test_a_batch_run_from_a_thread_as_the_window_does_reports_in_that_thread(tmp_path):
    files = [tmp_path / "甲.pdf", tmp_path / "乙.pdf"]
    for path in files:
        three_tables(path)
    seen: list[tuple[str, int]] = []
    out: dict[str, list] = {}

    def work() -> None:
        out["results"] = run_batch(
            files, jobs=2, progress=lambda done, total, result: seen.append((threading.current_thread().name, result.tables))
        )

    thread = threading.Thread(target=work, name="批量检查")
    thread.start()
    thread.join(timeout=300)
    assert [r.tables for r in out["results"]] == [3, 3]
    assert seen == [("批量检查", 3), ("批量检查", 3)]


def test_a_damaged_file_is_read_again_next_time(tmp_path):
    damaged = make_garbage_pdf(tmp_path)
    cache = ResultCache(tmp_path / "cache")
    first = run_batch([damaged], cache=cache)
    again = run_batch([damaged], cache=cache)
    assert first[0].unreadable and again[0].unreadable == first[0].unreadable
    assert not again[0].from_cache  # a budget on a busy machine may have decided it


def test_the_officers_marks_travel_into_the_departments_copy(tmp_path):
    from desktopapp.core.marks import FindingMark, Verdict, finding_key
    from desktopapp.extract import read_document
    from desktopapp.rules import run_checks
    from desktopapp.session.review import autosave_path, save_review

    folder = tmp_path / "报送"
    folder.mkdir()
    pdf = folder / "预算.pdf"
    shutil.copy(SAMPLE, pdf)
    cache, outputs = ResultCache(tmp_path / "cache"), BatchOutputs(annotated_dir=tmp_path / "批注")
    [first] = run_batch([pdf], cache=cache, outputs=outputs)

    def comments(result) -> list[str]:
        pages = PdfReader(result.annotated_path).pages
        return [str(a.get_object().get("/Contents", "")) for p in pages for a in (p.get("/Annots") or [])]

    assert first.annotated_path is not None and not any("审核标记" in c for c in comments(first))
    document = read_document(pdf)
    finding = run_checks(document)[0]
    marks = {finding_key(finding): FindingMark(Verdict.DISMISSED, "单位已说明")}
    save_review(autosave_path(pdf, document.sha256), document, [], marks=marks)
    [again] = run_batch([pdf], cache=cache, outputs=outputs)
    assert not again.from_cache  # marked since the copy was written: the copy is written again
    assert any("审核标记：非问题" in c and "单位已说明" in c for c in comments(again))
    [third] = run_batch([pdf], cache=cache, outputs=outputs)
    assert third.from_cache
