"""Drafts under review, kept in the database as they are edited, and publishing them.

A draft is the import as JSON in the ``kiemtra_meta`` key/value table under
``directive_draft:<uuid>``: every edit is saved at once, so a draft survives a crash or a
restart, and it needs no table of its own. Publishing validates it against the checklist
schema and installs it as a new checklist, or as the next version of an existing one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models.audit import Editor, record_change
from models.catalog import install_checklist
from models.checklist_file import ChecklistFileError, DirectiveSpec, ItemSpec
from models.db import begin_write, get_meta, set_meta
from models.directive_import import ImportResult
from models.directive_import.items import DraftItem, draft_fields, read_draft_fields
from models.directive_import.output import item_data, to_spec
from models.entities import Checklist, ChecklistVersion, Setting, Theme
from models.errors import InvalidInput, NotFound
from models.text import collapse_spaces
from models.vocabulary import ITEM_ROLES, UNIT_KINDS

PREFIX = "directive_draft:"
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{1,98}")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def result_to_draft(result: ImportResult, draft_id: str | None = None) -> dict[str, Any]:
    d = result.directive
    return {
        "id": draft_id or str(uuid.uuid4()),
        "created_at": _now(),
        "updated_at": _now(),
        "source_name": result.source_name,
        "encoding": result.encoding,
        "warnings": list(result.warnings),
        "slug": result.slug,
        "title": result.title,
        "directive": {
            "number": d.number,
            "kind": d.kind,
            "issuer": d.issuer,
            "place": d.place,
            "issued_on": d.issued_on.isoformat() if d.issued_on else None,
            "date_note": d.date_note,
            "subject": d.subject,
            "source_complete": d.source_complete,
        },
        "recipients": list(result.recipients),
        "signer": result.signer,
        "issuer_printed": result.issuer_printed,
        "source_path": result.source_path,
        "page_sizes": [list(size) for size in result.page_sizes],
        "text": d.source_text,
        "items": [_draft_item_data(item) for item in result.items],
    }


def _draft_item_data(item: ItemSpec) -> dict[str, Any]:
    """The item as the checklist file holds it, plus what only the draft keeps."""
    data = item_data(item)
    data.update(draft_fields(item))
    if item.children:
        data["children"] = [_draft_item_data(child) for child in item.children]
    return data


def _item(data: dict[str, Any]) -> ItemSpec:
    return DraftItem(
        code=data["code"],
        label=data.get("label", ""),
        requirement=data.get("requirement", ""),
        source=data.get("source", ""),
        themes=list(data.get("themes", [])),
        critical=bool(data.get("critical")),
        weight=float(data.get("weight", 1)),
        answer_type=data.get("answer_type", "status"),
        source_incomplete=bool(data.get("source_incomplete")),
        children=[_item(child) for child in data.get("children", [])],
        **read_scope(data),
        **read_draft_fields(data),
    )


def read_scope(data: dict[str, Any]) -> dict[str, Any]:
    """Role, valid-until and addressees back from a saved draft; a value the checklist file
    would refuse is left out (the item is then a requirement for every unit)."""
    out: dict[str, Any] = {}
    if data.get("role") in ITEM_ROLES:
        out["role"] = data["role"]
    until = data.get("valid_until")
    if isinstance(until, str):
        with contextlib.suppress(ValueError):
            out["valid_until"] = dt.date.fromisoformat(until)
    kinds = data.get("addressees")
    if isinstance(kinds, list):
        out["addressees"] = [k for k in dict.fromkeys(kinds) if k in UNIT_KINDS]
    bodies = data.get("addressed_bodies")
    if isinstance(bodies, list):
        cleaned = (collapse_spaces(str(b))[:300] for b in bodies)
        out["addressed_bodies"] = [b for b in dict.fromkeys(cleaned) if b]
    if isinstance(data.get("critical_reason"), str) and data["critical_reason"].strip():
        out["critical_reason"] = collapse_spaces(data["critical_reason"])
    return out


def draft_to_result(draft: dict[str, Any]) -> ImportResult:
    d = draft["directive"]
    slug = draft["slug"]
    directive = DirectiveSpec(
        number=d.get("number") or None,
        kind=d.get("kind") or "Văn bản",
        issuer=d.get("issuer") or "(chưa rõ)",
        place=d.get("place") or None,
        issued_on=dt.date.fromisoformat(d["issued_on"]) if d.get("issued_on") else None,
        date_note=d.get("date_note") or None,
        subject=d.get("subject") or "",
        source_file=f"sources/{slug}.txt",
        source_complete=bool(d.get("source_complete", True)),
        source_text=draft.get("text", ""),
    )
    return ImportResult(
        slug=slug,
        title=draft["title"],
        directive=directive,
        items=[_item(item) for item in draft["items"]],
        warnings=list(draft.get("warnings", [])),
        encoding=draft.get("encoding", "utf-8"),
        recipients=list(draft.get("recipients", [])),
        signer=draft.get("signer"),
        source_name=draft.get("source_name", ""),
        source_path=draft.get("source_path") if isinstance(draft.get("source_path"), str) else None,
        page_sizes=_page_sizes(draft.get("page_sizes")),
        issuer_printed=draft.get("issuer_printed") or None,
    )


def _page_sizes(value: Any) -> list[tuple[float, float]]:
    if not isinstance(value, list):
        return []
    sizes = []
    for size in value[:10_000]:
        if (
            isinstance(size, list)
            and len(size) == 2
            and all(isinstance(v, int | float) for v in size)
        ):
            sizes.append((float(size[0]), float(size[1])))
    return sizes


def save_draft(session: Session, draft: dict[str, Any]) -> str:
    """Store a draft (new or edited); returns its id."""
    draft_id = str(uuid.UUID(draft.get("id") or str(uuid.uuid4())))
    draft["id"] = draft_id
    draft["updated_at"] = _now()
    set_meta(session, PREFIX + draft_id, json.dumps(draft, ensure_ascii=False))
    session.flush()
    return draft_id


def load_draft(session: Session, draft_id: str) -> dict[str, Any]:
    value = get_meta(session, PREFIX + draft_id)
    if value is None:
        raise NotFound(f"Không tìm thấy bản nháp '{draft_id}'.", f"Draft '{draft_id}' not found.")
    draft: dict[str, Any] = json.loads(value)
    return draft


def list_drafts(session: Session) -> list[dict[str, Any]]:
    """Every saved draft, newest first: id, title, file it came from, when last edited."""
    rows = session.scalars(select(Setting).where(Setting.key.startswith(PREFIX)))
    drafts = []
    for row in rows:
        try:
            data = json.loads(row.value)
        except ValueError:
            continue  # a value that is not JSON is not a draft of ours
        drafts.append(
            {
                "id": row.key[len(PREFIX) :],
                "title": data.get("title", ""),
                "source_name": data.get("source_name", ""),
                "updated_at": data.get("updated_at", ""),
            }
        )
    return sorted(drafts, key=lambda d: d["updated_at"], reverse=True)


def delete_draft(session: Session, draft_id: str) -> None:
    row = session.get(Setting, PREFIX + draft_id)
    if row is not None:
        session.delete(row)
        session.flush()


def check_slug(slug: str) -> None:
    if not _SLUG.fullmatch(slug):
        raise InvalidInput(
            f"Mã danh mục '{slug}' không hợp lệ: chỉ dùng chữ thường không dấu, số và '-'.",
            f"The checklist id '{slug}' is invalid: use lowercase ASCII letters, digits and '-'.",
        )


def next_version(session: Session, slug: str) -> int:
    current = session.scalar(
        select(func.max(ChecklistVersion.version)).join(Checklist).where(Checklist.slug == slug)
    )
    return (current or 0) + 1


def publish_draft(
    session: Session, result: ImportResult, slug: str, editor: Editor
) -> dict[str, Any]:
    """Install as checklist ``slug``: version 1 if new, else the next version after the last."""
    check_slug(slug)
    begin_write(session)  # the version number is read under the write lock it is used with
    version = next_version(session, slug)
    known = set(session.scalars(select(Theme.id))) or None
    try:
        spec = to_spec(result, slug, version, known)
    except ChecklistFileError as exc:
        raise InvalidInput(exc.vi, exc.en) from exc
    installed = install_checklist(session, spec, origin="imported", device_id=editor.device_id)
    record_change(
        session,
        editor,
        action="publish",
        entity="checklist_version",
        entity_id=installed.id,
        new={
            "id": slug,
            "version": version,
            "items": spec.item_count(),
            "source": result.source_name,
        },
    )
    session.flush()
    return {
        "id": slug,
        "version": version,
        "version_id": str(installed.id),
        "item_count": spec.item_count(),
    }
