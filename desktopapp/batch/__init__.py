"""Checking a whole folder of disclosures: find the PDFs, read them in the background on every
core, keep each file's result (sha256-keyed, so an unchanged file is not read again), and the
register a finance bureau keeps (the summary workbook) — no Qt.

    pdfs = find_pdfs(folder)
    results = run_batch(pdfs, cache=ResultCache(), outputs=BatchOutputs(xlsx_dir=...),
                        progress=lambda done, total, result: ..., cancel=lambda: False)
    write_summary_workbook(results, target, folders=[folder])  # batch.summary; each result carries its findings
"""

from desktopapp.batch.cache import ResultCache
from desktopapp.batch.folders import discover, find_pdfs
from desktopapp.batch.results import FileResult, FindingRow
from desktopapp.batch.runner import BatchOutputs, run_batch

__all__ = ["BatchOutputs", "FileResult", "FindingRow", "ResultCache", "discover", "find_pdfs", "run_batch"]
