"""Disclosure checker: read, check, correct and export budget / final-account PDFs."""

import logging as _logging

from desktopapp.core.version import __version__

__all__ = ["__version__"]

# The PDF libraries log in English (pdfminer: "CropBox missing from /Page…"); without a handler
# Python prints their warnings on stderr. The officer reads our Chinese lines instead; an
# application that configures logging (or `check --debug`) still receives them by propagation.
# Here, not in the CLI only: reading worker processes started by spawn import this package too.
for _name in ("pdfminer", "pdfplumber", "pypdfium2", "PIL", "fontTools"):
    _logging.getLogger(_name).addHandler(_logging.NullHandler())
