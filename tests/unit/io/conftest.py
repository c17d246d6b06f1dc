"""Fixtures for the CSV tests: a second, empty database (the "new machine")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.service import TrackerService


@pytest.fixture
def other_service(make_service: Callable[..., TrackerService], tmp_path: Path) -> TrackerService:
    """An empty second database, same zone and clock."""
    return make_service(path=tmp_path / "other.db")
