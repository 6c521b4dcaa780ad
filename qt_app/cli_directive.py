"""Commands of one feature area, added to `kiemtra` by ``add_commands``.

Import nothing heavy at module level: `kiemtra --help` imports this module.
"""

from __future__ import annotations

from typing import Any


def add_commands(commands: Any) -> None:
    """Add this area's sub-commands to the `kiemtra` sub-parser collection."""
    return None
