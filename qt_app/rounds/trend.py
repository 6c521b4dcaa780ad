"""A small line chart of compliance across the rounds of the same checklists, drawn with
QPainter: Qt Charts lives in PySide6-Addons, which would add far more to the installed
program than one chart is worth."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from models.periods import Period
from models.services.rounds import RoundInfo
from models.vocabulary import percent_text
from qt_app.i18n import language


class TrendChart(QWidget):
    """Compliance (0–100 %) per round, oldest on the left; a round with no score is a gap."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[tuple[str, float | None]] = []
        self.title = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(140)

    def sizeHint(self) -> QSize:
        return QSize(420, 180)

    def load(self, title: str, points: list[tuple[RoundInfo, float | None, int]]) -> None:
        self.title = title
        english = language() == "en"
        self.points = [
            (Period(info.period).label_en if english else Period(info.period).label, value)
            for info, value, _ in points
        ]
        self.setAccessibleDescription(
            "; ".join(
                f"{label}: {percent_text(value, lang=language())}" for label, value in self.points
            )
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        line = metrics.height()
        left = metrics.horizontalAdvance("100%") + 8
        # room for half a period label on each side, so the first and last are not cut
        half = max((metrics.horizontalAdvance(label) for label, _ in self.points), default=0) / 2
        inner = max(half - left + 8, 0)
        area = QRectF(
            left + inner,
            line + 6,
            self.width() - left - 2 * inner - half - 8,
            self.height() - 3 * line - 12,
        )
        painter.drawText(
            QRectF(0, 0, self.width(), line + 4), Qt.AlignmentFlag.AlignLeft, self.title
        )
        grid = QPen(QColor("#bdbdbd"))
        for value in (0, 50, 70, 90, 100):
            y = area.bottom() - area.height() * value / 100
            painter.setPen(grid)
            painter.drawLine(QPointF(left, y), QPointF(area.right(), y))
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(0, y - line / 2, left - 4, line),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                f"{value}%",
            )
        if not self.points:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("Chưa có số liệu"))
            return
        step = area.width() / max(1, len(self.points) - 1) if len(self.points) > 1 else 0
        path, started = QPainterPath(), False
        dots: list[QPointF] = []
        for index, (label, value) in enumerate(self.points):
            x = area.left() + step * index if step else area.center().x()
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRectF(x - 60, area.bottom() + 4, 120, line * 2),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                label,
            )
            if value is None:
                started = False
                continue
            point = QPointF(x, area.bottom() - area.height() * value / 100)
            if started:
                path.lineTo(point)
            else:
                path.moveTo(point)
                started = True
            dots.append(point)
        painter.setPen(QPen(QColor("#1565c0"), 2))
        painter.drawPath(path)
        painter.setBrush(QColor("#1565c0"))
        for dot in dots:
            painter.drawEllipse(dot, 3, 3)
