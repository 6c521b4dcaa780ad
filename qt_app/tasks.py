"""Background work: one small helper, so long jobs never freeze the window.

A job is a plain function given plain data (the ``Database`` handle included, from which it
opens its own session); it returns plain dataclasses, never ORM objects or widgets. Its
result or its exception comes back on the GUI thread through a queued signal. Tests swap
in ``ImmediateRunner`` so that jobs run at once, in order, on the calling thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QThreadPool, Signal

from qt_app import pyside_fixes  # noqa: F401  (before any signal is emitted)

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Runner(Protocol):
    def submit(
        self, job: Callable[..., Any], args: tuple[Any, ...], done: Done, failed: Failed
    ) -> None: ...

    def wait(self) -> None: ...


class _Relay(QObject):
    """Lives on the GUI thread; the worker emits, Qt queues, the slot runs on the GUI side."""

    finished = Signal(object)
    failed = Signal(object)


class ThreadRunner:
    """Runs jobs on Qt's global thread pool."""

    def __init__(self) -> None:
        self._pool = QThreadPool.globalInstance()
        self._live: set[_Relay] = set()

    def submit(
        self, job: Callable[..., Any], args: tuple[Any, ...], done: Done, failed: Failed
    ) -> None:
        relay = _Relay()
        self._live.add(relay)

        def finish(result: Any) -> None:
            self._live.discard(relay)
            done(result)

        def fail(error: Any) -> None:
            self._live.discard(relay)
            failed(error)

        relay.finished.connect(finish)
        relay.failed.connect(fail)

        def work() -> None:
            try:
                result = job(*args)
            except BaseException as exc:  # handed to the GUI thread, which decides
                relay.failed.emit(exc)
            else:
                relay.finished.emit(result)

        self._pool.start(work)

    def wait(self) -> None:
        self._pool.waitForDone()


class ImmediateRunner:
    """Runs each job at once on the caller's thread (tests, benchmarks of the work itself)."""

    def submit(
        self, job: Callable[..., Any], args: tuple[Any, ...], done: Done, failed: Failed
    ) -> None:
        try:
            result = job(*args)
        except Exception as exc:
            failed(exc)
        else:
            done(result)

    def wait(self) -> None:
        return None


_runner: Runner | None = None


def runner() -> Runner:
    global _runner
    if _runner is None:
        _runner = ThreadRunner()
    return _runner


def set_runner(new: Runner | None) -> Runner | None:
    """Install another runner (``None`` for the default); returns the one it replaces."""
    global _runner
    old, _runner = _runner, new
    return old


def run_task(job: Callable[..., Any], *args: Any, done: Done, failed: Failed) -> None:
    """Run ``job(*args)`` in the background; ``done(result)`` or ``failed(exc)`` on the GUI."""
    runner().submit(job, args, done, failed)
