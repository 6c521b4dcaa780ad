"""Merging a bundle the user has already seen: the safety rule between preview and apply.

A person decides on a merge by looking at a plan (what is new, which answers are taken, the
conflicts and what each side holds). Time passes before they press "Áp dụng": someone may
answer an item, another window may import the same bundle. So the plan is made again inside
the write transaction and, if it is not the plan they saw, nothing is written and they are
asked to look again. The window's import dialog and ``kiemtra bundle import`` both apply
through here; the merge rules themselves stay in ``models.bundle_merge``.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from models.bundle import BundleError, read_bundle
from models.bundle_merge import MergePlan, MergeResult, apply_merge, plan_merge
from models.db import Database, begin_write


class PlanChanged(BundleError):
    """The database moved between the preview and the apply; nothing was written."""

    def __init__(self) -> None:
        super().__init__(
            "Cơ sở dữ liệu đã thay đổi từ lúc xem trước; hãy mở lại gói để xem lại các "
            "xung đột. Không có gì được ghi.",
            "The database changed since the preview; open the bundle again to review "
            "the conflicts. Nothing was written.",
        )


def preview_bundle(database: Database, path: Path) -> MergePlan:
    """Check the bundle completely and plan its merge; writes nothing."""
    bundle = read_bundle(path)
    with database.session() as session:
        return plan_merge(session, bundle)


def apply_previewed(
    session: Session,
    previewed: MergePlan,
    *,
    prefer: str | None = None,
    choices: dict[str, str] | None = None,
) -> MergeResult:
    """Plan again under the write lock and apply, or raise ``PlanChanged`` if the fresh plan
    differs from ``previewed`` (counts, conflicts, either side's values).

    A read transaction left open by the preview is ended first: a plan only reads.
    """
    if session.in_transaction():
        session.rollback()
    begin_write(session)  # other writers wait from here until the merge is committed
    try:
        fresh = plan_merge(session, previewed.bundle)
        if fresh.summary() != previewed.summary():
            raise PlanChanged()
    except BaseException:
        session.rollback()
        raise
    return apply_merge(session, fresh, prefer=prefer, choices=choices)


def merge_previewed(
    database: Database,
    previewed: MergePlan,
    *,
    prefer: str | None = None,
    choices: dict[str, str] | None = None,
) -> MergeResult:
    """``apply_previewed`` on a session of its own (what a background job runs)."""
    with database.session() as session:
        return apply_previewed(session, previewed, prefer=prefer, choices=choices)
