"""Double entry of typed paper forms: two keyings, their differences, and each keyer's error rate.

A paper form typed in by hand is keyed by one person (``record_keying``), then, optionally,
by a second who does not see the first. ``compare`` lists every item where the two differ,
side by side, for a person to settle against the paper; the settled answers are written
(``reports.double_entry``) and kept on both keyings as ``final``. A keyer's error rate is the
share of the items they keyed that differ from what was settled, over every resolved form.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.audit import Editor
from models.entities import ASSESSMENT_KINDS, ChecklistItem, FormKeying, Unit, utcnow
from models.errors import InvalidInput, NotFound
from models.periods import parse_period
from models.text import collapse_spaces
from models.vocabulary import ANSWER_STATUSES


@dataclass(frozen=True)
class FormKey:
    """Which paper form: the assessment it is for."""

    unit_id: uuid.UUID
    version_id: uuid.UUID
    period: str
    kind: str = "tu-danh-gia"


@dataclass(frozen=True)
class Difference:
    code: str
    first: str | None
    second: str | None


@dataclass(frozen=True)
class KeyerRate:
    keyer: str
    forms: int
    items: int
    errors: int

    @property
    def rate(self) -> float:
        return self.errors / self.items if self.items else 0.0


def _keyings(session: Session, key: FormKey, *, open_only: bool = True) -> list[FormKeying]:
    query = (
        select(FormKeying)
        .where(
            FormKeying.unit_id == key.unit_id,
            FormKeying.version_id == key.version_id,
            FormKeying.period == key.period,
            FormKeying.kind == key.kind,
        )
        .order_by(FormKeying.created_at, FormKeying.id)
    )
    if open_only:
        query = query.where(FormKeying.resolved_at.is_(None))
    return list(session.scalars(query))


def record_keying(
    session: Session, editor: Editor, key: FormKey, keyer: str, answers: dict[str, str | None]
) -> uuid.UUID:
    """Keep one person's keying of the form (at most two open keyings of one form)."""
    keyer = collapse_spaces(keyer)
    if not keyer:
        raise InvalidInput("Cần ghi tên người nhập.", "The keyer's name is needed.")
    if key.kind not in ASSESSMENT_KINDS:
        raise InvalidInput(f"Hình thức '{key.kind}' không hợp lệ.", f"Unknown kind '{key.kind}'.")
    period = parse_period(key.period).key
    key = FormKey(key.unit_id, key.version_id, period, key.kind)
    if session.get(Unit, key.unit_id) is None:
        raise NotFound("Không tìm thấy đơn vị.", "The unit was not found.")
    codes = set(
        session.scalars(
            select(ChecklistItem.code).where(ChecklistItem.version_id == key.version_id)
        )
    )
    if not codes:
        raise NotFound("Không tìm thấy danh mục.", "The checklist was not found.")
    unknown = sorted(set(answers) - codes)
    wrong = sorted(c for c, a in answers.items() if a is not None and a not in ANSWER_STATUSES)
    if unknown or wrong:
        raise InvalidInput(
            f"Mục không có trong danh mục: {', '.join(unknown) or '-'}; câu trả lời không hợp "
            f"lệ ở mục: {', '.join(wrong) or '-'}.",
            f"Items not in the checklist: {', '.join(unknown) or '-'}; invalid answers at: "
            f"{', '.join(wrong) or '-'}.",
        )
    open_ones = _keyings(session, key)
    if len(open_ones) >= 2:
        raise InvalidInput(
            "Phiếu này đã được nhập hai lần; hãy đối chiếu và chốt trước khi nhập lại.",
            "This form has been keyed twice already; compare and settle it before keying again.",
        )
    if any(k.keyer.casefold() == keyer.casefold() for k in open_ones):
        raise InvalidInput(
            "Lần nhập thứ hai phải do người khác làm.",
            "The second keying must be done by someone else.",
        )
    keying = FormKeying(
        id=uuid.uuid4(),
        unit_id=key.unit_id,
        version_id=key.version_id,
        period=key.period,
        kind=key.kind,
        keyer=keyer,
        answers={code: answers.get(code) for code in sorted(codes)},
        device_id=editor.device_id,
    )
    session.add(keying)
    session.commit()
    return keying.id


def open_keyings(session: Session, key: FormKey) -> list[FormKeying]:
    return _keyings(
        session, FormKey(key.unit_id, key.version_id, parse_period(key.period).key, key.kind)
    )


def compare(session: Session, key: FormKey) -> list[Difference]:
    """Where the two open keyings of the form differ; refused unless there are two."""
    first, second = _pair(session, key)
    codes = sorted(set(first.answers) | set(second.answers), key=_code_order)
    return [
        Difference(code, first.answers.get(code), second.answers.get(code))
        for code in codes
        if first.answers.get(code) != second.answers.get(code)
    ]


def _pair(session: Session, key: FormKey) -> tuple[FormKeying, FormKeying]:
    keyings = open_keyings(session, key)
    if len(keyings) != 2:
        raise InvalidInput(
            f"Cần đúng hai lần nhập của phiếu này để đối chiếu (đang có {len(keyings)}).",
            f"Two keyings of this form are needed to compare (there are {len(keyings)}).",
        )
    return keyings[0], keyings[1]


def settled_answers(
    session: Session, key: FormKey, decisions: dict[str, str | None]
) -> dict[str, str | None]:
    """The answers to write: where the keyings agree, theirs; where not, the decision."""
    first, second = _pair(session, key)
    final: dict[str, str | None] = {}
    missing = []
    for code in first.answers:
        if first.answers.get(code) == second.answers.get(code):
            final[code] = first.answers.get(code)
        elif code in decisions:
            chosen = decisions[code]
            if chosen is not None and chosen not in ANSWER_STATUSES:
                raise InvalidInput(
                    f"Câu trả lời '{chosen}' không hợp lệ.", f"Unknown answer '{chosen}'."
                )
            final[code] = chosen
        else:
            missing.append(code)
    if missing:
        raise InvalidInput(
            f"Còn mục chưa đối chiếu: {', '.join(missing)}; không có gì được ghi.",
            f"Items not settled yet: {', '.join(missing)}; nothing was written.",
        )
    return final


def mark_resolved(session: Session, key: FormKey, final: dict[str, str | None]) -> None:
    """Keep what was settled on both keyings (in the caller's transaction)."""
    now = utcnow()
    for keying in _pair(session, key):
        keying.final, keying.resolved_at = dict(final), now


def keyer_rates(session: Session) -> list[KeyerRate]:
    """Each keyer's errors against what was settled, over every resolved form."""
    tally: dict[str, list[int]] = {}
    for keying in session.scalars(select(FormKeying).where(FormKeying.resolved_at.is_not(None))):
        final = keying.final or {}
        counts = tally.setdefault(keying.keyer, [0, 0, 0])
        counts[0] += 1
        counts[1] += len(final)
        counts[2] += sum(keying.answers.get(code) != value for code, value in final.items())
    return [KeyerRate(name, *counts) for name, counts in sorted(tally.items())]


def _code_order(code: str) -> list[tuple[int, str]]:
    return [(int(part), "") if part.isdigit() else (0, part) for part in code.split(".")]
