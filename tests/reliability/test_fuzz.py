"""Fuzzing with hypothesis: CLI arguments and CSV import.

CLI: argument lists drawn from the real sub-commands and options mixed with garbage run
in-process through ``tracker.cli.main`` over a temporary database; among them digits that
are not ASCII, bytes that are not UTF-8 (surrogate-escaped, as a shell hands them over),
empty values, and devices or a FIFO as --db and -o. Exit codes are 0, 1 or
2; 2 exactly when argparse rejects the command line; no traceback is ever printed; an
exit 1 is one line (``import`` may add ``line N: ...`` rows).

CSV: random bytes and mutated valid exports (utf-8-sig, utf-8 and cp932), spliced with
rows in other encodings (Shift_JIS in UTF-8, EUC-JP, UTF-16, Latin-1), surrogate-escaped
bytes, Unicode digits (① ² ٣ １) in ids, far years; and device files (like /dev/zero,
/dev/urandom, /dev/null, made privately in the test's folder) given to the real CLI: never
a traceback; either every row is imported or none; every problem line names a line number.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from relsupport import run_main

from tracker.cli import build_parser
from tracker.domain.clock import FakeClock
from tracker.domain.model import Block, Kind, Source, TrackerError
from tracker.io.csvformat import CsvImportError
from tracker.io.export import ExportOptions
from tracker.service import TrackerService
from tracker.store import Store

pytestmark = pytest.mark.slow

COMMANDS = [
    "start", "switch", "stop", "status", "add", "list", "edit", "delete",
    "report", "export", "import", "config", "team",
]  # fmt: skip
OPTIONS = [
    "--at", "--json", "--date", "--from", "--to", "--kind", "--label", "--note", "--start",
    "--end", "--what", "--encoding", "--split-days", "--header", "-o", "--output", "--",
    "--db", "--dry-run", "--remove",
]  # fmt: skip
VALUES = [
    "task", "growth", "today", "yesterday", "2023-11-15", "2023-11-15 09:00", "09:30",
    "25:00", "2024-02-30", "2023-03-26 02:30", "2023-11-15T09:00:00+09:00", "1", "0", "-1",
    "99999999999999999999", "blocks", "days", "cp932", "utf-8", "ja", "en", "target",
    "day_start", "end_of_day", "away_minutes", "language", "tray_click", "25%", "1.5",
    "off", "on", "-", "x.csv", "学習", "", " ", "\t", "a\nb", "--", "NaN", "%s",
    "zero", "urandom", "null", "full", "link.csv", "0001-01-01 09:00", "9999-12-31 23:00",
    # digits that are not ASCII (int() and \\d take them), as an IME or another script types
    "１", "٣", "０９:３０", "2023-11-１5", "①", "²", "1_0", "+1", "-x", "--label=-x",
    # bytes that are not UTF-8, as a shell hands them over (surrogate-escaped)
    "\udcff", "a\udc83b", "\udc83e\udc83g",
    # the special files above are made in the test's own folder (see _special_files); the
    # FIFO only as --db below: reading one that no program writes waits for ever
]  # fmt: skip

# values twice as often as options, garbage text now and then: mostly well-formed lines
token = st.one_of(
    st.sampled_from(VALUES),
    st.sampled_from(VALUES),
    st.sampled_from(OPTIONS),
    st.text(max_size=12),
)
# well-formed beginnings, so the fuzz reaches past argparse into the commands
HEADS: dict[str, list[list[str]]] = {
    "start": [["task"], ["growth", "学習"], ["task", "\udcff x"], ["growth", "--at", "０９:００"]],
    "switch": [["task"], ["growth"], ["growth", "a\udc83b"]],
    "add": [
        ["task", "2023-11-15 09:00", "2023-11-15 10:00"],
        ["growth", "09:00", "08:00"],
        ["task", "2023-11-15 09:00", "2023-11-15 10:00", "--note", "\udce9"],
    ],
    "edit": [["1"], ["2"], ["１"], ["1", "--label", "\udc83e"]],
    "delete": [["1"]],
    "import": [["x.csv"], ["zero"], ["urandom"], ["null"], ["mixed.csv"]],
    "config": [["target"], ["day_start", "5"], ["language", "ja"], ["team_folder", "."],
               ["team_folder", "null"], ["team_name", "佐藤"], ["team_name", "a\nb"]],
    "team": [["share"], ["share", "--dry-run"], ["leave"], ["private", "学習"], ["public", "-x"],
             ["alias", "請求書確認", "請求書チェック"], ["alias", "学習", "--remove"],
             ["export", "-o", "x.csv"], ["export", "-o", "null"], ["--from", "2023-11-15"]],
}  # fmt: skip


@st.composite
def argv_strategy(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(COMMANDS))
    head = draw(st.sampled_from([[], *HEADS.get(command, [])]))
    argv = [command, *head, *draw(st.lists(token, max_size=4))]
    if draw(st.integers(0, 5)) == 0:  # another database: empty, a device, a FIFO
        argv += ["--db", draw(st.sampled_from(["", "null", "full", "fifo", "\udcff.db"]))]
    return argv


def _special_files(folder: Path) -> None:
    """``null``, ``zero``, ``full``, ``urandom``: devices like the system's; and ``fifo``.

    Private nodes in the test's folder, never the system's own: a command that replaces
    or chmods its target (as root) must not damage the machine's /dev/null. Without root
    to make device nodes, links to the system's ones (which a non-root process cannot
    replace or chmod) stand in.
    """
    import stat

    for name, minor in (("null", 3), ("zero", 5), ("full", 7), ("urandom", 9)):
        try:
            os.mknod(folder / name, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
        except PermissionError:
            (folder / name).symlink_to(f"/dev/{name}")
    os.mkfifo(folder / "fifo")


def parses(argv: list[str]) -> bool:
    """Whether argparse accepts the command line (its own judgement, quietly)."""
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            build_parser().parse_args(argv)
        except SystemExit as exc:
            return exc.code == 0
    return True


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(argv=argv_strategy())
def test_cli_fuzz_exit_codes_and_no_tracebacks(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # -o x.csv and import x.csv stay inside
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # start_at_login
    (tmp_path / "x.csv").write_bytes(b"kind,start,end\ntask,2023-11-15 09:00,10:00\n")
    (tmp_path / "mixed.csv").write_bytes(
        "kind,start,end,label\ntask,2023-11-14 09:00,2023-11-14 10:00,経理\n".encode()
        + "task,2023-11-14 10:00,2023-11-14 11:00,経理\n".encode("cp932")
    )
    if not (tmp_path / "fifo").exists():  # tmp_path is shared by the examples
        _special_files(tmp_path)
        (tmp_path / "link.csv").symlink_to(tmp_path / "null")
    db = tmp_path / "fuzz.db"
    code, out, err = run_main(db, argv)
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in out + err, (argv, err)
    assert (code == 2) == (not parses(argv)), (argv, code, err)
    if code == 1:
        lines = err.splitlines()
        assert lines and lines[0].startswith("growth-tracker: "), (argv, err)
        if argv[0] != "import":
            assert len(lines) == 1, (argv, err)
        else:
            assert all(re.match(r"line \d+: |… and \d+ more", x) for x in lines[1:]), err
    assert "unexpected error" not in err, (argv, err)
    for name in ("null", "zero", "full", "urandom"):  # -o DEVICE never replaces it
        assert stat.S_ISCHR(os.stat(tmp_path / name).st_mode), argv


# -- CSV import ---------------------------------------------------------------------------

TZ = ZoneInfo("Asia/Tokyo")
NOW = 1_700_006_400 + 30 * 86400


def _make_valid() -> dict[tuple[str, str], bytes]:
    """Real exports of a few blocks (labels with Japanese, commas, quotes, a formula)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="gt-csv-"))
    store = Store(folder / "src.db")
    service = TrackerService(store, FakeClock(NOW), TZ)
    labels = ["月次決算", "RPA 勉強", 'say "hi", then', "=SUM(A1)", ""]
    for i, label in enumerate(labels):
        start = 1_700_006_400 + i * 5400
        service.add_block(Kind.TASK if i % 2 else Kind.GROWTH, start, start + 3600, label)
    found = {}
    for encoding in ("utf-8-sig", "utf-8", "cp932"):
        for header in ("en", "ja"):
            options = ExportOptions("blocks", None, None, encoding, header, False)
            found[(encoding, header)] = service.export_csv(options).data
    store.close()
    return found


_VALID = _make_valid()


@st.composite
def csv_bytes(draw: st.DrawFn) -> bytes:
    if draw(st.booleans()):
        return draw(st.binary(max_size=300))
    key = (
        draw(st.sampled_from(["utf-8-sig", "utf-8", "cp932"])),
        draw(st.sampled_from(["en", "ja"])),
    )
    data = bytearray(_VALID[key])
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(
            st.sampled_from(["flip", "delete", "insert", "dup-line", "cut", "foreign", "cell"])
        )
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "delete":
            del data[at : at + draw(st.integers(1, 8))]
        elif action == "insert":
            data[at:at] = draw(st.sampled_from([b",", b'"', b"\n", b"\r", b"\x00", b"25:00"]))
        elif action == "dup-line":
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            data = bytearray(b"\n".join(lines))
        elif action == "foreign":  # text in another encoding spliced in
            text = draw(st.sampled_from(FOREIGN_TEXT))
            encoding = draw(st.sampled_from(["cp932", "euc-jp", "utf-16", "latin-1", "utf-8"]))
            data[at:at] = text.encode(encoding, "replace")
        elif action == "cell":  # an odd value in place of a cell
            lines = bytes(data).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            cells = lines[i].split(b",")
            j = draw(st.integers(0, len(cells) - 1))
            cells[j] = draw(st.sampled_from(ODD_CELLS))
            lines[i] = b",".join(cells)
            data = bytearray(b"\n".join(lines))
        else:
            del data[at:]
    return bytes(data)


FOREIGN_TEXT = ["経理", "月次決算〜", "café", "−5", "\udce9\udc80"]
ODD_CELLS = [
    "①".encode(), "²".encode(), "٣".encode(), "１２".encode(), b"0001-01-01 09:00:00",
    b"1969-12-31T23:59:59+00:00", b"9999-12-31 23:59:59", b"3000-01-01 00:00:00",
    "＝SUM(1,2)".encode(), "\udce9".encode("utf-8", "surrogateescape"),
    "x\udcff".encode("utf-8", "surrogatepass"), b"2023/11/14 9:00", b"",
]  # fmt: skip


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=csv_bytes())
def test_csv_import_fuzz_all_or_nothing_with_line_numbers(data: bytes, tmp_path: Path) -> None:
    db = tmp_path / "import.db"
    db.unlink(missing_ok=True)
    store = Store(db)
    try:
        service = TrackerService(store, FakeClock(NOW), TZ)
        service.add_block(Kind.TASK, NOW - 7200, NOW - 3600, "already here")
        before = store.all_blocks()
        try:
            outcome = service.import_csv_data(data, "fuzz.csv")
        except CsvImportError as exc:
            assert store.all_blocks() == before, "a refused import changed the database"
            assert exc.summary and "\n" not in exc.summary
            for line in exc.lines():
                assert re.match(r"line \d+: \S|… and \d+ more", line), line
            return
        except TrackerError as exc:
            assert store.all_blocks() == before, "a refused import changed the database"
            assert "\n" not in str(exc)
            return
        after = store.all_blocks()
        assert len(after) == len(before) + outcome.imported
        new = [b for b in after if b not in before]
        assert all(isinstance(b, Block) and b.source is Source.IMPORT for b in new)
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
