"""The application: the `kiemtra` command line and the PySide6 window (the only Qt code)."""
