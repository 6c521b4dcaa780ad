"""What the item pane says under a directive's words about who is asked (issue 16): why the
unit is not asked, to whom the item is given, until when it holds, why it is critical, and
where the only copy of the source is cut off. Words from ``models.vocabulary`` and
``models.item_scope``, so the pane says what the reports and `checklists show` say."""

from __future__ import annotations

from html import escape

from models.item_scope import addressed_to, not_asked_text
from models.queries.items import ItemRow
from models.vocabulary import ITEM_MARKS, vn_date
from qt_app.i18n import language, pick

NOT_ASKED_COLOUR = "#8a5a00"
MARK_COLOUR = "#b71c1c"


def source_cut_html(row: ItemRow) -> str:
    """The honesty marker after the quoted source, when that source is cut off."""
    if not row.source_incomplete:
        return ""
    mark = escape(pick(ITEM_MARKS["source-cut"]))
    return f' <span style="color:{MARK_COLOUR}"><b>[{mark}]</b></span>'


def scope_html(row: ItemRow) -> str:
    """The paragraphs about who is asked and how far the item holds, as rich text."""
    lang = language()
    parts = []
    if row.not_asked is not None:
        why = not_asked_text(
            row.code, row.not_asked, row.valid_until, row.addressees, row.bodies, lang
        )
        parts.append(f'<p style="color:{NOT_ASKED_COLOUR}"><b>{escape(why)}</b></p>')
    if row.role == "requirement":
        shown = addressed_to(row.addressees, row.bodies, lang)
        parts.append(f"<p>{escape(pick(ITEM_MARKS['addressed-to']))}: {escape(shown)}</p>")
    if row.valid_until is not None:
        until = vn_date(row.valid_until)
        parts.append(f"<p>{escape(pick(ITEM_MARKS['valid-until']))}: {until}</p>")
    if row.critical and row.critical_reason:
        reason = escape(row.critical_reason)
        parts.append(f"<p>{escape(pick(ITEM_MARKS['critical-reason']))}: {reason}</p>")
    return "".join(parts)
