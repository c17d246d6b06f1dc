"""Render the app icon SVG into the PNG set, a Windows .ico and a macOS .icns.

    python scripts/make-icons.py [--svg resources/icons/growth-tracker.svg] [--out resources/icons]

Writes ``png/growth-tracker-<N>.png`` for N in 16…512, ``growth-tracker.ico`` (16…256) and
``growth-tracker.icns`` (16…1024, incl. the @2x variants). The outputs are small and are
committed, so a source checkout, ``make install-desktop`` and ``make dist`` need no Qt
rendering; run this again (``make icons``) after changing the SVG.

Qt renders (QSvgRenderer); the two containers are written here with ``struct``: both are
just a table of PNG images, which every Windows since Vista and every macOS since 10.7 read.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

REPO = Path(__file__).resolve().parents[1]
NAME = "growth-tracker"
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# (OSType, pixel size): the PNG-based icns element types.
ICNS_TYPES = (
    (b"icp4", 16),
    (b"ic11", 32),  # 16@2x
    (b"icp5", 32),
    (b"ic12", 64),  # 32@2x
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic13", 256),  # 128@2x
    (b"ic08", 256),
    (b"ic14", 512),  # 256@2x
    (b"ic09", 512),
    (b"ic10", 1024),  # 512@2x
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode a {size} px PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(images: Iterable[tuple[int, bytes]]) -> bytes:
    """An ICO file holding ``(size, png)`` images (sizes up to 256)."""
    items = sorted(images)
    header = struct.pack("<HHH", 0, 1, len(items))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(items)
    entries, blobs = b"", b""
    for size, png in items:
        if not 1 <= size <= 256:
            raise ValueError(f"an .ico image is 1…256 px, not {size}")
        dim = 0 if size == 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
        blobs += png
    return header + entries + blobs


def icns_bytes(elements: Iterable[tuple[bytes, bytes]]) -> bytes:
    """An ICNS file holding ``(ostype, png)`` elements."""
    body = b"".join(struct.pack(">4sI", kind, 8 + len(png)) + png for kind, png in elements)
    return struct.pack(">4sI", b"icns", 8 + len(body)) + body


def make_icons(svg: Path, out: Path) -> list[Path]:
    """Write every generated icon file under ``out``; returns the paths written."""
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make-icons: {svg} is not a valid SVG")
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(n for _, n in ICNS_TYPES)})
    pngs = {size: render_png(renderer, size) for size in sizes}
    written: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)

    for size in PNG_SIZES:
        write(out / "png" / f"{NAME}-{size}.png", pngs[size])
    write(out / f"{NAME}.ico", ico_bytes((n, pngs[n]) for n in ICO_SIZES))
    write(out / f"{NAME}.icns", icns_bytes((kind, pngs[n]) for kind, n in ICNS_TYPES))
    del app
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=REPO / "resources" / "icons" / f"{NAME}.svg")
    parser.add_argument("--out", type=Path, default=REPO / "resources" / "icons")
    args = parser.parse_args(argv)
    for path in make_icons(args.svg, args.out):
        print(f"{path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
