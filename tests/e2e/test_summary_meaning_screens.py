"""The summary at 1366×768 on a real X server, in English and Japanese: the week and the
month of a realistic Japanese month with one outlier day (an hour of study on a Saturday),
and the first-run hint on an empty database. Writes test-artifacts/summary-meaning-*.png and
summary-first-run-*.png for people to look at; checks each is a real, full-screen picture."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import xenv
from PySide6.QtGui import QImage

HERE = Path(__file__).resolve().parent
APP = HERE / "summary_meaning_app.py"
REPO = HERE.parents[1]
WIDTH, HEIGHT = 1366, 768


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_summary_meaning_screens(artifacts_dir: Path, tmp_path: Path, lang: str) -> None:
    if xenv.missing_tools([t for t in xenv.REQUIRED_TOOLS if t != "trayer"]):
        pytest.skip("X tools not installed")
    with xenv.start_xvfb(width=WIDTH, height=HEIGHT) as server:
        run = subprocess.run(
            [sys.executable, str(APP), str(artifacts_dir), str(tmp_path), lang],
            env=server.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=180,
        )
    assert run.returncode == 0, run.stderr[-4000:]
    shots = [Path(line) for line in run.stdout.split()]
    assert [p.name for p in shots] == [
        f"summary-meaning-week-{lang}.png",
        f"summary-meaning-month-{lang}.png",
        f"summary-first-run-{lang}.png",
    ]
    for path in shots:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (WIDTH, HEIGHT)
        colours = {image.pixel(x, y) for x in range(0, WIDTH, 8) for y in range(0, HEIGHT, 8)}
        assert len(colours) > 30, f"{path.name} looks blank"
