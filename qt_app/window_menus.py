"""The main window's menus and their shortcuts, in one place (worded in the window's
translation context, "MainWindow").

Each menu entry is a ``QAction`` kept on the window under a name (``window.start_action``…)
so that the window can enable it and tests can trigger it. The slots are the window's own
methods or those of the feature objects it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

from qt_app.answering import record as record_ui
from qt_app.backup import actions as backup_ui
from qt_app.history import views as history_ui

if TYPE_CHECKING:
    from qt_app.main_window import MainWindow

REPORTS = "qt_app.exports"


def _action(
    window: MainWindow,
    menu: Any,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    menu.addAction(action)
    return action


def build_menus(window: MainWindow) -> None:
    _file_menu(window)
    _unit_menu(window)
    _work_menu(window)
    _help_menu(window)


def _file_menu(window: MainWindow) -> None:
    from qt_app.main_window import available

    file = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "&Tệp"))
    window.export_action = _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "Xuất bài đánh giá…"),
        window.export_current,
    )
    window.batch_action = _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "Xuất hàng loạt…"),
        lambda: window.report_dialog("BatchExportDialog"),
    )
    window.forms_action = _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "Phiếu trống / điền sẵn…"),
        lambda: _forms(window),
    )
    window.print_action = _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "In bài đánh giá…"),
        lambda: _print_current(window),
        QKeySequence.StandardKey.Print,
    )
    window.import_action = _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "Nhập phiếu Excel…"),
        lambda: window.report_dialog("ImportFormDialog"),
    )
    window.scan_action = _action(  # the review dialog of qt_app/scan, loaded when asked
        window,
        file,
        QCoreApplication.translate("MainWindow", "Nhập phiếu giấy đã quét…"),
        lambda: _scan_review(window),
    )
    window.keying_action = _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "Nhập phiếu giấy hai lần…"),
        lambda: _keying(window),
    )
    for action in (
        window.export_action,
        window.batch_action,
        window.forms_action,
        window.print_action,
        window.import_action,
    ):
        action.setEnabled(available(REPORTS))
    file.addSeparator()
    window.bundle_export_action = _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "Xuất gói dữ liệu…"),
        window.export_bundle,
    )
    window.bundle_import_action = _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "Nhập gói dữ liệu…"),
        window.import_bundle,
    )
    file.addSeparator()
    window.backup_action = _action(
        window, file, QCoreApplication.translate("MainWindow", "Sao lưu ngay"), window.backup_now
    )
    window.restore_action = _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "Khôi phục từ bản sao lưu…"),
        window.choose_restore,
    )
    file.setToolTipsVisible(True)
    backup_ui.explain_actions(  # disabled, with the reason, where they cannot work
        window.database,
        window.backup_action,
        window.restore_action,
        (window.bundle_import_action, window.bundle_export_action),
    )
    file.addSeparator()
    window.sample_action = _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "Mở dữ liệu mẫu…"),
        window.units.load_demo,
    )
    window.back_action = _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "Quay lại dữ liệu của tôi"),
        window.leave_sample,
    )
    window.sample_action.setVisible(not window.is_sample)
    window.back_action.setVisible(window.is_sample)
    file.addSeparator()
    window.settings_action = _action(
        window, file, QCoreApplication.translate("MainWindow", "Cài đặt…"), window.open_settings
    )
    _action(
        window,
        file,
        QCoreApplication.translate("MainWindow", "Thoát"),
        window.close,
        QKeySequence.StandardKey.Quit,
    )


def _forms(window: MainWindow) -> None:
    """Blank or pre-filled forms, opening on the open assessment's choices."""
    from qt_app.exports.forms import FormsDialog

    unit, header = window.tree.current_unit(), window.answering.header
    same = header is not None and header.unit_id == unit
    dialog = FormsDialog(
        window,
        window.database,
        unit,
        period=header.period if same and header else None,
        checklist=header.checklist if header else None,
        kind=header.kind if header else None,
    )
    dialog.exec()
    if dialog.outcome_text():
        window.show_message(dialog.outcome_text())


def _print_current(window: MainWindow) -> None:
    from qt_app.exports.printing import print_assessment

    if window.answering.assessment_id is not None and print_assessment(
        window, window.database, window.answering.assessment_id
    ):
        window.show_message(
            QCoreApplication.translate("MainWindow", "Đã gửi bài đánh giá tới máy in.")
        )


def _scan_review(window: MainWindow) -> None:
    from qt_app.scan.review import open_scan_review

    open_scan_review(window)


def _keying(window: MainWindow) -> None:
    from qt_app.scan.keying import open_keying

    open_keying(window)


def _unit_menu(window: MainWindow) -> None:
    units = window.units
    unit = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "Đơn &vị"))
    window.add_unit_action = _action(
        window,
        unit,
        QCoreApplication.translate("MainWindow", "Thêm đơn vị…"),
        units.add_unit,
        "Ctrl+N",
    )
    window.rename_action = _action(
        window, unit, QCoreApplication.translate("MainWindow", "Đổi tên…"), units.rename_unit, "F2"
    )
    window.move_action = _action(
        window,
        unit,
        QCoreApplication.translate("MainWindow", "Chuyển sang đơn vị khác…"),
        units.move_unit,
    )
    window.archive_action = _action(
        window,
        unit,
        QCoreApplication.translate("MainWindow", "Lưu trữ đơn vị…"),
        units.archive_unit,
    )
    for action in (
        window.add_unit_action,
        window.rename_action,
        window.move_action,
        window.archive_action,
    ):
        window.tree.view.addAction(action)
    window.archived_action = _action(
        window,
        unit,
        QCoreApplication.translate("MainWindow", "Đơn vị đã lưu trữ…"),
        units.show_archived,
    )
    window.unit_actions_action = _action(
        window,
        unit,
        QCoreApplication.translate("MainWindow", "Việc khắc phục của đơn vị…"),
        lambda: _unit_actions(window),
    )
    window.tree.view.addAction(window.unit_actions_action)
    unit.addSeparator()
    window.find_unit_action = _action(
        window,
        unit,
        QCoreApplication.translate("MainWindow", "Tìm đơn vị"),
        window.focus_unit_search,
        "Ctrl+L",
    )


def _unit_actions(window: MainWindow) -> None:
    """The selected unit's corrective actions; what was closed leaves the strip at once."""
    from qt_app.units.open_actions import show_unit_actions

    unit_id = window.tree.current_unit()
    if unit_id is None:
        return
    name = window.tree.model.unit_name(unit_id) or ""
    if show_unit_actions(window, window.saver, unit_id, name):
        window.answering.reload()


def _work_menu(window: MainWindow) -> None:
    answering, assessments = window.answering, window.assessments
    work = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "Đánh &giá"))
    window.start_action = _action(
        window,
        work,
        QCoreApplication.translate("MainWindow", "Bắt đầu đánh giá…"),
        window.start_assessment,
        "Ctrl+Shift+N",
    )
    window.next_action = _action(
        window,
        work,
        QCoreApplication.translate("MainWindow", "Đơn vị tiếp theo (cùng danh mục, kỳ, hình thức)"),
        window.next_unit,
        "F8",
    )
    work.addSeparator()
    window.undo_action = _action(
        window,
        work,
        QCoreApplication.translate("MainWindow", "Hoàn tác câu trả lời"),
        answering.undo,
        QKeySequence.StandardKey.Undo,
    )
    window.redo_action = _action(
        window,
        work,
        QCoreApplication.translate("MainWindow", "Làm lại câu trả lời"),
        answering.redo,
        "Ctrl+Y",
    )
    window.find_item_action = _action(
        window,
        work,
        QCoreApplication.translate("MainWindow", "Tìm mục"),
        window.focus_item_search,
        QKeySequence.StandardKey.Find,
    )
    work.addSeparator()
    window.submit_action = _action(
        window,
        work,
        QCoreApplication.translate("MainWindow", "Nộp…"),
        assessments.submit,
        "Ctrl+Return",
    )
    window.reopen_action = _action(
        window, work, QCoreApplication.translate("MainWindow", "Mở lại…"), assessments.reopen
    )
    window.history_action = _action(
        window,
        work,
        QCoreApplication.translate("MainWindow", "Lịch sử bài đánh giá…"),
        lambda: history_ui.show_assessment_history(window, window.database, answering.header),
    )
    window.record_action = record_ui.add_record_action(window, work, answering)


def _help_menu(window: MainWindow) -> None:
    help_menu = window.menuBar().addMenu(QCoreApplication.translate("MainWindow", "T&rợ giúp"))
    window.guide_action = _action(
        window,
        help_menu,
        QCoreApplication.translate("MainWindow", "Hướng dẫn sử dụng (ở phần đang xem)"),
        window.open_guide,
        "F1",
    )
