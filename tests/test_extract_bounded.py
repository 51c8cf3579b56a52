"""Reading is bounded: a page that hangs a parser, overflows memory or cannot be loaded costs
that page at most, named in a finding; the other pages' tables are read; 取消 stops a read in
a parser's endless loop. The damaged PDFs are the project's own (tests/helpers/damaged.py);
the budgets are made short here so that what would take 30 s takes 2."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktopapp.core.errors import CancelledError
from desktopapp.core.model import Document
from desktopapp.extract import bounded, read_document
from desktopapp.rules import run_checks
from tests.helpers import REPO_ROOT, damaged
from tests.helpers.damaged import TITLES

GUARD_SECONDS = 10  # a generous "returns at all" guard, not a speed measurement


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bounded") / "三张表.pdf"
    damaged.three_tables(path)
    return path


@pytest.fixture
def short_budgets(monkeypatch):
    monkeypatch.setattr(bounded, "PAGE_SECONDS", 2.0)
    monkeypatch.setattr(bounded, "OPEN_SECONDS", 2.0)
    monkeypatch.setattr(bounded, "MEMORY_BYTES", 160 * 2**20)


def _read(path: Path, **kwargs) -> Document:
    started = time.monotonic()
    document = read_document(path, **kwargs)
    assert time.monotonic() - started < GUARD_SECONDS
    return document


def _tables(document: Document) -> list[tuple[str, list[int]]]:
    return [(t.title, t.pages) for t in document.tables]


def test_a_reference_loop_on_one_page_leaves_every_table_read(source, tmp_path, short_budgets):
    """pdfminer loops on the page's self-referencing object; the page is read by pdfium."""
    document = _read(damaged.reference_loop_on_page(source, tmp_path / "loop.pdf", page=2))
    assert _tables(document) == [(TITLES[0], [1]), (TITLES[1], [2]), (TITLES[2], [3])]
    assert document.tables[1].body_texts()[-1][-1] == "1,982.31"
    assert document.unreadable_pages == {}
    assert document.fallback_pages == [2, 3]  # pdfminer given up on after its stall: errors there are spared


def test_a_reference_loop_met_when_opening_leaves_the_other_pages_read(source, tmp_path, short_budgets):
    document = _read(damaged.reference_loop_in_resources(source, tmp_path / "loop.pdf", page=2))
    titles = [title for title, _pages in _tables(document)]
    assert TITLES[0] in titles and TITLES[2] in titles


def test_an_array_nested_thousands_deep_leaves_every_table_read(source, tmp_path, short_budgets):
    document = _read(damaged.deep_array_on_page(source, tmp_path / "deep.pdf", page=2))
    assert _tables(document) == [(TITLES[0], [1]), (TITLES[1], [2]), (TITLES[2], [3])]


@pytest.mark.parametrize("spoil, why", [(damaged.memory_bomb_on_page, "内存"), (damaged.unloadable_page, "损坏")])
def test_a_page_over_budget_or_unloadable_is_named_and_the_others_read(source, tmp_path, short_budgets, spoil, why):
    document = _read(spoil(source, tmp_path / "bad.pdf", page=2))
    assert _tables(document) == [(TITLES[0], [1]), (TITLES[2], [3])]
    assert list(document.unreadable_pages) == [2] and why in document.unreadable_pages[2]
    findings = run_checks(document)
    named = [f for f in findings if f.rule == "unreadable_page"]
    assert [f.page for f in named] == [2]
    assert named[0].message.startswith("第 2 页无法读取：") and why in named[0].message
    # the tables not found are not blamed on the document: the page that could not be read is
    missing = [f for f in findings if f.rule in ("missing_table", "toc_table_missing")]
    assert missing and all("第 2 页无法读取" in f.message for f in missing)
    assert not any(f.severity.value == "error" and f.rule in ("missing_table", "toc_table_missing") for f in findings)


def test_the_document_budget_stops_a_read_and_names_the_pages_not_read(source, tmp_path, monkeypatch):
    monkeypatch.setattr(bounded, "DOCUMENT_SECONDS", 1.5)
    document = _read(damaged.reference_loop_on_page(source, tmp_path / "loop.pdf", page=2), workers=1)
    assert _tables(document) == [(TITLES[0], [1])]
    assert sorted(document.unreadable_pages) == [2, 3]
    assert all("整份文件超出读取时限" in why for why in document.unreadable_pages.values())


def test_cancel_stops_a_parser_caught_in_a_loop(source, tmp_path):
    """With the real budgets the page would take 30 s: 取消 kills the worker at once."""
    path = damaged.reference_loop_on_page(source, tmp_path / "loop.pdf", page=2)
    started = time.monotonic()
    with pytest.raises(CancelledError):
        read_document(path, cancel=lambda: time.monotonic() - started > 1.0, workers=1)
    assert time.monotonic() - started < GUARD_SECONDS


def test_bytes_after_the_end_marker_are_read_not_refused(source, tmp_path):
    document = _read(damaged.trailing_bytes(source, tmp_path / "尾部附加文字.pdf"))
    assert _tables(document) == [(TITLES[0], [1]), (TITLES[1], [2]), (TITLES[2], [3])]


def test_check_reads_the_file_and_names_the_unreadable_page(source, tmp_path):
    bad = damaged.unloadable_page(source, tmp_path / "坏页.pdf", page=2)
    run = subprocess.run(
        [sys.executable, "-m", "desktopapp", "check", str(bad), "--json", str(tmp_path / "out")],
        capture_output=True, text=True, cwd=REPO_ROOT, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "第 2 页无法读取" in run.stdout
    assert "Traceback" not in run.stderr
    result = json.loads((tmp_path / "out" / "坏页.json").read_text(encoding="utf-8"))
    assert any(f["rule"] == "unreadable_page" and f.get("page") == 2 for f in result["findings"])


def test_an_error_about_a_table_beside_an_unread_page_is_only_a_warning():
    """Page 2 could not be read: the table starting on page 3 may have begun there, so its sums
    may be short — not the document's error. A table far from it keeps its error."""
    from desktopapp.core.model import CellRef, Finding, Severity, Table
    from desktopapp.rules.unread_pages import spare_incomplete_tables

    document = Document(source="x.pdf", sha256="", page_count=6, unreadable_pages={2: "页面内容已损坏，无法解析"})
    document.tables = [Table(id="T1", title="基本支出表", pages=[3, 4]), Table(id="T2", title="三公表", pages=[6])]
    findings = [
        Finding(rule="code_hierarchy_sum", severity=Severity.ERROR, message="合计 ≠ 各类之和", cells=[CellRef("T1", 0, 2)]),
        Finding(rule="code_hierarchy_sum", severity=Severity.ERROR, message="合计 ≠ 各项之和", table="T2"),
    ]
    spared = spare_incomplete_tables(document, findings)
    assert spared[0].severity is Severity.WARNING and "第 2 页无法读取" in spared[0].message
    assert spared[1].severity is Severity.ERROR and spared[1].message == "合计 ≠ 各项之和"
    assert findings[0].severity is Severity.ERROR  # the rule's own finding is left as it was


def test_a_page_whose_content_does_not_decode_is_named_not_taken_for_blank(source, tmp_path):
    document = _read(damaged.undecodable_page(source, tmp_path / "坏流.pdf", page=2))
    assert _tables(document) == [(TITLES[0], [1]), (TITLES[2], [3])]
    assert list(document.unreadable_pages) == [2]
    assert not any("没有文字" in w for w in document.warnings)


def test_pages_beyond_the_page_limit_are_named_not_read(source, monkeypatch):
    monkeypatch.setattr(bounded, "MAX_PAGES", 2)
    seen: list[tuple[int, int]] = []
    document = _read(source, progress=lambda done, total: seen.append((done, total)))
    assert _tables(document) == [(TITLES[0], [1]), (TITLES[1], [2])]
    assert list(document.unreadable_pages) == [3] and "页数上限" in document.unreadable_pages[3]
    assert seen[-1] == (3, 3)


def test_an_error_about_a_table_read_by_the_fallback_parser_is_only_a_warning():
    from desktopapp.core.model import CellRef, Finding, Severity, Table
    from desktopapp.rules.unread_pages import spare_incomplete_tables

    document = Document(source="x.pdf", sha256="", page_count=4, fallback_pages=[3])
    document.tables = [Table(id="T1", title="支出决算表", pages=[3]), Table(id="T2", title="收入决算表", pages=[1])]
    findings = [
        Finding(rule="row_sum", severity=Severity.ERROR, message="合计 ≠ 各项之和", cells=[CellRef("T1", 0, 2)]),
        Finding(rule="row_sum", severity=Severity.ERROR, message="合计 ≠ 各项之和", table="T2"),
    ]
    spared = spare_incomplete_tables(document, findings)
    assert spared[0].severity is Severity.WARNING and "第 3 页的内容已损坏" in spared[0].message
    assert spared[1].severity is Severity.ERROR


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        text = (task / "children").read_text() if (task / "children").exists() else ""
        found |= {int(p) for p in text.split()}
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="Linux /proc needed to find the worker")
def test_a_worker_does_not_outlive_a_reader_killed_mid_loop(source, tmp_path):
    """kill -9 of the CLI (or a crash of the window) while pdfminer loops: the worker ends too."""
    import os
    import signal

    looping = damaged.reference_loop_on_page(source, tmp_path / "loop.pdf", page=2)
    reader = subprocess.Popen(
        [sys.executable, "-c", "import sys; from desktopapp.extract import read_document; read_document(sys.argv[1])",
         str(looping)],
        cwd=REPO_ROOT,
    )
    try:
        deadline = time.monotonic() + 20
        workers: set[int] = set()
        while not workers and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = _children(reader.pid)
        assert workers, "the reader started no worker"
        os.kill(reader.pid, signal.SIGKILL)
        reader.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        alive = [w for w in workers if Path(f"/proc/{w}/stat").exists()
                 and Path(f"/proc/{w}/stat").read_text().split()[2] != "Z"]
        assert alive == []
    finally:
        if reader.poll() is None:
            reader.kill()
