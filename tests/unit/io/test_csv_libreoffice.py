"""The export as LibreOffice Calc really opens it (headless soffice, one run per encoding).

The CSV filter is set up the way Excel on a Japanese PC opens a CSV: Japanese locale,
special numbers (dates) detected, formulas evaluated. The converted flat ODF (.fods) says
each cell's type: start and end must be date-times, the ISO columns text, and no guarded
label a formula. An unguarded ``=SUM(…)`` in the same run is evaluated, so the check
could fail. (Excel cannot run here; its documented behaviour is reasoned about in the
README: Japanese Excel turns full-width ＝ input into a formula, so ＝ ＋ － ＠ are guarded.)
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from csv_support import at

from tracker.domain.model import Kind
from tracker.io.export import ExportOptions
from tracker.service import TrackerService

SOFFICE = shutil.which("soffice")
PDFTOPPM = shutil.which("pdftoppm")
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
pytestmark = pytest.mark.skipif(
    SOFFICE is None or PDFTOPPM is None,
    reason="LibreOffice (libreoffice-calc-nogui) or pdftoppm (poppler-utils) is not installed",
)

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}
# separator, quote, charset, first line, column formats, language (ja-JP), quoted as text,
# detect special numbers, ..., evaluate formulas (token 13)
CHARSETS = {"utf-8-sig": "76", "cp932": "60"}


def convert(
    files: list[Path], encoding: str, tmp_path: Path
) -> dict[str, list[list[dict[str, str]]]]:
    """Open ``files`` in LibreOffice Calc (one soffice run) and read each cell's type."""
    assert SOFFICE is not None
    options = f"44,34,{CHARSETS[encoding]},1,,1041,false,true,false,false,false,false,true"
    out = tmp_path / f"fods-{encoding}"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile}",
            f"--infilter=Text - txt - csv (StarCalc):{options}",
            "--convert-to",
            "fods",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=dict(os.environ, SAL_USE_VCLPLUGIN="svp"),
    )
    return {f.stem: cells(out / f"{f.stem}.fods") for f in files}


def cells(path: Path) -> list[list[dict[str, str]]]:
    rows = []
    for row in ET.parse(path).getroot().iter(f"{{{NS['table']}}}table-row"):
        found = []
        for cell in row.findall("table:table-cell", NS):
            repeat = int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
            info = {
                "type": cell.get(f"{{{NS['office']}}}value-type", ""),
                "date": cell.get(f"{{{NS['office']}}}date-value", ""),
                "value": cell.get(f"{{{NS['office']}}}value", ""),
                "formula": cell.get(f"{{{NS['table']}}}formula", ""),
                "text": "\n".join("".join(p.itertext()) for p in cell.findall("text:p", NS)),
            }
            found.extend([info] * min(repeat, 20))
        rows.append(found)
    return rows


@pytest.fixture
def exported(service: TrackerService, tmp_path: Path) -> dict[str, Path]:
    service.add_block(Kind.TASK, at(13, 9), at(13, 10, 30) + 17, "=SUM(1,2)", "＝SUM(1,2)")
    service.add_block(Kind.GROWTH, at(13, 23), at(14, 5), "＋81 学習", "-1")
    paths = {}
    for encoding in CHARSETS:
        path = tmp_path / f"blocks-{encoding}.csv"
        service.write_csv(path, ExportOptions(encoding=encoding, header="ja"))  # type: ignore[arg-type]
        paths[encoding] = path
    return paths


@pytest.mark.parametrize("encoding", list(CHARSETS))
def test_libreoffice_reads_start_and_end_as_date_times(
    exported: dict[str, Path], tmp_path: Path, encoding: str
) -> None:
    files = [exported[encoding]]
    if encoding == "utf-8-sig":  # the probe: what LibreOffice does with unguarded cells
        probe = tmp_path / "probe.csv"
        probe.write_bytes(
            '"=SUM(1,2)","＝SUM(1,2)","＋81","2023-11-13T09:00:00+09:00"\r\n'.encode("utf-8-sig")
        )
        files.append(probe)
    sheets = convert(files, encoding, tmp_path)
    rows = sheets[exported[encoding].stem]
    assert [c["text"] for c in rows[0][:4]] == ["ID", "日付", "開始", "終了"]
    first, second = rows[1], rows[2]
    assert first[1]["type"] == "date" and first[1]["date"] == "2023-11-13"
    assert (first[2]["type"], first[2]["date"]) == ("date", "2023-11-13T09:00:00")
    assert (first[3]["type"], first[3]["date"]) == ("date", "2023-11-13T10:30:17")
    assert (second[3]["type"], second[3]["date"]) == ("date", "2023-11-14T05:00:00")
    assert (first[4]["type"], first[4]["value"]) == ("float", "90.28")
    # text stays text: guarded labels and notes, the ISO columns
    for cell, text in [
        (first[6], "'=SUM(1,2)"),
        (first[7], "'＝SUM(1,2)"),
        (second[6], "'＋81 学習"),
        (second[7], "'-1"),
        (first[8], "2023-11-13T09:00:00+09:00"),
        (first[9], "2023-11-13T10:30:17+09:00"),
    ]:
        assert (cell["type"], cell["formula"], cell["text"]) == ("string", "", text)
    if encoding == "utf-8-sig":
        probe_row = sheets["probe"][0]
        assert probe_row[0]["formula"] and probe_row[0]["value"] == "3"  # = is evaluated
        # LibreOffice leaves full-width ＝ / ＋ as text (guarded anyway, for Excel)
        assert [c["type"] for c in probe_row[1:4]] == ["string"] * 3


def test_the_sheet_as_a_person_sees_it(exported: dict[str, Path], tmp_path: Path) -> None:
    """The cp932 export as Calc prints it, to test-artifacts/csv-libreoffice.png: a person
    can see the date cells shown as dates and the Japanese header and labels."""
    assert SOFFICE is not None and PDFTOPPM is not None
    options = f"44,34,{CHARSETS['cp932']},1,,1041,false,true,false,false,false,false,true"
    out = tmp_path / "pdf"
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            f"--infilter=Text - txt - csv (StarCalc):{options}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(exported["cp932"]),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=dict(os.environ, SAL_USE_VCLPLUGIN="svp"),
    )
    pdf = out / f"{exported['cp932'].stem}.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    # What the printed sheet shows: the Japanese header, the date-times, the labels.
    for shown in ("日付", "開始", "2023-11-13 10:30:17", "＋81 学習"):
        assert shown in text, (shown, text[:1500])
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        [
            PDFTOPPM,
            "-png",
            "-r",
            "110",
            "-singlefile",
            *("-W", "910", "-H", "260"),  # the rows, not the empty rest of the page
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(ARTIFACTS / "csv-libreoffice"),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    png = ARTIFACTS / "csv-libreoffice.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_date_times_are_the_local_wall_times(exported: dict[str, Path]) -> None:
    text = exported["utf-8-sig"].read_bytes().decode("utf-8-sig")
    assert "2023-11-13 09:00:00,2023-11-13 10:30:17" in text
    assert dt.datetime.fromisoformat("2023-11-13T10:30:17+09:00").timestamp() == at(13, 10, 30) + 17
