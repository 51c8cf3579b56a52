"""An incremental update of a PDF (ISO 32000-1 7.5.6): the original bytes unchanged, then the new
and replaced objects, a cross-reference stream for them whose /Prev is the original's, and a
new startxref.

pypdf's own incremental mode (`PdfWriter(incremental=True)`) does the same but first loads and
hashes every object of the file to find what changed: 1–2 s for a disclosure of 3,000–5,000
objects in object streams. Here pypdf reads only what is asked for (the pages annotated) and
serialises the objects; the framing follows pypdf's `PdfWriter._write_increment`.
"""

from __future__ import annotations

import io
import re
import struct
from typing import BinaryIO

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    PdfObject,
    StreamObject,
)

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s*(?:%%EOF)?\s*$")


class UpdateError(ValueError):
    """The file cannot take an incremental update (no usable trailer): write it whole instead."""


class IncrementalUpdate:
    def __init__(self, original: bytes) -> None:
        self.original = original
        self.reader = PdfReader(io.BytesIO(original), strict=True)
        if self.reader.is_encrypted:
            raise UpdateError("encrypted")
        tail = _STARTXREF.search(original[-1024:].rstrip(b"\x00"))
        size = self.reader.trailer.get("/Size")
        if tail is None or not isinstance(size, int) or "/Root" not in self.reader.trailer:
            raise UpdateError("no startxref / trailer")
        self.previous = int(tail.group(1))
        # past every number in use: a /Size too small (it happens) must not make a new object replace an old one
        used = [n for table in self.reader.xref.values() for n in table] + list(self.reader.xref_objStm)
        self.next_id = max([int(size), *(n + 1 for n in used)])
        self.objects: dict[tuple[int, int], PdfObject] = {}

    def page(self, index: int) -> PageObject:
        return self.reader.pages[index]

    def add(self, obj: PdfObject) -> IndirectObject:
        """A new object; its reference, for other objects to point to."""
        ref = IndirectObject(self.next_id, 0, self.reader)
        self.next_id += 1
        self.objects[(ref.idnum, 0)] = obj
        obj.indirect_reference = ref
        return ref

    def replace(self, ref: IndirectObject, obj: PdfObject) -> None:
        """A new version of an object of the original (same number and generation)."""
        self.objects[(ref.idnum, ref.generation)] = obj

    def page_with_annotations(self, index: int, annotations: list[IndirectObject]) -> None:
        """Page `index` again, its /Annots the old ones followed by `annotations`."""
        page = self.reader.pages[index]
        if page.indirect_reference is None:
            raise UpdateError("page is not an indirect object")
        new_page = DictionaryObject(page)  # values as read: references stay references
        old = page.get("/Annots")
        kept = list(old.get_object()) if old is not None else []
        new_page[NameObject("/Annots")] = ArrayObject(kept + annotations)
        self.replace(page.indirect_reference, new_page)

    def write(self, fh: BinaryIO) -> None:
        fh.write(self.original)
        if not self.original.endswith((b"\n", b"\r")):
            fh.write(b"\n")
        positions: dict[int, tuple[int, int]] = {}
        for (idnum, generation), obj in sorted(self.objects.items()):
            positions[idnum] = (fh.tell(), generation)
            fh.write(f"{idnum} {generation} obj\n".encode())
            obj.write_to_stream(fh)
            fh.write(b"\nendobj\n")
        xref_id = self.next_id
        xref_at = fh.tell()
        positions[xref_id] = (xref_at, 0)
        blocks: list[list[int]] = []
        for idnum in sorted(positions):
            if blocks and blocks[-1][0] + blocks[-1][1] == idnum:
                blocks[-1][1] += 1
            else:
                blocks.append([idnum, 1])
        trailer = self.reader.trailer
        fields = {
            NameObject("/Type"): NameObject("/XRef"),
            NameObject("/Size"): NumberObject(xref_id + 1),
            NameObject("/Root"): trailer.raw_get("/Root"),
            NameObject("/Prev"): NumberObject(self.previous),
            NameObject("/Index"): ArrayObject(NumberObject(v) for block in blocks for v in block),
            NameObject("/W"): ArrayObject([NumberObject(1), NumberObject(4), NumberObject(2)]),
        }
        for key in ("/Info", "/ID"):
            if key in trailer:
                fields[NameObject(key)] = trailer.raw_get(key)
        xref = StreamObject()
        xref.update(fields)
        xref.set_data(b"".join(struct.pack(">BIH", 1, positions[i][0], positions[i][1]) for i in sorted(positions)))
        fh.write(f"{xref_id} 0 obj\n".encode())
        xref.write_to_stream(fh)
        fh.write(f"\nendobj\nstartxref\n{xref_at}\n%%EOF\n".encode())


class WholeCopy:
    """The same interface over a whole new file (pypdf's writer, every object copied): for a file
    whose cross-reference table had to be repaired, which an update would point back into."""

    def __init__(self, original: bytes) -> None:
        reader = PdfReader(io.BytesIO(original))
        if reader.is_encrypted:
            raise UpdateError("encrypted")
        self.writer = PdfWriter(clone_from=reader)

    def page(self, index: int) -> PageObject:
        return self.writer.pages[index]

    def add(self, obj: PdfObject) -> IndirectObject:
        return self.writer._add_object(obj)  # what PdfWriter.add_annotation itself calls

    def page_with_annotations(self, index: int, annotations: list[IndirectObject]) -> None:
        page = self.writer.pages[index]
        old = page.get("/Annots")
        kept = list(old.get_object()) if old is not None else []
        page[NameObject("/Annots")] = ArrayObject(kept + annotations)

    def write(self, fh: BinaryIO) -> None:
        self.writer.write(fh)
