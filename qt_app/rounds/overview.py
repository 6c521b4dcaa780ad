"""The overview tab, first for an office: pick a round, see per area who was expected, who has
not started, who is in progress, who has submitted and who is overdue, the compliance of
what was submitted (inspections apart), and the units that have not reported with their
contact person and phone, to export or print for the follow-up calls; and the units whose
self-assessment the inspectors found overstated, with the full comparison a click away.

Everything shown comes from ``models.queries.rounds.round_overview``, read in the
background; a double click on a unit opens it in the assessment tab.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from models.audit import Editor
from models.catalog import latest_versions
from models.db import Database
from models.entities import Unit
from models.errors import KnownError
from models.periods import Period
from models.queries.comparison import RoundComparison
from models.queries.rounds import RoundOverview, round_overview, round_trend
from models.services import rounds as service
from models.vocabulary import ROUND_STATUSES, label_of
from qt_app.i18n import language
from qt_app.messages import known_error_text, show_error
from qt_app.rounds.comparison import ComparisonDialog, OverstatedSection, read_comparison
from qt_app.rounds.round_dialog import RoundDialog, RoundValues, UnitChoice
from qt_app.rounds.tables import AreaModel, UnitModel
from qt_app.rounds.trend import TrendChart
from qt_app.save_file import save_file
from qt_app.tables import ROW_ROLE, table_view
from qt_app.tasks import run_task


def round_title(info: service.RoundInfo) -> str:
    """A round as a list shows it: its name, and its period unless the name says it."""
    period = Period(info.period).label
    return info.name if period in info.name else f"{info.name} — {period}"


def read_rounds(database: Database) -> list[service.RoundInfo]:
    with database.session() as session:
        return service.list_rounds(session)


def read_overview(
    database: Database, round_id: uuid.UUID, as_of: dt.date
) -> tuple[RoundOverview, list]:
    with database.session() as session:
        return round_overview(session, round_id, as_of), round_trend(session, round_id)


def read_choices(database: Database) -> tuple[list[tuple[str, str]], list[UnitChoice]]:
    """The checklists and the unit tree (depth-first, with depth) for the round dialog."""
    with database.session() as session:
        checklists = [(v.checklist.slug, v.title) for v in latest_versions(session)]
        rows = session.execute(
            select(Unit.id, Unit.name, Unit.kind, Unit.parent_id)
            .where(Unit.archived_at.is_(None))
            .order_by(Unit.name)
        ).all()
    children: dict[uuid.UUID | None, list] = {}
    for row in rows:
        children.setdefault(row.parent_id, []).append(row)
    known = {row.id for row in rows}
    units: list[UnitChoice] = []

    def walk(parent: uuid.UUID | None, depth: int) -> None:
        for row in children.get(parent, []):
            units.append(UnitChoice(row.id, row.name, row.kind, depth))
            walk(row.id, depth + 1)

    walk(None, 0)
    for parent in children:  # units whose parent is archived still appear
        if parent is not None and parent not in known:
            walk(parent, 0)
    return checklists, units


class OverviewTab(QWidget):
    """The rounds of this database and the standing of the chosen one."""

    #: A unit (and its assessment in the round, if any) to open in the assessment tab.
    open_unit = Signal(object, object)
    #: The rounds changed (made, edited, closed): the unit tree's round list follows.
    rounds_changed = Signal()

    def __init__(
        self, database: Database, editor: Callable[[], Editor], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.database, self.editor = database, editor
        self.overview: RoundOverview | None = None
        self.rounds: list[service.RoundInfo] = []
        self.round = QComboBox()
        self.round.setMinimumContentsLength(30)
        self.round.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.round.currentIndexChanged.connect(self.refresh)
        self.as_of = QDateEdit(QDate.currentDate())
        self.as_of.setCalendarPopup(True)
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        self.as_of.dateChanged.connect(self.refresh)
        self.new_button = QPushButton(self.tr("Đợt mới…"))
        self.edit_button = QPushButton(self.tr("Sửa đợt…"))
        self.close_button = QPushButton(self.tr("Đóng đợt"))
        self.export_button = QPushButton(self.tr("Xuất Excel…"))
        self.print_button = QPushButton(self.tr("In danh sách chưa báo cáo…"))
        self.summary_button = QPushButton(self.tr("Báo cáo tổng hợp…"))
        self.summary_button.setToolTip(
            self.tr("Bản tổng hợp của đợt (Excel hoặc PDF), cùng số liệu và cách tính")
        )
        self.summary_button.clicked.connect(self.export_summary)
        self.new_button.clicked.connect(self.new_round)
        self.edit_button.clicked.connect(self.edit_round)
        self.close_button.clicked.connect(self.toggle_closed)
        self.export_button.clicked.connect(lambda: self.export("xlsx"))
        self.print_button.clicked.connect(lambda: self.export("pdf"))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Đợt:")))
        bar.addWidget(self.round, 1)
        bar.addWidget(QLabel(self.tr("Tính đến:")))
        bar.addWidget(self.as_of)
        for button in (self.new_button, self.edit_button, self.close_button):
            bar.addWidget(button)
        actions = QHBoxLayout()
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.basis.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        actions.addWidget(self.basis, 1)
        actions.addWidget(self.export_button)
        actions.addWidget(self.print_button)
        actions.addWidget(self.summary_button)

        self.areas = AreaModel(self)
        self.area_view = table_view(self.areas)
        self.units = UnitModel(self)
        self.unit_view = table_view(self.units)
        self.unit_view.doubleClicked.connect(self._open)
        self.only_missing = QCheckBox(self.tr("Chỉ đơn vị chưa báo cáo"))
        self.only_missing.setChecked(True)
        self.only_missing.toggled.connect(self._show_units)
        self.trend = TrendChart()
        self.overstated = OverstatedSection()
        self.overstated.compare_requested.connect(self.show_comparison)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.trend)
        right.addWidget(self.overstated)
        lower = QSplitter(Qt.Orientation.Horizontal)
        unit_box = QWidget()
        unit_layout = QVBoxLayout(unit_box)
        unit_layout.setContentsMargins(0, 0, 0, 0)
        unit_layout.addWidget(self.only_missing)
        unit_layout.addWidget(self.unit_view)
        lower.addWidget(unit_box)
        lower.addWidget(right)
        lower.setStretchFactor(0, 5)
        lower.setStretchFactor(1, 2)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.area_view)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    # -- reading --------------------------------------------------------------------

    def load(self, select: uuid.UUID | None = None) -> None:
        """Read the rounds (in the background) and show ``select`` or the current one."""
        keep = select or self.current_round()

        def done(rounds: list[service.RoundInfo]) -> None:
            self.rounds = rounds
            self.round.blockSignals(True)
            self.round.clear()
            lang = language()
            for info in rounds:
                closed = (
                    ""
                    if info.status == "open"
                    else f" ({label_of(ROUND_STATUSES, info.status, lang)})"
                )
                self.round.addItem(round_title(info) + closed, str(info.id))
            index = self.round.findData(str(keep)) if keep else 0
            self.round.setCurrentIndex(max(index, 0) if rounds else -1)
            self.round.blockSignals(False)
            self.refresh()

        run_task(read_rounds, self.database, done=done, failed=self._failed)

    def current_round(self) -> uuid.UUID | None:
        data = self.round.currentData()
        return uuid.UUID(data) if data else None

    def current_info(self) -> service.RoundInfo | None:
        return next((r for r in self.rounds if r.id == self.current_round()), None)

    def refresh(self) -> None:
        round_id = self.current_round()
        self._update_buttons()
        if round_id is None:
            self.overview = None
            self.areas.load(None)
            self.units.load([])
            self.trend.load("", [])
            self.overstated.load(None)
            self.basis.setText(self.tr("Chưa có đợt nào. Bấm “Đợt mới…” để tạo đợt báo cáo."))
            return
        qdate = self.as_of.date()
        as_of = dt.date(qdate.year(), qdate.month(), qdate.day())

        def done(result: tuple[RoundOverview, list]) -> None:
            overview, trend = result
            if overview.round.id != self.current_round():
                return  # the user picked another round meanwhile
            self.overview = overview
            self.areas.load(overview)
            self._show_units()
            self.basis.setText(overview.basis(language()))
            self.trend.load(self.tr("Tuân thủ qua các đợt"), trend)
            self._update_buttons()

        run_task(read_overview, self.database, round_id, as_of, done=done, failed=self._failed)

        def compared(comparison: RoundComparison) -> None:
            if comparison.round.id == self.current_round():
                self.overstated.load(comparison)

        run_task(read_comparison, self.database, round_id, done=compared, failed=self._failed)

    def show_comparison(self, unit_id: uuid.UUID | None = None) -> ComparisonDialog | None:
        """The round's comparison in a dialog, at ``unit_id`` if given."""
        round_id = self.current_round()
        if round_id is None:
            return None
        dialog = ComparisonDialog(self.database, round_id, self, unit_id)
        dialog.open()
        return dialog

    def _show_units(self) -> None:
        if self.overview is None:
            return
        rows = self.overview.missing if self.only_missing.isChecked() else self.overview.units
        self.units.load(rows)

    def _update_buttons(self) -> None:
        info = self.current_info()
        writable = not self.database.read_only
        self.new_button.setEnabled(writable)
        for button in (self.edit_button, self.close_button):
            button.setEnabled(writable and info is not None)
        for button in (self.export_button, self.print_button, self.summary_button):
            button.setEnabled(info is not None)
        self.close_button.setText(
            self.tr("Mở lại đợt") if info and info.status == "closed" else self.tr("Đóng đợt")
        )

    def _open(self, index) -> None:  # noqa: ANN001 (a QModelIndex)
        standing = self.units.data(index, ROW_ROLE)
        if standing is not None:
            self.open_unit.emit(
                standing.unit_id, standing.assessments[0] if standing.assessments else None
            )

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, KnownError):
            show_error(self, known_error_text(exc))
        else:
            raise exc

    # -- changing -------------------------------------------------------------------

    def new_round(self) -> None:
        checklists, units = read_choices(self.database)
        dialog = RoundDialog(checklists, units, self)
        if not dialog.exec() or dialog.values is None:
            return
        values = dialog.values
        round_id = self._write(
            lambda session: service.create_round(
                session,
                self.editor(),
                name=values.name,
                checklists=values.checklists,
                period=values.period,
                kind=values.kind,
                due_on=values.due_on,
                units=values.units,
                area_id=values.area_id,
                unit_kind=values.unit_kind,
            )
        )
        if round_id is not None:
            self.load(round_id)
            self.rounds_changed.emit()

    def edit_round(self) -> None:
        info = self.current_info()
        if info is None:
            return
        checklists, units = read_choices(self.database)
        with self.database.session() as session:
            expected = set(service.expected_units(session, info.id))
        existing = RoundValues(
            info.name, info.kind, info.period, info.due_on, list(info.checklists), None, None, None
        )
        dialog = RoundDialog(checklists, units, self, existing=existing, expected=expected)
        if not dialog.exec() or dialog.values is None:
            return
        values = dialog.values
        picked = set(values.units or [])
        done = self._write(
            lambda session: (
                service.update_round(
                    session,
                    self.editor(),
                    info.id,
                    name=values.name,
                    due_on=values.due_on,
                    add_units=sorted(picked - expected),
                    remove_units=sorted(expected - picked),
                )
                or True
            )
        )
        if done:
            self.load(info.id)
            self.rounds_changed.emit()

    def toggle_closed(self) -> None:
        info = self.current_info()
        if info is None:
            return
        status = "open" if info.status == "closed" else "closed"
        if self._write(
            lambda session: (
                service.set_round_status(session, self.editor(), info.id, status) or True
            )
        ):
            self.load(info.id)
            self.rounds_changed.emit()

    def _write(self, change: Callable) -> object | None:
        try:
            with self.database.session() as session:
                return change(session)
        except KnownError as exc:
            show_error(self, known_error_text(exc))
            return None

    def export(self, fmt: str) -> Path | None:
        """The round to Excel (figures, units not reported, every unit) or the printable list."""
        overview = self.overview
        if overview is None:
            return None
        from reports.round_report import write_missing_pdf, write_round_xlsx

        write = write_round_xlsx if fmt == "xlsx" else write_missing_pdf
        suggested = "danh-sach-chua-bao-cao" if fmt == "pdf" else "tong-hop-dot"
        return save_file(
            self, f"{suggested}.{fmt}", (f".{fmt}",), lambda path: write(overview, path)
        )

    def export_summary(self) -> Path | None:
        """The round's summary report (workbook or PDF), as of the date shown."""
        info = self.current_info()
        if info is None or self.overview is None:
            return None
        from models.queries.summary import select_round
        from reports.pdf_summary import write_summary_pdf
        from reports.xlsx_summary import write_summary_xlsx

        as_of = self.overview.as_of

        def write(path: Path) -> None:
            report = write_summary_pdf if path.suffix.lower() == ".pdf" else write_summary_xlsx
            with self.database.session() as session:
                report(session, select_round(session, str(info.id)), path, as_of=as_of)

        return save_file(self, "bao-cao-tong-hop.xlsx", (".xlsx", ".pdf"), write)
