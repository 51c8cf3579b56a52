"""Disclosure checker: read, check, correct and export budget / final-account PDFs."""

__version__ = "0.1.0"
