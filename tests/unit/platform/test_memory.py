"""Giving start-up's memory back (tracker.platform.memory, docs/architecture.md §9)."""

from __future__ import annotations

import platform
import sys

import pytest

from tracker.platform import memory
from tracker.platform.digest import sha256_hex


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
    reason="malloc_trim is glibc's",
)
def test_free_pages_go_back_to_the_system_on_glibc() -> None:
    blocks = [bytearray(64 * 1024) for _ in range(200)]  # 12.5 MB of heap, then freed
    del blocks
    assert memory.release_free_memory() is True


def test_elsewhere_it_is_a_harmless_no(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory.sys, "platform", "win32")
    assert memory.release_free_memory() is False


def test_the_digest_is_sha256_without_openssl() -> None:
    import hashlib

    for data in (b"", b"abc", "/tmp/データ.sqlite3".encode()):
        assert sha256_hex(data) == hashlib.sha256(data).hexdigest()
