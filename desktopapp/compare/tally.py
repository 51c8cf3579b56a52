"""What one comparer found, matched and could not match."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktopapp.core.model import Finding


@dataclass
class Tally:
    findings: list[Finding] = field(default_factory=list)
    matched: int = 0  # stated figures matched to the reference
    unmatched: list[tuple[str, str]] = field(default_factory=list)  # (what, why)

    def add(self, other: Tally) -> None:
        self.findings.extend(other.findings)
        self.matched += other.matched
        self.unmatched.extend(other.unmatched)
