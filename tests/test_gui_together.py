"""The window on a disclosure printed as two PDFs: 文件 ▸ 添加附件…, dropping both, reopening."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDropEvent

from desktopapp._qt.main_window import MainWindow
from desktopapp._qt.tables_model import KindRole
from desktopapp.core.model import Severity
from tests.helpers.split_budget import PLANTED, build_split

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    return build_split(tmp_path_factory.mktemp("split"))


@pytest.fixture
def pdfs(built, tmp_path) -> tuple[Path, Path]:
    """Private copies: the autosaved review lands beside them."""
    out = []
    for path in built:
        shutil.copy(path, tmp_path / path.name)
        out.append(tmp_path / path.name)
    return out[0], out[1]


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(tmp_path / "data"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.prompts.ask = lambda title, text: True
    window.prompts.inform = lambda *args, **kw: None
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


def read(qtbot, window: MainWindow, start) -> None:
    with qtbot.waitSignal(window.opener.read_finished, timeout=120_000) as blocker:
        start()
    assert blocker.args == ["ok"]
    qtbot.waitUntil(lambda: not window.opener.is_reading, timeout=10_000)


def planted_finding(window: MainWindow):
    found = [f for f in window.state.findings if f.severity == Severity.ERROR and PLANTED in f.message.replace(",", "")]
    assert len(found) == 1
    return found[0]


def test_attaching_the_tables_checks_the_narrative_against_them(qtbot, window, pdfs):
    text_pdf, tables_pdf = pdfs
    read(qtbot, window, lambda: window.opener.open_pdf(text_pdf))
    assert window.navigator.tables_model.rowCount() == 0
    assert [f.rule for f in window.state.findings if f.severity == Severity.INFO] == ["tables_in_other_file"]
    assert window.attach_action.isEnabled()

    window.prompts.ask_open_path = lambda *args: tables_pdf
    read(qtbot, window, window.attach_action.trigger)
    assert window.navigator.tables_model.rowCount() == 11
    assert text_pdf.name in window.windowTitle() and tables_pdf.name in window.windowTitle()
    assert window.status_labels.file_label.text() == f"{text_pdf.name} + {tables_pdf.name}"
    assert not any(f.rule == "tables_in_other_file" for f in window.state.findings)

    # the table is listed and shown with its page of the tables file
    assert f"第 1–2 页（{tables_pdf.stem}）" in window.navigator.tables_model.index(0).data(KindRole)
    assert window.page_view.page > window.state.document.parts[0].page_count
    assert window.page_panel.file_label.text() == f"{tables_pdf.name} 第 1 页"
    # the narrative finding: its sentence on the text file's page, its cell in the tables file's grid
    finding = planted_finding(window)
    window.navigator.choose_finding(finding)
    assert window.page_view.page == finding.page <= window.state.document.parts[0].page_count
    assert window.page_panel.file_label.text().startswith(f"{text_pdf.name} 第 ")
    assert window.grid_model.table_id == finding.cells[0].table


def test_reopening_the_first_file_reads_its_attachment_again(qtbot, window, pdfs):
    text_pdf, tables_pdf = pdfs
    read(qtbot, window, lambda: window.opener.open_pdfs([text_pdf, tables_pdf]))
    review_file = text_pdf.with_name(text_pdf.stem + ".review.json")
    qtbot.waitUntil(review_file.exists, timeout=10_000)  # written once the document is on screen
    review = json.loads(review_file.read_text(encoding="utf-8"))
    assert [a["file"] for a in review["attached"]] == [tables_pdf.name]
    window.close_document()

    with qtbot.waitSignal(window.document_ready, timeout=120_000):
        window.opener.open_pdf(text_pdf)  # read alone, then again with the attachment the review names
    qtbot.waitUntil(lambda: window.state.document is not None and len(window.state.document.parts) == 2,
                    timeout=120_000)
    qtbot.waitUntil(lambda: not window.opener.is_reading, timeout=10_000)
    assert window.navigator.tables_model.rowCount() == 11
    planted_finding(window)


def test_dropping_both_pdfs_opens_them_as_one_document(qtbot, window, pdfs):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in pdfs])
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    read(qtbot, window, lambda: window.dropEvent(drop))
    assert [Path(s).name for s in window.state.document.sources()] == [p.name for p in pdfs]
    assert window.navigator.tables_model.rowCount() == 11
    planted_finding(window)
