"""A group label underlined in a three-line table heads only the columns its underline spans."""

from __future__ import annotations

import pytest

from desktopapp.extract import read_document
from tests.helpers.pdfgen import read_labels

pytestmark = pytest.mark.corpus


def test_underlined_group_label_stays_over_its_columns(corpus_dir):
    # 上年结转结余情况明细表 of seed 004 (three-line print): 项目名称 and 总计 are centred
    # beside 财政拨款, whose underline spans 合计 … 项目支出 only.
    pdf = corpus_dir / "synthetic" / "seed004-three-line.pdf"
    if not pdf.exists():
        pytest.skip("seed004-three-line.pdf not in the corpus")
    table = next(t for t in read_document(pdf).tables if t.kind == "carryover")
    labels = read_labels(table)
    assert labels[0].startswith("项目名称")
    assert labels[1].startswith("总计")
    assert all(labels[c].startswith("财政拨款") for c in range(2, 6))
    assert all(labels[c].startswith("非财政拨款") for c in range(6, 10))
