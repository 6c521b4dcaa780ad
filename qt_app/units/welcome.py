"""What an empty database shows: create the first unit, or look at the sample data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class Welcome(QWidget):
    """What an empty database shows: create the first unit, or look at the sample data
    (in a file of its own: the user's database stays empty)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        title = QLabel(
            self.tr(
                "<h2>Chào mừng đến với Kiểm tra</h2>"
                "<p>Cơ sở dữ liệu còn trống. Hãy bắt đầu bằng một đơn vị, "
                "hoặc xem dữ liệu mẫu (trong một tệp riêng) để dùng thử.</p>"
            )
        )
        title.setWordWrap(True)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.create_button = QPushButton(self.tr("Tạo đơn vị đầu tiên…"))
        self.demo_button = QPushButton(self.tr("Xem dữ liệu mẫu…"))
        layout.addStretch(1)
        layout.addWidget(title)
        for button in (self.create_button, self.demo_button):
            button.setMinimumWidth(self.fontMetrics().averageCharWidth() * 32)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
