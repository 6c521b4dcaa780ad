"""Exports and form imports in the window, one idea a module: ``assessment`` (the open
assessment to a file), ``batch_dialog`` (a round, in the background), ``forms`` and
``form_choices`` (blank and pre-filled forms), ``form_import_dialog`` (a filled-in Excel form
back in), ``printing``.

The main window finds the three below by name in this package
(``qt_app.window_menus.REPORTS``), importing it only when one is asked for, so that opening
the window does not load the reports.
"""

from qt_app.exports.assessment import export_assessment
from qt_app.exports.batch_dialog import BatchExportDialog
from qt_app.exports.form_import_dialog import ImportFormDialog

__all__ = ["BatchExportDialog", "ImportFormDialog", "export_assessment"]
