"""The part of a PDF page a viewer shows: the CropBox within the MediaBox, in user space. The
readers measure every box from it and the annotation writer maps back to it, so all three
must agree on it."""

from __future__ import annotations

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF user space


def ordered(box: object) -> Rect:
    """A PDF rectangle with its corners in order (a file may give them the other way round)."""
    x0, y0, x1, y1 = (float(v) for v in box)  # type: ignore[attr-defined]
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def visible_box(mediabox: object, cropbox: object | None) -> Rect:
    """CropBox ∩ MediaBox; the MediaBox when there is no CropBox or the two do not overlap."""
    media = ordered(mediabox)
    if cropbox is None:
        return media
    crop = ordered(cropbox)
    box = max(media[0], crop[0]), max(media[1], crop[1]), min(media[2], crop[2]), min(media[3], crop[3])
    return box if box[0] < box[2] and box[1] < box[3] else media
