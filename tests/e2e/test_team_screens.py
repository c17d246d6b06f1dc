"""The team window, Settings → Team and the share preview on a real X server, in English
and in Japanese, for people to look at (test-artifacts/team-*-en.png, team-*-ja.png).

The child (team_screens_app.py) shows a realistic three-person team; the texts it reports
are checked here against the data (tests/ui/team_support.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import xenv

REPO = Path(__file__).resolve().parents[2]
APP = Path(__file__).with_name("team_screens_app.py")


@pytest.mark.e2e
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_team_screens(
    lang: str, xserver: xenv.XServer, spawn: xenv.SpawnFn, artifacts_dir: Path, tmp_path: Path
) -> None:
    ready = artifacts_dir / f"team-{lang}-ready"
    ready.unlink(missing_ok=True)
    env = dict(xserver.env)
    env.update({"PYTHONPATH": str(REPO), "TZ": "Asia/Tokyo", "QT_QPA_PLATFORM": "xcb"})
    proc = spawn(
        [sys.executable, str(APP), lang, str(tmp_path / "tracker.db"), str(artifacts_dir)],
        name=f"team-{lang}",
        env=env,
    )
    xenv.wait_until(lambda: ready.exists() or not proc.alive(), timeout=60.0)
    assert ready.exists(), proc.log_text()
    headline, who, what_if, topics, intro = ready.read_text(encoding="utf-8").split("\n")
    ready.unlink()
    assert topics == "4"  # RPA（UiPath）, 労働法の改正, IFRS 16 リース, Excel マクロ
    if lang == "en":
        assert "the team's growth share is" in headline and "(3 people)" in headline
        assert who.startswith("Who to ask about ")
        assert what_if.startswith("Automating ")
        assert "your name “佐藤 花子”, your target 20 %" in intro
    else:
        assert "チームの成長比率は" in headline and "（3 人）" in headline
        assert "について聞ける人: " in who
        assert "を自動化すると毎週 " in what_if and "時間が空き" in what_if
        assert "名前「佐藤 花子」、目標 20 %" in intro
    for name in ("window", "settings", "preview"):
        assert (artifacts_dir / f"team-{name}-{lang}.png").stat().st_size > 20_000
    assert "Traceback" not in proc.log_text()
