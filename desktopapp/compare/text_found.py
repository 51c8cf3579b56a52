"""Where a text finding stands in the reference."""

from __future__ import annotations

from desktopapp.core.model import CellRef, Finding


def set_reference(
    finding: Finding, page: int | None, cells: list[CellRef] | None = None, quote: str | None = None
) -> Finding:
    """The reference's page and cells of a finding (Finding.reference_page / reference_cells),
    set as attributes so that they ride on the Finding whichever fields it declares; `quote`:
    the reference's sentence, lit on its page in the window (`reference_quote`, not exported)."""
    finding.reference_page = page  # type: ignore[attr-defined]
    finding.reference_cells = list(cells or [])  # type: ignore[attr-defined]
    finding.reference_quote = quote  # type: ignore[attr-defined]
    return finding
