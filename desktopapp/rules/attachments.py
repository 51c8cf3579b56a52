"""A disclosure whose tables are printed in another file.

Some publishers print the 情况说明 and the tables as two PDFs. The text file read alone has
no table: the checks that need tables abstain (completeness, narrative against the tables) and
one note says where the tables went and how to add them (extract.together reads the files as
one document).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from desktopapp.core.model import Document, Finding, Severity
from desktopapp.rules.base import RuleContext, rule
from desktopapp.rules.scoped import value_independent

RULE = value_independent("tables_in_other_file")


@rule(RULE)
def tables_in_other_file(document: Document, ctx: RuleContext) -> Iterable[Finding]:
    if document.tables:
        return
    name = Path(document.source).name
    yield Finding(
        rule=RULE,
        severity=ctx.severity_of(RULE, Severity.INFO),
        message=(
            f"“{name}”中只有文字，没有表格：正文已按文字检查，与表格核对的检查没有执行。"
            "如表格另行公开为单独的 PDF，请用 文件 ▸ 添加附件… 添加该文件"
            f"（命令行：check {name} 表格.pdf --together），两者按一份文件一并校验。"
        ),
    )
