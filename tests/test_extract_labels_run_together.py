"""Labels of two narrow neighbouring columns whose wrapped lines run together a third of an
em apart ('买服务(是/否)' '采购(是/否)') in a header without rules: the label is parted
where the body's next column begins, and each column keeps its own label and cells."""

from __future__ import annotations

from desktopapp.core.numbers import normalize
from desktopapp.extract import read_document
from tests.helpers.pdfgen import PdfBuilder, TableSpec

TITLE = "财政拨款委托业务费支出预算表"
LABELS = ["是否政府购买服务(是/否)", "是否政府采购(是/否)"]
HEADER = [["项目名称", "合计", *LABELS, "特殊情况说明"]]
BODY = [
    ["吉林省社会保险事业管理局", "50.48", "", "", ""],
    ["社会保险审计、评估专项经费(政府采购)", "29.70", "是", "是", ""],
    ["社会保险系统培训、印刷、宣传经费", "15.00", "否", "否", ""],
    ["档案中心运行费", "5.78", "否", "否", ""],
]


def test_labels_run_together_are_parted_at_the_column_edge(tmp_path):
    builder = PdfBuilder(tmp_path / "t.pdf")
    spec = TableSpec(TITLE, HEADER, BODY, style="no_rules", col_widths=[220.0, 50.0, 58.0, 50.0, 40.0],
                     fill_width=False)
    printed = builder.table(spec)
    builder.save()
    [table] = [t for t in read_document(tmp_path / "t.pdf").tables if normalize(t.title) == TITLE]
    assert table.n_cols == 5
    assert [[normalize(t) for t in row] for row in table.body_texts()] == [
        [normalize(t) for t in row] for row in printed.body
    ]
    assert [normalize(c.text) for c in table.header[-1]][2:4] == [normalize(t) for t in LABELS]
