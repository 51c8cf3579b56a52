"""The workbook opens in another spreadsheet program: LibreOffice converts it without error, and
the figures, codes and comments survive (re-read after LibreOffice saved it again, and as the
text it displays). Skipped only where LibreOffice is not installed."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest

from desktopapp.core.edits import EditLog
from desktopapp.export.xlsx import export_workbook
from tests.helpers.export_samples import sample_document, sample_findings

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")


def _convert(source, target_format: str, outdir, profile) -> None:
    # A private profile: another soffice running on the machine must not take over the job.
    done = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target_format,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lo")
    document = sample_document()
    log = EditLog(document)
    log.set_value("T1", 2, 4, "1,209.60", reason="核对")
    source = folder / "workbook.xlsx"
    export_workbook(document, sample_findings(), log.changes, source)
    profile = folder / "profile"
    (folder / "xlsx").mkdir()
    (folder / "csv").mkdir()
    _convert(source, "xlsx", folder / "xlsx", profile)
    # the 12th token picks the sheet to write: 2, the first table (after 审核意见)
    _convert(source, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2", folder / "csv",
             profile)
    [csv_path] = (folder / "csv").glob("workbook*.csv")  # a chosen sheet is named in the file: workbook-表3….csv
    return document, source, folder / "xlsx" / "workbook.xlsx", csv_path


def test_libreoffice_keeps_figures_codes_and_comments(converted):
    document, source, resaved, _ = converted
    ours = openpyxl.load_workbook(source)
    theirs = openpyxl.load_workbook(resaved)
    assert theirs.sheetnames == ours.sheetnames
    compared = 0
    for name, table in zip(ours.sheetnames[1:], document.tables, strict=False):
        first = 3 + len(table.header)
        for r, row in enumerate(table.body):
            for c in range(len(row)):
                a = ours[name].cell(row=first + r, column=c + 1).value
                b = theirs[name].cell(row=first + r, column=c + 1).value
                if isinstance(a, (int, float)):
                    assert Decimal(str(b)) == Decimal(str(a)), (name, r, c, a, b)
                    compared += 1
                else:
                    assert a == b, (name, r, c, a, b)
    assert compared >= 30
    t1 = theirs[ours.sheetnames[1]]
    assert t1["B7"].value == "01" and t1["E8"].value == pytest.approx(1209.60)
    assert t1["E8"].comment is not None and "原印刷值：1,209.58" in t1["E8"].comment.text
    merged = {str(r) for r in t1.merged_cells.ranges}
    assert {"A1:G1", "E3:G3", "A4:C4"} <= merged
    assert theirs["校验结果"].max_row == 4 and theirs["修改记录"]["H2"].value == "1,209.58"


def test_libreoffice_displays_the_printed_precision(converted):
    _, _, _, csv_path = converted
    with open(csv_path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    body = rows[5:10]  # the first table's sheet: title, unit line, three header rows, then the body
    assert body[0][:7] == ["208", "", "", "社会保障和就业支出", "1,608.43", "1,209.58", "398.85"]
    assert body[2][:7] == ["208", "01", "01", "行政运行", "1,209.60", "1,209.58", "-"]
    assert body[3][5] == ""
