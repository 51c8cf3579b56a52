"""Checking a whole folder of disclosures: find the PDFs, read them in the background on every
core, keep each file's result (sha256-keyed, so an unchanged file is not read again), and the
register a finance bureau keeps (the summary workbook) — no Qt."""
