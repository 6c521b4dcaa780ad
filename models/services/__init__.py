"""Services: plain functions over a session and plain values, shared by window, CLI and tests.

Each function that changes data commits its own transaction before returning (unless told
``commit=False`` by a caller that batches), so what the caller shows as saved is on disk.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from sqlalchemy.orm import Session

from models.db import begin_write, begun_for_writing, has_only_read

P = ParamSpec("P")
R = TypeVar("R")


def writes(function: Callable[P, R]) -> Callable[P, R]:
    """Run a service in a transaction begun for writing; undo it if the service fails.

    A refused change (bad input, a locked assessment) must not leave a half-done
    transaction, or the write lock, behind in the caller's session. A caller that has only
    read (looked the assessment up) gets a fresh transaction: the service reads again
    what it decides on, and SQLite can only wait for the write lock at BEGIN.
    """

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        session: Session = args[0]  # type: ignore[assignment]
        # The service commits unless a caller began the transaction to batch changes; a
        # transaction a lookup began (on any backend) is the service's to finish.
        began = (
            not session.in_transaction() or has_only_read(session) or not begun_for_writing(session)
        )
        begin_write(session, fresh=True)
        try:
            result = function(*args, **kwargs)
        except BaseException:
            if began and session.in_transaction():
                session.rollback()
            raise
        if began and kwargs.get("commit", True) and session.in_transaction():
            session.commit()  # a call that changed nothing still releases the write lock
        return result

    return wrapper


__all__: list[Any] = ["writes"]
