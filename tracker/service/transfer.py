"""CSV export and import. The format lives in tracker.io, imported lazily: the tray's
start-up never needs it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.domain.model import Block, Kind
from tracker.service.model import ImportOutcome
from tracker.service.reports import Reports

if TYPE_CHECKING:
    from tracker.io.csvformat import Problems
    from tracker.io.export import ExportOptions, ExportResult, Progress
    from tracker.store.staging import Staging


class Transfer(Reports):
    def export_csv(self, options: ExportOptions, progress: Progress | None = None) -> ExportResult:
        """Render blocks or days as CSV bytes (missing range: docs/architecture.md §6)."""
        from tracker.io import export

        now = self.clock.now()
        today = self.today()
        everything = options.first is None and options.last is None
        first = options.first or min(self.first_day() or today, options.last or today)
        last = options.last or max(today, first)
        if options.what == "days":
            days = self.day_summaries(first, last)
            notes = self.store.day_notes(first, last)
            groups = export.day_rows(days, notes)
            return export.render(
                "days", groups, len(days), options.encoding, options.header, progress
            )
        if everything:
            blocks, clip = self.store.all_blocks(), None
            if self._has_remote():  # with the blocks merged from other PCs (§16)
                blocks = self._whole_between(0, 2**62)
        else:
            clip = self.grid(first, last)
            blocks = self._whole_between(clip.start, clip.end)
        rows = export.block_rows(blocks, self.tz, self.day_start, now, options.split_days, clip)
        return export.render(
            "blocks", rows, len(blocks), options.encoding, options.header, progress
        )

    def write_csv(
        self, path: Path, options: ExportOptions, progress: Progress | None = None
    ) -> ExportResult:
        """Export to a file, atomically: an existing file is replaced only on success."""
        from tracker.io.files import write_atomic

        result = self.export_csv(options, progress)
        write_atomic(path, result.data)
        return result

    def import_csv(self, path: Path, progress: ImportProgress | None = None) -> ImportOutcome:
        """Import a blocks CSV: every row checked first; on any problem nothing is added.

        Raises ``CsvImportError`` (``lines()``: ``line N: reason``) for bad rows and
        ``TrackerError`` for a file that is no blocks CSV. See :meth:`plan_csv_import`
        for ``progress``.
        """
        from tracker.io.files import read_chunks

        return self._import(read_chunks(path, _reading(progress)), str(path), True, progress)

    def plan_csv_import(self, path: Path, progress: ImportProgress | None = None) -> ImportOutcome:
        """What :meth:`import_csv` would do, without doing it: the counts it would report,
        or the same errors. ``progress(done, total)`` is called every megabyte read and
        every few thousand rows, in the calling thread: ``total`` is 1000 (``done`` per
        mille of the whole import) or 0 when the size is unknown (a pipe: ``done`` counts
        bytes). Returning False cancels (``ImportCancelledError``, nothing added). It needs
        no event loop: a front end may run the import in a worker thread with a service of
        its own (``open_service``) and pass the numbers on from the callback."""
        from tracker.io.files import read_chunks

        return self._import(read_chunks(path, _reading(progress)), str(path), False, progress)

    def import_csv_data(self, data: bytes, name: str, dry_run: bool = False) -> ImportOutcome:
        """Import CSV bytes (all rows or none). ``dry_run``: the same checks and counts,
        nothing written — the preview a person confirms before the import is applied."""
        return self._import([data], name, not dry_run, None)

    def _import(
        self,
        chunks: Iterable[bytes],
        name: str,
        apply: bool,
        progress: ImportProgress | None,
    ) -> ImportOutcome:
        """Read into a scratch file, then check (and add) in start order: flat memory."""
        from tracker.io.csvformat import Problems
        from tracker.io.reader import read_rows, rejoin
        from tracker.store.staging import Staging

        problems = Problems()
        with Staging() as staging:
            rows = rejoin(read_rows(chunks, name, self.tz, problems))
            staged = staging.add(
                (r.line, r.id, r.kind.value, r.label, r.note, r.start, r.end) for r in rows
            )
            span = staging.span()
            existing = self.store.blocks_between(*span) if span else []
            now = self.clock.now()
            outcome = self._plan_pass(staging, existing, now, problems, staged, progress, None)
            if problems:
                raise problems.error(code="import_rows_refused", params={"name": name})
            if not apply or outcome.imported == 0:
                _tick(progress, 1000, 1000)
                return outcome
            with self.store.write():
                # the stored blocks as they are now, under the write lock
                existing = self.store.blocks_between(*span) if span else []
                check = Problems()
                outcome = self._plan_pass(staging, existing, now, check, staged, progress, self)
                if check:
                    raise check.error(code="import_changed_meanwhile", params={"name": name})
        _tick(progress, 1000, 1000)
        return outcome

    def _plan_pass(
        self,
        staging: Staging,
        existing: list[Block],
        now: int,
        problems: Problems,
        staged: int,
        progress: ImportProgress | None,
        writer: Transfer | None,
    ) -> ImportOutcome:
        from tracker.io.plan import Planner
        from tracker.io.reader import ImportRow

        merged: list[Block] = []
        span = staging.span() if self._has_remote() else None
        if span is not None:  # blocks merged from other PCs count as already there (§16)
            merged = [b for b, _ in self._sync_store().remote_between(*span)]
        planner = Planner(existing, now, self.tz, problems, merged)
        base = 700 if writer is None else 850
        done = 0
        batch: list[tuple[ImportRow, bool]] = []
        new: list[Block] = []

        def flush() -> None:
            ids = [row.id for row, _ in batch if row.id is not None]
            stored = self.store.blocks_with_ids(ids) if ids else {}
            for row, first in batch:
                block = planner.feed(row, stored.get(row.id) if row.id is not None else None, first)
                if block is not None and writer is not None:
                    new.append(block)
            if new:
                self.store.insert_many(new, now)
                new.clear()
            batch.clear()
            _tick(progress, base + 150 * done // max(staged, 1), 1000)

        for (line, ident, kind, label, note, start, end), first in staging.by_start():
            batch.append((ImportRow(line, ident, Kind(kind), label, note, start, end), first))
            done += 1
            if len(batch) == 2000:
                flush()
        flush()
        return ImportOutcome(planner.new, planner.duplicates, planner.skipped)


# Called with (done, total); returning False cancels. See TrackerService.plan_csv_import.
ImportProgress = Callable[[int, int], "bool | None"]


def _tick(progress: ImportProgress | None, done: int, total: int) -> None:
    from tracker.io.files import ImportCancelledError

    if progress is not None and progress(done, total) is False:
        raise ImportCancelledError(code="import_cancelled")


def _reading(progress: ImportProgress | None) -> Callable[[int, int], bool | None] | None:
    """Bytes read as the first 70 % of an import's progress (bytes alone when the size
    is unknown)."""
    if progress is None:
        return None

    def report(done: int, size: int) -> bool | None:
        if size <= 0:
            return progress(done, 0)
        return progress(700 * min(done, size) // size, 1000)

    return report
