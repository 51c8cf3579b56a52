"""The window on a PDF that sends the parser into an endless loop: 取消 and closing the window
return at once (the reading runs in a worker process, which they kill), and a page no parser
reads is named among the findings while the other pages' tables are shown."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from desktopapp._qt.main_window import MainWindow
from tests.helpers import damaged

pytestmark = pytest.mark.gui

GUARD_SECONDS = 10  # generous: these return within about a second


@pytest.fixture(scope="module")
def looping_pdf(tmp_path_factory) -> Path:
    """Page 2 draws an object that refers to itself: pdfminer resolves it for ever (30 s budget)."""
    folder = tmp_path_factory.mktemp("gui-bounded")
    source = folder / "source.pdf"
    damaged.three_tables(source)
    return damaged.reference_loop_on_page(source, folder / "死循环.pdf", page=2)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch) -> MainWindow:
    monkeypatch.setenv("DESKTOPAPP_DATA_DIR", str(tmp_path / "data"))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    window.prompts.ask = lambda title, text: True
    qtbot.addWidget(window)
    window.show()
    return window


def _start_reading(qtbot, window: MainWindow, path: Path) -> None:
    window.opener.open_pdf(path)
    qtbot.waitUntil(lambda: window.opener.is_reading, timeout=5_000)
    qtbot.wait(1500)  # well into the page pdfminer loops on
    assert window.opener.is_reading


def test_cancel_stops_a_read_caught_in_a_loop(qtbot, window, looping_pdf):
    _start_reading(qtbot, window, looping_pdf)
    started = time.monotonic()
    with qtbot.waitSignal(window.opener.read_finished, timeout=GUARD_SECONDS * 1000) as blocker:
        window.opener.cancel_button.click()
    assert blocker.args == ["cancelled"]
    qtbot.waitUntil(lambda: not window.opener.is_reading, timeout=GUARD_SECONDS * 1000)
    assert time.monotonic() - started < GUARD_SECONDS
    assert not window.state.has_document


def test_closing_the_window_while_a_read_loops_returns(qtbot, window, looping_pdf):
    _start_reading(qtbot, window, looping_pdf)
    reader = window.opener._reader
    started = time.monotonic()
    window.close()
    assert time.monotonic() - started < GUARD_SECONDS
    assert reader is not None and reader.isFinished()


def test_a_page_the_reader_gave_up_on_is_shown_blank_without_drawing_it(qtbot, tmp_path):
    """Drawing happens on the UI thread: a page over the reader's budget is never handed to PDFium."""
    from desktopapp._qt.page_render import A4, PageRenderer

    source = tmp_path / "source.pdf"
    damaged.three_tables(source)
    renderer = PageRenderer(source, unreadable={2})
    try:
        assert renderer.render(2, 1.0) is None
        assert renderer.page_size(2) == A4
        drawn = renderer.render(1, 1.0)
        assert drawn is not None and drawn.width() > 100
    finally:
        renderer.close()
