"""Core statements compiled once per database dialect and run on the driver's own cursor.

For the hottest write (an answer: one check, two inserts, one commit per keypress)
SQLAlchemy's per-statement bookkeeping (execution context, result metadata, events) cost
several times what SQLite itself takes. A ``Prepared`` statement keeps what matters from
that path: the SQL SQLAlchemy compiles for the dialect, the same type processors on the
way in and out, and driver errors raised as SQLAlchemy's own exception classes.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Compiled:
    sql: str
    compiled: SQLCompiler
    names: Sequence[str] | None  # bind names in order, for a positional paramstyle
    binds: dict[str, Processor]
    results: list[Processor]


class Prepared:
    """One statement, ready to run many times with different parameters.

    Like SQLAlchemy, an INSERT is compiled for the columns the parameters name. A column
    left out that would need a Python-side default is refused instead (only SQLAlchemy's
    full execution path computes those), as are expanding (IN) parameters.
    """

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: weakref.WeakKeyDictionary[Dialect, dict[tuple[str, ...], _Compiled]] = (
            weakref.WeakKeyDictionary()
        )

    def _for(self, dialect: Dialect, keys: tuple[str, ...]) -> _Compiled:
        by_keys = self._compiled.get(dialect)
        if by_keys is None:
            by_keys = self._compiled[dialect] = {}
        found = by_keys.get(keys)
        if found is None:
            found = by_keys[keys] = self._compile(dialect, keys)
        return found

    def _compile(self, dialect: Dialect, keys: tuple[str, ...]) -> _Compiled:
        compiled = self.statement.compile(dialect=dialect, column_keys=list(keys))
        assert isinstance(compiled, SQLCompiler)
        if compiled.insert_prefetch or compiled.update_prefetch:
            missing = [c.key for c in (*compiled.insert_prefetch, *compiled.update_prefetch)]
            raise ValueError(f"give these columns explicitly: {', '.join(missing)}")
        if compiled.literal_execute_params or compiled.post_compile_params:
            raise ValueError("expanding or literal parameters are not supported")
        escaped: Mapping[str, str] = compiled.escaped_bind_names or {}
        binds: dict[str, Processor] = {
            escaped.get(name, name): bind.type.dialect_impl(dialect).bind_processor(dialect)
            for name, bind in compiled.binds.items()
        }
        results = [
            column.type.dialect_impl(dialect).result_processor(dialect, None)
            for column in getattr(self.statement, "selected_columns", ())
        ]
        names = list(compiled.positiontup or ()) if compiled.positional else None
        return _Compiled(compiled.string, compiled, names, binds, results)

    def _run(self, connection: Connection, params: Mapping[str, Any]) -> tuple[Any, _Compiled]:
        dialect = connection.dialect
        prepared = self._for(dialect, tuple(params))
        values = prepared.compiled.construct_params(params)
        for name, process in prepared.binds.items():
            if process is not None:
                values[name] = process(values[name])
        driver_params: Any = (
            tuple(values[name] for name in prepared.names) if prepared.names is not None else values
        )
        pooled = connection.connection
        cursor = pooled.cursor()
        try:
            cursor.execute(prepared.sql, driver_params)
        except dialect.loaded_dbapi.Error as exc:
            invalidated = dialect.is_disconnect(exc, pooled.dbapi_connection, cursor)
            cursor.close()
            if invalidated:
                connection.invalidate(exc)
            raise DBAPIError.instance(
                prepared.sql,
                driver_params,
                exc,
                dialect.loaded_dbapi.Error,
                connection_invalidated=invalidated,
                dialect=dialect,
            ) from exc
        return cursor, prepared

    def rowcount(self, connection: Connection, params: Mapping[str, Any]) -> int:
        """Run a write in ``connection``'s transaction; how many rows it changed."""
        cursor, _ = self._run(connection, params)
        count: int = cursor.rowcount
        cursor.close()
        return count

    def first(self, connection: Connection, params: Mapping[str, Any]) -> tuple[Any, ...] | None:
        """Run a query in ``connection``'s transaction; its first row, typed as SQLAlchemy
        would return it, or None."""
        cursor, prepared = self._run(connection, params)
        try:
            row = cursor.fetchone()
        finally:
            cursor.close()
        if row is None:
            return None
        return tuple(
            value if process is None else process(value)
            for process, value in zip(prepared.results, row, strict=True)
        )
