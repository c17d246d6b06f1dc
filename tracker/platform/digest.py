"""SHA-256 without OpenSSL: ``hashlib`` loads libcrypto (3.3 MB resident in the tray)
only to name a lock file and a local server. CPython's own implementation gives the
same digest."""

from __future__ import annotations


def sha256_hex(data: bytes) -> str:
    try:  # CPython 3.11's built-in module (``_sha2`` from 3.12 on)
        from _sha256 import sha256  # type: ignore[import-not-found]
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found]
        except ImportError:
            from hashlib import sha256
    return str(sha256(data).hexdigest())
