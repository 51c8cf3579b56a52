"""What the tests share: PDFs rendered with reportlab and the truth of what they print
(`pdfgen`), the shipped sample disclosure (`sample_budget`), and hand-built documents for
the rules, narrative, export and session tests. The application never imports these."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
