"""One file's line in a batch: what the results list, the summary workbook and the CLI show."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass
class FindingRow:
    """One finding of one file, as plain values (it crosses the process boundary and the cache):
    a row of the summary workbook's 全部问题 sheet."""

    page: int | None
    table: str  # "表3 一般公共预算支出表" ("" when the finding is about no table)
    rule: str  # rule id; the catalog gives its Chinese name
    severity: str  # core.model.Severity value
    message: str

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> FindingRow:
        return cls(**{name: data.get(name) for name in cls.__dataclass_fields__})


@dataclass
class FileResult:
    path: Path  # as found under the folder
    sha256: str | None = None  # None when the file could not be opened at all
    organization: str | None = None
    kind: str | None = None  # core.model.DocKind value ("dept_budget" …)
    year: int | None = None
    pages: int | None = None
    tables: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    first_problems: list[str] = field(default_factory=list)  # the first few error / warning messages
    unreadable: str | None = None  # the Chinese reason when the file could not be read (encrypted, scanned, timed out …)
    seconds: float = 0.0  # time spent reading and checking it
    from_cache: bool = False  # unchanged since the last batch: not read again
    json_path: Path | None = None  # the file's own check JSON, when written
    xlsx_path: Path | None = None  # the file's own workbook, when written
    annotated_path: Path | None = None  # the file's marked-up copy, when written
    findings: list[FindingRow] = field(default_factory=list, repr=False)  # every finding, in order
    write_problems: list[str] = field(default_factory=list)  # why an output was not written (Chinese)

    @property
    def readable(self) -> bool:
        return self.unreadable is None
