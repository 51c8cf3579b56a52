"""Damaged and hostile variants of a small generated disclosure, made with raw bytes: one page
of a three-page document (a table on each page) spoilt the way the reproducers in
../shared/fuzz spoilt real files — a reference loop, an array nested thousands deep, a page
decoding to far more memory than its bytes, a page object no parser loads, a content stream
that does not inflate — written as an
incremental update (the original objects stay, new ones replace them), and a valid file
followed by bytes after %%EOF."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from tests.helpers.pdfgen import PdfBuilder, PrintedDocument, TableSpec
from tests.helpers.specs import ORG

TITLES = ["收支总表", "一般公共预算支出表", "政府性基金预算支出表"]


def three_tables(path: Path) -> PrintedDocument:
    """Three ruled tables, one a page (pages 1–3)."""
    b = PdfBuilder(path)
    for i, title in enumerate(TITLES, start=1):
        b.table(
            TableSpec(
                title,
                [["项目", "预算数"]],
                [[f"一、第{i}项收入", "1,826.31"], ["二、其他收入", "156.00"], ["合计", "1,982.31"]],
                number=f"表{i}",
                org=ORG,
            )
        )
    return b.save()


def reference_loop_on_page(source: Path, target: Path, page: int) -> Path:
    """Page `page` (1-based) draws a form XObject that is an object referring to itself
    (`N 0 obj N 0 R`): pdfminer resolves it forever, pdfium draws nothing for it."""
    data = source.read_bytes()
    number, body = _page(data, page)
    loop, extra = _next_numbers(data, 2)
    body = _add_content(body, extra).replace(b"/Font 1 0 R", b"/Font 1 0 R /XObject << /Loop %d 0 R >>" % loop)
    return _write(target, data, {number: body, loop: b"%d 0 R" % loop, extra: _stream(b"q /Loop Do Q")})


def reference_loop_in_resources(source: Path, target: Path, page: int) -> Path:
    """Page `page`'s /Resources is an object referring to itself: pdfminer loops as it
    opens the file (it resolves every page's resources then)."""
    data = source.read_bytes()
    number, body = _page(data, page)
    (loop,) = _next_numbers(data, 1)
    body = re.sub(rb"/Resources <<.*?>>", b"/Resources %d 0 R" % loop, body, count=1, flags=re.S)
    return _write(target, data, {number: body, loop: b"%d 0 R" % loop})


def deep_array_on_page(source: Path, target: Path, page: int, depth: int = 5000) -> Path:
    """Page `page`'s content holds an array nested `depth` deep."""
    data = source.read_bytes()
    number, body = _page(data, page)
    (extra,) = _next_numbers(data, 1)
    content = b"[" * depth + b"1" + b"]" * depth + b" pop"
    return _write(target, data, {number: _add_content(body, extra), extra: _stream(content)})


def memory_bomb_on_page(source: Path, target: Path, page: int, mib: int = 256) -> Path:
    """Page `page` draws `mib` MiB of line operators, flate-compressed to a few hundred KB."""
    data = source.read_bytes()
    number, body = _page(data, page)
    (extra,) = _next_numbers(data, 1)
    lines = b"0 0 m 1 1 l S\n" * (mib * 2**20 // 14)
    bomb = _stream(zlib.compress(lines, 9), b"/Filter /FlateDecode ")
    return _write(target, data, {number: _add_content(body, extra), extra: bomb})


def unloadable_page(source: Path, target: Path, page: int) -> Path:
    """Page `page`'s object is a string, not a page dictionary: pdfium counts the page and
    fails to load it, pdfminer skips it (and so numbers the pages after it differently)."""
    data = source.read_bytes()
    number, _body = _page(data, page)
    return _write(target, data, {number: b"(not a page)"})


def undecodable_page(source: Path, target: Path, page: int) -> Path:
    """Page `page`'s content stream is replaced by bytes that do not inflate (a bit-flipped
    flate stream): both parsers draw nothing there, though the page printed a table."""
    data = source.read_bytes()
    number, body = _page(data, page)
    (extra,) = _next_numbers(data, 1)
    body = re.sub(rb"/Contents \d+ 0 R", b"/Contents %d 0 R" % extra, body, count=1)
    junk = bytes((i * 151 + 7) % 256 for i in range(2000))
    return _write(target, data, {number: body, extra: _stream(b"x\x9c" + junk, b"/Filter /FlateDecode ")})


def trailing_bytes(source: Path, target: Path, size: int = 6000) -> Path:
    """A whole, valid file followed by text after %%EOF (a download site's note)."""
    note = b"\r\nThis file was downloaded from an archive.\n" * (size // 44 + 1)
    target.write_bytes(source.read_bytes() + note[:size])
    return target


# -- raw PDF surgery (reportlab writes plain, uncompressed object dictionaries) --------------

def _page(data: bytes, page: int) -> tuple[int, bytes]:
    kids = re.search(rb"/Kids \[(.*?)\]", data, re.S)
    assert kids is not None
    number = int(re.findall(rb"(\d+) 0 R", kids.group(1))[page - 1])
    found = re.search(rb"\n%d 0 obj\s*(<<.*?>>)\s*endobj" % number, data, re.S)
    assert found is not None
    return number, found.group(1)


def _next_numbers(data: bytes, count: int) -> list[int]:
    size = int(re.findall(rb"/Size (\d+)", data)[-1])
    return list(range(size, size + count))


def _add_content(page_body: bytes, stream_number: int) -> bytes:
    return re.sub(rb"/Contents (\d+ 0 R)", b"/Contents [ \\1 %d 0 R ]" % stream_number, page_body, count=1)


def _stream(content: bytes, entries: bytes = b"") -> bytes:
    return b"<< %s/Length %d >>\nstream\n" % (entries, len(content)) + content + b"\nendstream"


def _write(target: Path, data: bytes, objects: dict[int, bytes]) -> Path:
    """`data` with an incremental update holding `objects` (number → body)."""
    out = bytearray(data if data.endswith(b"\n") else data + b"\n")
    offsets = {}
    for number, body in sorted(objects.items()):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n"
    for number, offset in sorted(offsets.items()):
        out += b"%d 1\n%010d 00000 n \n" % (number, offset)
    size = max(int(re.findall(rb"/Size (\d+)", data)[-1]), max(offsets) + 1)
    root = re.findall(rb"/Root (\d+ \d+ R)", data)[-1]
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    out += b"trailer\n<< /Size %d /Root %s /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, previous, xref)
    target.write_bytes(bytes(out))
    return target
