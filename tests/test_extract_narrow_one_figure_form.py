"""A 项目支出绩效目标表 printed without rules in narrow columns: one amount only (the 年度资金
总额), centred in a first row made tall by the 年度绩效目标 sentences, every other value a
target ('≥40万元', '10'). The sentences above the amount are the row's, not header labels: the
table is found under its title, the header whole and the row one row."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

HEADER = [["项目名称", "年度资金总额", "年度绩效目标", "三级指标", "指标值", "权重"]]
BODY = [
    ["社会保险系统培训及宣传印刷工作经费", "107.57",
     "提升全省社保系统干部职工业务经办水平。加大政策宣传力度，让参保群众广泛了解社会保险相关民生政策。",
     "印制会议培训材料成本", "≥20万元", "10"],
    ["", "", "", "各类会议培训经费支出", "≥40万元", "10"],
]


def test_form_with_one_amount_in_a_tall_first_row_is_found(tmp_path):
    builder = PdfBuilder(tmp_path / "narrow.pdf")
    spec = TableSpec("项目支出绩效目标表", HEADER, BODY, style="no_rules",
                     col_widths=[69.0, 40.0, 69.0, 69.0, 44.0, 26.0], fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = read_document(tmp_path / "narrow.pdf").tables
    assert normalize(table.title) == "项目支出绩效目标表"
    assert [normalize(c.text) for c in table.header[-1]] == [normalize(t) for t in HEADER[0]]
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
