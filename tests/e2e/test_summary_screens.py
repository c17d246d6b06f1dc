"""The summary window on a real X server: day, week and month views, light and dark, in
English and Japanese (at 1366×768), 100 % and 200 % scale, with Japanese labels. Writes
test-artifacts/summary-*.png and ja-summary-*.png for people to look at (and for the
README); checks each is a real picture holding both kind colours."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import xenv
from PySide6.QtGui import QColor, QImage

HERE = Path(__file__).resolve().parent
APP = HERE / "summary_screens_app.py"
REPO = HERE.parents[1]
TASK_RGB, GROWTH_RGB = (0x00, 0x72, 0xB2), (0xE6, 0x9F, 0x00)


def shoot(
    env: dict[str, str], out: Path, work: Path, mode: str, suffix: str, lang: str = "en"
) -> list[Path]:
    work.mkdir(parents=True, exist_ok=True)
    run = subprocess.run(
        [sys.executable, str(APP), str(out), str(work), mode, suffix, lang],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    return [Path(line) for line in run.stdout.split()]


def check_picture(path: Path, width: int, height: int, dark: bool) -> None:
    image = QImage(str(path))
    assert (image.width(), image.height()) == (width, height)
    step = max(1, width // 320)
    seen: set[int] = set()
    lum: list[float] = []
    for y in range(0, height, step):
        for x in range(0, width, step):
            rgb = image.pixel(x, y) & 0xFFFFFF
            seen.add(rgb)
            lum.append(QColor(rgb).lightnessF())
    mean = sum(lum) / len(lum)
    variance = sum((v - mean) ** 2 for v in lum) / len(lum)
    assert variance > 0.005, f"{path.name} looks blank (variance {variance:.4f})"
    assert len(seen) > 100
    colours = {(c >> 16 & 255, c >> 8 & 255, c & 255) for c in seen}
    assert TASK_RGB in colours and GROWTH_RGB in colours, f"{path.name}: no chart bars"
    assert (mean < 0.5) == dark, f"{path.name}: mean lightness {mean:.2f}"


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_summary_screens(
    xserver: xenv.XServer, artifacts_dir: Path, tmp_path: Path, mode: str
) -> None:
    suffix = "" if mode == "light" else "-dark"
    shots = shoot(xserver.env, artifacts_dir, tmp_path / mode, mode, suffix)
    assert [p.name for p in shots] == [
        f"summary-{view}{suffix}.png" for view in ("day", "week", "month")
    ]
    for path in shots:
        check_picture(path, xserver.width, xserver.height, dark=mode == "dark")


def test_summary_screens_in_japanese(artifacts_dir: Path, tmp_path: Path) -> None:
    if xenv.missing_tools([t for t in xenv.REQUIRED_TOOLS if t != "trayer"]):
        pytest.skip("X tools not installed")
    with xenv.start_xvfb(width=1366, height=768) as server:  # a common small laptop
        shots = shoot(server.env, artifacts_dir, tmp_path, "light", "", "ja")
    assert [p.name for p in shots] == [
        f"ja-summary-{view}.png" for view in ("day", "week", "month")
    ]
    for path in shots:
        check_picture(path, 1366, 768, dark=False)


@pytest.mark.slow
def test_summary_screens_at_200_percent(artifacts_dir: Path, tmp_path: Path) -> None:
    if xenv.missing_tools([t for t in xenv.REQUIRED_TOOLS if t != "trayer"]):
        pytest.skip("X tools not installed")
    with xenv.start_xvfb(width=2560, height=1600) as server:
        env = {**server.env, "QT_SCALE_FACTOR": "2"}
        shots = shoot(env, artifacts_dir, tmp_path, "light", "-200")
        for path in shots:
            check_picture(path, 2560, 1600, dark=False)
