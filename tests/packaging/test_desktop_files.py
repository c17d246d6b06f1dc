"""The desktop entry and the generated icon files (ICO/ICNS/PNG) are valid and current."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QImage, QImageReader

REPO = Path(__file__).resolve().parents[2]
ICONS = REPO / "resources" / "icons"
DESKTOP = REPO / "resources" / "growth-tracker.desktop"


def _make_icons_module():
    spec = importlib.util.spec_from_file_location("make_icons", REPO / "scripts" / "make-icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_desktop_entry_has_what_menus_need() -> None:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    entry = dict(line.split("=", 1) for line in lines[1:] if line and not line.startswith("#"))
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Growth Tracker" and entry["Name[ja]"] == "成長トラッカー"
    assert entry["Exec"] == "growth-tracker" and entry["Icon"] == "growth-tracker"
    assert "Office" in entry["Categories"].split(";")


def test_desktop_file_validate_accepts_it() -> None:
    tool = shutil.which("desktop-file-validate")
    assert tool, "desktop-file-validate missing: run scripts/install-system-deps.sh as root"
    out = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout == "", out.stdout + out.stderr


@pytest.mark.parametrize(
    ("name", "sizes"),
    [
        ("growth-tracker.ico", [16, 24, 32, 48, 64, 128, 256]),
        ("growth-tracker.icns", [16, 32, 32, 64, 64, 128, 256, 256, 512, 512, 1024]),
    ],
)
def test_ico_and_icns_hold_every_size(qapp: object, name: str, sizes: list[int]) -> None:
    reader = QImageReader(str(ICONS / name))
    assert reader.canRead(), reader.errorString()
    found = []
    for index in range(reader.imageCount()):
        assert reader.jumpToImage(index)
        image = reader.read()
        assert not image.isNull() and image.width() == image.height()
        found.append(image.width())
    assert sorted(found) == sizes


def test_the_committed_icons_match_the_svg(qapp: object, tmp_path: Path) -> None:
    """Regenerate into a temp folder: same files, same pixels (within antialiasing noise)."""
    make_icons = _make_icons_module()
    written = make_icons.make_icons(ICONS / "growth-tracker.svg", tmp_path)
    names = sorted(str(p.relative_to(tmp_path)) for p in written)
    committed = sorted(
        str(p.relative_to(ICONS)) for p in ICONS.rglob("*") if p.is_file() and p.suffix != ".svg"
    )
    assert names == committed
    for size in make_icons.PNG_SIZES:
        rel = f"png/growth-tracker-{size}.png"
        fresh, kept = QImage(str(tmp_path / rel)), QImage(str(ICONS / rel))
        assert kept.size() == fresh.size()
        diff = sum(
            abs(fresh.pixelColor(x, y).alpha() - kept.pixelColor(x, y).alpha())
            + abs(fresh.pixelColor(x, y).red() - kept.pixelColor(x, y).red())
            for x in range(0, size, max(1, size // 32))
            for y in range(0, size, max(1, size // 32))
        )
        samples = len(range(0, size, max(1, size // 32))) ** 2
        assert diff / samples < 4, f"{rel} differs from the SVG: run 'make icons'"


def test_ico_and_icns_writers_lay_out_the_containers() -> None:
    make_icons = _make_icons_module()
    png = b"\x89PNG\r\n\x1a\n" + b"x" * 10
    ico = make_icons.ico_bytes([(256, png), (16, png)])
    assert ico[:6] == b"\0\0\1\0\2\0"
    assert ico[6] == 16 and ico[22] == 0  # sorted; 256 is written as 0
    assert ico[6 + 12 : 6 + 16] == (6 + 32).to_bytes(4, "little")  # first image's offset
    icns = make_icons.icns_bytes([(b"icp4", png)])
    assert icns[:4] == b"icns" and int.from_bytes(icns[4:8], "big") == len(icns) == 8 + 8 + 18
    assert icns[8:12] == b"icp4" and icns[16:] == png
    with pytest.raises(ValueError):
        make_icons.ico_bytes([(512, png)])


def test_the_app_uses_the_icon_for_its_windows(qapp: object) -> None:
    from tracker.ui.startup import app_icon

    icon = app_icon()
    assert sorted(s.width() for s in icon.availableSizes()) == [16, 24, 32, 48, 64, 128, 256]
    assert not icon.pixmap(48, 48).isNull()
