"""The `kiemtra` command (no Qt): `main` parses the arguments and runs one command module."""

from qt_app.cli.main import main

__all__ = ["main"]
