"""Entry point of the bundled program (PyInstaller): the same `kiemtra` command."""

from qt_app.cli import main

raise SystemExit(main())
