"""Mutations of a PDF for benchmarks/fuzz_check.py: damage at the byte, object and text level.

Object-level changes are appended as an incremental update (the original bytes stay, a new
xref section points at the changed objects), so the file is damaged only where intended and
works the same for classic and cross-reference-stream PDFs. Each mutation returns the new bytes,
or None when the file has nothing it applies to (the caller then picks another).
"""

from __future__ import annotations

import base64
import random
import re
import zlib
from collections.abc import Callable

_OBJ = re.compile(rb"(?<![0-9])(\d+)\s+(\d+)\s+obj\b(.*?)\bendobj", re.S)
_STREAM = re.compile(rb"^(.*?)\bstream\r?\n", re.S)
_LENGTH = re.compile(rb"/Length\s+\d+(?:\s+\d+\s+R)?")


class Pdf:
    """The top-level objects of a PDF (those outside object streams) and an incremental update."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.objects: dict[int, bytes] = {}
        for m in _OBJ.finditer(data):
            self.objects[int(m.group(1))] = m.group(3)
        self.updates: dict[int, bytes] = {}
        sizes = [int(x) for x in re.findall(rb"/Size\s+(\d+)", data)]
        self.next_num = max([*self.objects, *(s - 1 for s in sizes), 0]) + 1
        roots = re.findall(rb"/Root\s+(\d+\s+\d+\s+R)", data)
        self.root = roots[-1] if roots else None
        prev = re.findall(rb"startxref\s+(\d+)", data)
        self.prev = int(prev[-1]) if prev else None

    def body(self, num: int) -> bytes:
        return self.updates.get(num, self.objects[num])

    def find(self, needle: bytes, streams: bool | None = None) -> list[int]:
        out = []
        for num in self.objects:
            body = self.body(num)
            head = body.split(b"stream", 1)[0] if b"stream" in body else body
            if needle in head and (streams is None or (b"stream" in body) == streams):
                out.append(num)
        return out

    def stream(self, num: int) -> tuple[bytes, bytes] | None:
        """(dictionary, decoded data) of a stream object (Flate undone; other filters kept)."""
        body = self.body(num)
        m = _STREAM.match(body)
        end = body.rfind(b"endstream")
        if not m or end < m.end():
            return None
        head, raw = m.group(1), body[m.end() : end].rstrip(b"\r\n")
        if b"/ASCII85Decode" in head:  # reportlab: [/ASCII85Decode /FlateDecode]; written back as Flate only
            try:
                raw = base64.a85decode(raw.strip(), adobe=raw.strip().endswith(b"~>"))
            except ValueError:
                return None
            head = re.sub(rb"/Filter\s*(\[[^\]]*\]|/\w+)", b"/Filter /FlateDecode", head)
        if b"/FlateDecode" in head:
            try:
                raw = zlib.decompressobj().decompress(raw)
            except zlib.error:
                return None
        return head, raw

    def set_stream(self, num: int, head: bytes, data: bytes) -> None:
        if b"/FlateDecode" in head:
            data = zlib.compress(data, 6)
        head = _LENGTH.sub(b"/Length %d" % len(data), head) if _LENGTH.search(head) else head.replace(
            b"<<", b"<< /Length %d" % len(data), 1
        )
        self.updates[num] = head.rstrip() + b"\nstream\n" + data + b"\nendstream\n"

    def add(self, body: bytes) -> int:
        num = self.next_num
        self.next_num += 1
        self.updates[num] = body
        return num

    def save(self) -> bytes:
        if not self.updates:
            return self.data
        out = bytearray(self.data)
        if not out.endswith(b"\n"):
            out += b"\n"
        offsets = {}
        for num, body in sorted(self.updates.items()):
            offsets[num] = len(out)
            out += b"%d 0 obj\n" % num + body.strip() + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 1\n0000000000 65535 f \n"
        for num, offset in sorted(offsets.items()):
            out += b"%d 1\n%010d 00000 n \n" % (num, offset)
        trailer = b"/Size %d" % self.next_num
        if self.root:
            trailer += b" /Root " + self.root
        if self.prev is not None:
            trailer += b" /Prev %d" % self.prev
        out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)


def _pages(pdf: Pdf) -> list[int]:
    return [n for n in pdf.find(b"/Type", streams=False) if re.search(rb"/Type\s*/Page\b(?!s)", pdf.body(n))]


def flip_stream(data: bytes, rng: random.Random) -> bytes | None:
    pdf = Pdf(data)
    streams = [n for n in pdf.objects if b"stream" in pdf.objects[n]]
    rng.shuffle(streams)
    for num in streams[:5]:
        got = pdf.stream(num)
        if got and got[1]:
            head, raw = got
            buf = bytearray(raw)
            for _ in range(rng.randint(1, 8)):
                buf[rng.randrange(len(buf))] = rng.randrange(256)
            pdf.set_stream(num, head, bytes(buf))
            return pdf.save()
    return None


def flip_raw(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 16)):
        buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def duplicate_object(data: bytes, rng: random.Random) -> bytes | None:
    """Another object's body under an existing number, inserted at an object boundary."""
    spans = list(_OBJ.finditer(data))
    if len(spans) < 2:
        return None
    target, other = rng.sample(spans, 2)
    block = target.group(1) + b" 0 obj" + other.group(3) + b"endobj\n"
    at = rng.choice(spans).start()
    return data[:at] + block + data[at:]


def duplicate_kids(data: bytes, rng: random.Random) -> bytes | None:
    pdf = Pdf(data)
    for num in pdf.find(b"/Kids", streams=False):
        body = pdf.body(num)
        m = re.search(rb"/Kids\s*\[\s*(\d+\s+\d+\s+R)", body)
        if m:
            kids = b" ".join([m.group(1)] * rng.choice([200, 2000, 20000]))
            pdf.updates[num] = re.sub(rb"/Kids\s*\[[^\]]*\]", b"/Kids [" + kids + b"]", body, count=1)
            return pdf.save()
    return None


def _replace_contents(pdf: Pdf, value: bytes, rng: random.Random) -> bool:
    pages = _pages(pdf)
    if not pages:
        return False
    num = rng.choice(pages)
    body = pdf.body(num)
    if re.search(rb"/Contents\s*(\d+\s+\d+\s+R|\[[^\]]*\])", body):
        body = re.sub(rb"/Contents\s*(\d+\s+\d+\s+R|\[[^\]]*\])", b"/Contents " + value, body, count=1)
    else:
        body = body.replace(b"<<", b"<< /Contents " + value, 1)
    pdf.updates[num] = body
    return True


def reference_loop(data: bytes, rng: random.Random) -> bytes | None:
    pdf = Pdf(data)
    first = pdf.next_num
    if rng.random() < 0.5:
        pdf.add(b"%d 0 R" % first)  # 7 0 obj 7 0 R
    else:
        pdf.add(b"%d 0 R" % (first + 1))
        pdf.add(b"%d 0 R" % first)
    return pdf.save() if _replace_contents(pdf, b"%d 0 R" % first, rng) else None


def _first_contents(pdf: Pdf) -> bytes | None:
    for num in _pages(pdf):
        m = re.search(rb"/Contents\s*(\d+\s+\d+\s+R)", pdf.body(num))
        if m:
            return m.group(1)
    return None


def contents_array(data: bytes, rng: random.Random) -> bytes | None:
    pdf = Pdf(data)
    ref = _first_contents(pdf)
    if ref is None:
        return None
    value = b"[" + b" ".join([ref] * rng.choice([1000, 10000, 50000])) + b"]"
    return pdf.save() if _replace_contents(pdf, value, rng) else None


_BOMBS: dict[int, bytes] = {}


def flate_bomb(data: bytes, rng: random.Random) -> bytes | None:
    mib = rng.choice([20, 50, 200])
    if mib not in _BOMBS:
        line = b"0 0 m 1 1 l S\n"
        comp = zlib.compressobj(9)
        chunk = line * (1024 * 1024 // len(line))
        _BOMBS[mib] = b"".join(comp.compress(chunk) for _ in range(mib)) + comp.flush()
    pdf = Pdf(data)
    bomb = pdf.add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(_BOMBS[mib]) + _BOMBS[mib] + b"\nendstream")
    ref = _first_contents(pdf)
    value = b"[" + (ref + b" " if ref else b"") + b"%d 0 R]" % bomb
    return pdf.save() if _replace_contents(pdf, value, rng) else None


def deep_nesting(data: bytes, rng: random.Random) -> bytes | None:
    pdf = Pdf(data)
    depth = rng.choice([1000, 5000, 50000])
    kind = rng.choice([b"[", b"<<", b"q "])
    close = {b"[": b"]", b"<<": b">>", b"q ": b"Q "}[kind]
    stream = pdf.add(b"<< /Length 0 >>\nstream\n\nendstream")
    pdf.set_stream(stream, b"<< /Length 0 >>", kind * depth + b" " + close * depth + b"\n")
    ref = _first_contents(pdf)
    value = b"[%d 0 R" % stream + (b" " + ref if ref else b"") + b"]"
    return pdf.save() if _replace_contents(pdf, value, rng) else None


def huge_cmap(data: bytes, rng: random.Random) -> bytes | None:
    pdf = Pdf(data)
    fonts = pdf.find(b"/Type0", streams=False) or pdf.find(b"/Font", streams=False)
    if not fonts:
        return None
    codes = rng.choice([4, 6, 8])  # hex digits: 64K, 16M, 4G codes
    top = b"F" * codes
    zero = b"0" * codes
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <" + zero + b"> <" + top + b"> endcodespacerange\n"
        b"1 beginbfrange <" + zero + b"> <" + top + b"> <0041> endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    stream = pdf.add(b"<< /Length 0 >>\nstream\n\nendstream")
    pdf.set_stream(stream, b"<< /Length 0 >>", cmap)
    _set_tounicode(pdf, rng.choice(fonts), stream)
    return pdf.save()


def _set_tounicode(pdf: Pdf, font: int, stream: int) -> None:
    body = pdf.body(font)
    ref = b"/ToUnicode %d 0 R" % stream
    if re.search(rb"/ToUnicode\s+\d+\s+\d+\s+R", body):
        body = re.sub(rb"/ToUnicode\s+\d+\s+\d+\s+R", ref, body, count=1)
    else:
        body = body.replace(b"<<", b"<< " + ref + b" ", 1)
    pdf.updates[font] = body


CONTROL_TARGETS = [b"0001", b"0007", b"001B", b"001F", b"007F", b"0085", b"FFFE", b"FFFF", b"D800", b"DFFF"]
# characters every disclosure prints (UCS-2 codes: reportlab's CID fonts use them as codes)
COMMON = "合计支出收入预算表部门单位社会保障行政运行一般公共0123456789.,"


def control_text(data: bytes, rng: random.Random) -> bytes | None:
    """A ToUnicode map sending some characters to controls, U+FFFE/FFFF or a lone surrogate."""
    pdf = Pdf(data)
    maps = [n for n in pdf.objects if b"begincmap" in (pdf.stream(n) or (b"", b""))[1]] if len(pdf.objects) < 3000 else []
    if maps:
        num = rng.choice(maps)
        head, cmap = pdf.stream(num)  # type: ignore[misc]
        pairs = list(re.finditer(rb"<([0-9A-Fa-f]{2,4})>\s*<([0-9A-Fa-f]{4})>", cmap))
        if pairs:
            buf = cmap
            for m in sorted(rng.sample(pairs, min(len(pairs), rng.randint(1, 6))), key=lambda m: -m.start()):
                buf = buf[: m.start(2)] + rng.choice(CONTROL_TARGETS) + buf[m.end(2) :]
            pdf.set_stream(num, head, buf)
            return pdf.save()
    fonts = pdf.find(b"/Type0", streams=False)
    if not fonts:
        return None
    chosen = rng.sample(COMMON, rng.randint(1, 5))
    # keyed by the code (pdfium) and by the CID the code stands for (pdfminer looks up CIDs)
    keys = [(ord(ch), _cid(ch)) for ch in chosen]
    entries = b"".join(
        b"<%04X> <%s>\n" % (key, rng.choice(CONTROL_TARGETS)) for pair in keys for key in sorted(set(pair))
    )
    count = entries.count(b"\n")
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"%d beginbfchar\n" % count + entries + b"endbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    stream = pdf.add(b"<< /Length 0 >>\nstream\n\nendstream")
    pdf.set_stream(stream, b"<< /Length 0 >>", cmap)
    _set_tounicode(pdf, rng.choice(fonts), stream)
    return pdf.save()


def _cid(ch: str) -> int:
    """The CID reportlab's STSong-Light (UniGB-UCS2-H) prints for `ch`."""
    try:
        from pdfminer.cmapdb import CMapDB

        cids = list(CMapDB.get_cmap("UniGB-UCS2-H").decode(ch.encode("utf-16-be")))
        return cids[0] if cids else ord(ch)
    except Exception:  # noqa: BLE001 — only a better aim at pdfminer's lookup
        return ord(ch)


def unchanged(data: bytes, rng: random.Random) -> bytes:
    return data


# name → (weight, mutation); the heavy ones (bombs, loops, huge maps) are rarer: each may run to
# the time limit
MUTATIONS: dict[str, tuple[int, Callable[[bytes, random.Random], bytes | None]]] = {
    "flip_stream": (30, flip_stream),
    "control_text": (18, control_text),
    "flip_raw": (12, flip_raw),
    "truncate": (8, truncate),
    "duplicate_object": (6, duplicate_object),
    "duplicate_kids": (3, duplicate_kids),
    "reference_loop": (2, reference_loop),
    "deep_nesting": (3, deep_nesting),
    "contents_array": (1, contents_array),
    "huge_cmap": (2, huge_cmap),
    "flate_bomb": (1, flate_bomb),
    "unchanged": (4, unchanged),
}
