"""A blocks CSV's bytes as text lines: a UTF-8 byte-order mark means UTF-8; otherwise each
line is UTF-8 or cp932 (Shift_JIS, what Excel on Japanese Windows writes for "CSV"), and the
file keeps to one of them. A file mixing the two, a line that is neither, UTF-16, a binary
file or a line too long for a blocks CSV is refused, naming the line (decoding it anyway
stores mojibake such as 邨檎炊 for 経理). The lines are cut from the chunks as they arrive, so
memory stays flat whatever the file's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from tracker.domain.model import TrackerError

SAMPLE = 65536  # bytes looked at to tell a text file from a binary one
# A physical line longer than this is no blocks CSV (a label is at most 200 characters, a
# note 2 000, and a note's newlines end physical lines); it also bounds the memory a
# file without newlines (/dev/zero) takes.
MAX_LINE = 256 * 1024
_ENCODING_NAMES = {"utf-8": "UTF-8", "cp932": "Shift_JIS (cp932)"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _physical_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The byte stream cut after each LF (no cp932 or UTF-8 byte sequence contains one)."""
    rest = b""
    for chunk in chunks:
        if not chunk:
            continue
        parts = (rest + chunk).split(b"\n")
        rest = parts.pop()
        for part in parts:
            yield part + b"\n"
        if len(rest) > MAX_LINE:
            yield rest  # the decoder refuses it (binary, or too long)
            rest = b""
    if rest:
        yield rest


class _Decoder:
    """Decodes line after line and holds the file to one encoding."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.encoding: str | None = None  # set by the BOM or the first non-ASCII line
        self.first_line = 0  # the line that set it
        self.bom = False
        self.seen = 0  # bytes of the file looked at
        self.controls = 0
        self.sample = 0

    def first(self, data: bytes) -> bytes:
        """Whole-file checks on the first line; returns it without a BOM."""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise TrackerError(
                code="import_utf16",
                params={"name": self.name},
            )
        if data.startswith(b"\xef\xbb\xbf"):
            self.bom, self.encoding, self.first_line = True, "utf-8", 1
            return data[3:]
        return data

    def decode(self, line: int, data: bytes) -> str:
        if self.seen < SAMPLE and b"\x00" in data[: SAMPLE - self.seen]:
            raise _binary(self.name)
        self.seen += len(data)
        if len(data) > MAX_LINE:
            raise TrackerError(
                code="import_line_too_long",
                params={"name": self.name, "line": line, "limit": MAX_LINE // 1024},
            )
        if data.isascii():
            text = data.decode("ascii")
        elif self.bom:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                raise _undecodable(self.name, line, "utf-8", bom=True) from None
        elif self.encoding is not None:
            text = self._as(line, data, self.encoding)
        else:
            for encoding in ("utf-8", "cp932"):
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    continue
                self.encoding, self.first_line = encoding, line
                break
            else:
                raise _undecodable(self.name, line)
        if self.sample < SAMPLE:  # a stray control character is a row error; many: binary
            self.sample += len(text)
            self.controls += len(_CONTROL.findall(text))
            if self.controls > max(8, self.sample // 100):
                raise _binary(self.name)
        return text

    def _as(self, line: int, data: bytes, encoding: str) -> str:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            pass
        other = "cp932" if encoding == "utf-8" else "utf-8"
        try:
            data.decode(other)
        except UnicodeDecodeError:
            raise _undecodable(self.name, line, encoding) from None
        raise TrackerError(
            code="import_mixed_encodings",
            params={
                "name": self.name,
                "first": self.first_line,
                "first_encoding": _ENCODING_NAMES[encoding],
                "line": line,
                "encoding": _ENCODING_NAMES[other],
            },
        )


def _binary(name: str) -> TrackerError:
    return TrackerError(
        code="import_binary",
        params={"name": name},
    )


def _undecodable(
    name: str, line: int, encoding: str | None = None, bom: bool = False
) -> TrackerError:
    return TrackerError(
        code="import_undecodable",
        variant="bom" if bom else "after" if encoding else None,
        params={"name": name, "line": line, "encoding": _ENCODING_NAMES.get(encoding or "")},
    )


def text_lines(chunks: Iterable[bytes], name: str) -> Iterator[str]:
    """The file's physical lines as text; raises on binary, UTF-16, mixed or undecodable."""
    decoder = _Decoder(name)
    held: list[str] | None = []  # the first 64 KB are checked whole before any is parsed
    lines = enumerate(_physical_lines(chunks), 1)
    for number, data in lines:
        if number == 1:
            data = decoder.first(data)
        try:
            text = decoder.decode(number, data)
        except TrackerError as error:
            # A line that does not decode early on may be the first sign of a binary
            # file whose NUL bytes come a few lines later: name it as binary then.
            if error.code == "import_undecodable" and held is not None:
                _refuse_binary_sample(decoder, lines)
            raise
        if held is None:
            yield text
        else:
            held.append(text)
            if decoder.seen >= SAMPLE:
                yield from held
                held = None
    yield from held or ()


def _refuse_binary_sample(decoder: _Decoder, lines: Iterator[tuple[int, bytes]]) -> None:
    """Raise the binary-file error if a NUL byte stands within the first 64 KB."""
    for _number, data in lines:
        if b"\x00" in data[: max(SAMPLE - decoder.seen, 0)]:
            raise _binary(decoder.name)
        decoder.seen += len(data)
        if decoder.seen >= SAMPLE:
            return
