"""An item of an imported draft: a checklist item plus what the importer noticed about it.

The checklist file has no place for these (and needs none once a person has reviewed the
draft), so they live on the draft only: the warnings shown on the item in the review tab
(a number repaired, OCR unsure), the directive's footnotes the item cites, the page and
place on the page its words came from, so the review tab can show the paper beside them,
and the importer's proposals (role, addressees, valid-until) each with the directive's words
that led to it, until the reviewer decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from models.checklist_file import ItemSpec

Box = tuple[float, float, float, float]
PROPOSED_FIELDS = ("role", "addressees", "valid_until")
LOW_CONFIDENCE = 60.0  # OCR's word confidence under which an item is flagged


@dataclass
class DraftItem(ItemSpec):
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    page: int | None = None
    box: Box | None = None
    proposals: dict[str, str] = field(default_factory=dict)  # field → the words that led to it


def warnings_of(item: ItemSpec) -> list[str]:
    return list(item.warnings) if isinstance(item, DraftItem) else []


def notes_of(item: ItemSpec) -> list[str]:
    return list(item.notes) if isinstance(item, DraftItem) else []


def page_of(item: ItemSpec) -> int | None:
    return item.page if isinstance(item, DraftItem) else None


def box_of(item: ItemSpec) -> Box | None:
    return item.box if isinstance(item, DraftItem) else None


def proposals_of(item: ItemSpec) -> dict[str, str]:
    """What the importer proposed for this item and why: "role", "addressees" and
    "valid_until", each with the directive's words that led to it."""
    return dict(item.proposals) if isinstance(item, DraftItem) else {}


def low_confidence_warning(confidence: float) -> str:
    return (
        f"Chữ quét ở mục này khó đọc (độ tin cậy nhận dạng {confidence:.0f}%); hãy so với bản "
        f"giấy / The scanned words of this item were hard to read (OCR confidence "
        f"{confidence:.0f}%); check them against the paper"
    )


def draft_fields(item: ItemSpec) -> dict[str, Any]:
    """The draft-only fields, as JSON values (empty ones left out)."""
    out: dict[str, Any] = {}
    if isinstance(item, DraftItem):
        if item.warnings:
            out["warnings"] = list(item.warnings)
        if item.notes:
            out["notes"] = list(item.notes)
        if item.page is not None:
            out["page"] = item.page
        if item.box is not None:
            out["box"] = [round(v, 1) for v in item.box]
        if item.proposals:
            out["proposals"] = dict(item.proposals)
    return out


def read_draft_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The draft-only fields back from JSON; anything malformed is left out, not trusted."""
    out: dict[str, Any] = {}
    for key in ("warnings", "notes"):
        value = data.get(key)
        if isinstance(value, list):
            out[key] = [str(v) for v in value][:50]
    page = data.get("page")
    if isinstance(page, int) and not isinstance(page, bool) and 1 <= page <= 10_000:
        out["page"] = page
    box = data.get("box")
    if (
        isinstance(box, list)
        and len(box) == 4
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in box)
    ):
        out["box"] = (float(box[0]), float(box[1]), float(box[2]), float(box[3]))
    proposals = data.get("proposals")
    if isinstance(proposals, dict):
        out["proposals"] = {
            key: str(proposals[key])
            for key in PROPOSED_FIELDS
            if isinstance(proposals.get(key), str)
        }
    return out
