"""A guard against reference-counting bugs in PySide6 6.12.0 on CPython 3.11.

In that combination, some conversions hand out ``None``, ``True`` or ``False`` without
taking a reference to them: every ``Signal.emit()`` called from Python loses a reference to
``True``, and every empty ``QVariant`` that reaches Python (``index.data()`` of a role the
model does not answer, ``QComboBox.currentData()`` of an item without data) loses one to
``None``. After a few hundred such calls, minutes of ordinary use, CPython aborts with
"bool_dealloc" or "none_dealloc" and the window vanishes.

These three objects live as long as the interpreter, so the guard gives each of them a
reserve of references far larger than any session can lose. It first measures whether
this PySide6 loses references at all; with a fixed PySide6, or on a CPython whose
singletons are immortal (3.12 and later), it finds nothing and changes nothing.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QModelIndex, QObject, Signal

RESERVE = 1 << 40  # references; a session would need to lose a trillion to run out
_applied = False


class _Probe(QObject):
    fired = Signal()


def _lost_references() -> dict[object, int]:
    """How many references to each singleton a handful of ordinary calls lose."""
    probe = _Probe()
    before = {obj: sys.getrefcount(obj) for obj in (None, True, False)}
    for _ in range(8):
        probe.fired.emit()
        QModelIndex().data()
    return {obj: before[obj] - sys.getrefcount(obj) for obj in before}


def _add_references(obj: object, count: int) -> None:
    # CPython keeps an object's reference count in the first word of the object.
    counter = ctypes.c_ssize_t.from_address(id(obj))
    counter.value += count


def apply() -> bool:
    """Give the singletons their reserve if this PySide6 needs it; returns whether it did."""
    global _applied
    if _applied:
        return True
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal singletons: nothing can run out
    lost = _lost_references()
    if not any(count > 0 for count in lost.values()):
        return False
    for obj, count in lost.items():
        _add_references(obj, RESERVE + max(count, 0))
    _applied = True
    return True


apply()
