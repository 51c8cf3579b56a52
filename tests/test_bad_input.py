"""Files an officer may pick by mistake, and a very long disclosure.

Unreadable input must end in a plain Chinese explanation — from `read_document` as the
right `ReadError` subclass, and from `python -m desktopapp check` as exit status 2 with one
line on stderr naming the file and the reason, never a traceback. A 300-page document must
be read with page-by-page progress and modest memory.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from desktopapp.core.errors import (
    DamagedPdfError,
    EmptyFileError,
    EncryptedPdfError,
    NoTablesError,
    NotPdfError,
    ReadError,
    ScannedPdfError,
)
from desktopapp.extract import read_document
from desktopapp.extract.bounded import MEMORY_BYTES
from tests.helpers import REPO_ROOT
from tests.helpers.pdfgen import PdfBuilder, TableSpec, generated_rows
from tests.helpers.specs import ORG, expenditure_spec

NARRATIVE = [
    "按照综合预算的原则，本单位所有收入和支出均纳入部门预算管理。收入包括：一般公共预算拨款收入、其他收入。"
    "支出包括：社会保障和就业支出、卫生健康支出、住房保障支出。2024年收支总预算1982.31万元。",
    "2024年收入预算1982.31万元，其中：一般公共预算拨款收入1826.31万元，占92.13%；其他收入156万元，占7.87%。",
    "2024年支出预算1982.31万元，其中：基本支出1583.46万元，占79.88%；项目支出398.85万元，占20.12%。",
]

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _valid_pdf(path: Path) -> Path:
    builder = PdfBuilder(path)
    builder.text_page(NARRATIVE, heading="第三部分 2024年预算情况说明")
    builder.table(expenditure_spec("lines"))
    builder.save()
    return path


def make_empty(d: Path) -> Path:
    path = d / "空文件.pdf"
    path.write_bytes(b"")
    return path


def make_truncated(d: Path) -> Path:
    whole = _valid_pdf(d / "whole.pdf").read_bytes()
    path = d / "下载中断.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def make_garbage_pdf(d: Path) -> Path:
    """A PDF header and an end marker around bytes that are no PDF at all."""
    path = d / "损坏.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\nstartxref\n999999\n%%EOF\n")
    return path


def make_encrypted(d: Path) -> Path:
    path = d / "加密.pdf"
    builder = PdfBuilder(path, encrypt="mima2024")
    builder.table(expenditure_spec("lines"))
    builder.save()
    return path


def make_scanned(d: Path) -> Path:
    """Two pages that are only pictures of a printed table: no text layer at all."""
    source = _valid_pdf(d / "to-scan.pdf")
    pdf = pdfium.PdfDocument(str(source))
    png = d / "scan.png"
    pdf[1].render(scale=100 / 72).to_pil().convert("L").save(png)
    pdf.close()
    path = d / "扫描件.pdf"
    builder = PdfBuilder(path, footer=False)
    builder.image_page(png)
    builder.image_page(png)
    builder.save()
    return path


def make_text_only(d: Path) -> Path:
    """Text without tables that is no disclosure (a text-only 情况说明 is read: test_together)."""
    path = d / "会议纪要.pdf"
    builder = PdfBuilder(path)
    builder.text_page(["本次会议研究了办公用房调整事项，会议要求各处室按时完成搬迁。"] * 6, heading="会议纪要")
    builder.save()
    return path


def make_not_pdf(d: Path) -> Path:
    """An Excel workbook (a zip) renamed to .pdf."""
    path = d / "预算表.pdf"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return path


BAD_INPUTS = {
    "empty": (make_empty, EmptyFileError),
    "truncated": (make_truncated, DamagedPdfError),
    "garbage": (make_garbage_pdf, DamagedPdfError),
    "encrypted": (make_encrypted, EncryptedPdfError),
    "scanned": (make_scanned, ScannedPdfError),
    "no_tables": (make_text_only, NoTablesError),
    "not_pdf": (make_not_pdf, NotPdfError),
}


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for name, (make, _error) in BAD_INPUTS.items():
        d = tmp_path_factory.mktemp(name)
        out[name] = make(d)
    return out


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_unreadable_file_raises_its_own_error_in_chinese(bad_files, name):
    expected = BAD_INPUTS[name][1]
    with pytest.raises(ReadError) as info:
        read_document(bad_files[name])
    assert type(info.value) is expected, (
        f"{name}: 应为 {expected.__name__}，实际为 {type(info.value).__name__}"
    )
    assert CHINESE.search(info.value.message), info.value.message


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_cli_reports_unreadable_file_in_one_line(bad_files, name, tmp_path):
    path = bad_files[name]
    with pytest.raises(ReadError) as info:
        read_document(path)
    run = subprocess.run(
        [sys.executable, "-m", "desktopapp", "check", str(path), "--json", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, run.stderr
    assert path.name in lines[0]
    assert info.value.message in lines[0], f"stderr 应说明原因：{lines[0]}"
    assert "Traceback" not in run.stderr + run.stdout


def test_cli_reads_good_files_and_reports_the_bad_one(bad_files, tmp_path):
    """One unreadable file among several: the others are still checked and written."""
    good = _valid_pdf(tmp_path / "正常.pdf")
    out = tmp_path / "out"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktopapp",
            "check",
            str(good),
            str(bad_files["encrypted"]),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr + run.stdout
    assert bad_files["encrypted"].name in run.stderr
    written = json.loads((out / "正常.json").read_text(encoding="utf-8"))
    assert written["source"]["pages"] == 2
    assert [t["title"] for t in written["tables"]] == ["一般公共预算支出表"]


# ----------------------------------------------------------------------------- a long document

LONG_PAGES = 300
TABLE_PAGES = (12, 120, 121, 250)  # where the tables start; 120 holds a table continued on 121


def make_long_document(path: Path) -> Path:
    builder = PdfBuilder(path)
    page = 0
    while page < LONG_PAGES:
        page += 1
        if page == TABLE_PAGES[0]:
            builder.table(expenditure_spec("wps_rects"))
        elif page == TABLE_PAGES[1]:
            builder.table(
                TableSpec(
                    "支出总表",
                    [["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
                    generated_rows(60),
                    number="表3",
                    org=ORG,
                )
            )
            page += 1
        elif page == TABLE_PAGES[3]:
            builder.table(expenditure_spec("lines", title="项目支出表", number="表10"))
        else:
            builder.text_page(NARRATIVE, heading=f"第{page}页 情况说明")
    printed = builder.save()
    assert printed.page_count == LONG_PAGES
    return path


_LONG_READ = textwrap.dedent(
    """
    import json, resource, sys, time
    from desktopapp.extract import read_document
    calls = []
    start = time.monotonic()
    document = read_document(sys.argv[1], progress=lambda done, total: calls.append((done, total)))
    elapsed = time.monotonic() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(json.dumps({"calls": calls, "pages": document.page_count, "elapsed": elapsed,
                      "tables": [[t.title, t.pages] for t in document.tables],
                      "maxrss_kb": own + children}))
    """
)


def test_300_page_document_reads_with_progress_and_bounded_memory(tmp_path):
    started = time.monotonic()
    pdf = make_long_document(tmp_path / "long.pdf")
    run = subprocess.run(
        [sys.executable, "-c", _LONG_READ, str(pdf)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=180,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["pages"] == LONG_PAGES
    calls = result["calls"]
    assert calls, "没有进度回调"
    assert all(total == LONG_PAGES for _done, total in calls)
    dones = [done for done, _total in calls]
    assert dones == sorted(dones), "进度不应倒退"
    assert dones[-1] == LONG_PAGES
    reported = [d for i, d in enumerate(dones) if d > 0 and (i == 0 or d != dones[i - 1])]
    assert reported == list(range(1, LONG_PAGES + 1)), "每读完一页报告一次进度"
    titles = [title for title, _pages in result["tables"]]
    assert titles == ["一般公共预算支出表", "支出总表", "项目支出表"]
    assert result["tables"][1][1] == [120, 121]
    peak_mb = result["maxrss_kb"] / 1024
    # a guard, not a measurement (benchmarks/ measure): far below the reader's documented budget
    assert peak_mb < MEMORY_BYTES / 2**20, f"峰值内存 {peak_mb:.0f} MB"
    assert time.monotonic() - started < 60, (
        f"300 页用时 {time.monotonic() - started:.0f} 秒（读取 {result['elapsed']:.1f} 秒）"
    )
