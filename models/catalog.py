"""The checklist library in the database: loading the shipped files and reading them back.

Shipped checklists get deterministic UUIDs, so every machine that loads the same file has
the same ids and field data merges without collisions. A shipped file whose content
changed while its version number did not is refused: answered assessments keep pointing at
the content they were answered against.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import paths
from models.checklist_file import (
    ChecklistFileError,
    ChecklistSpec,
    ThemeSpec,
    load_checklist_dir,
)
from models.db import Database, get_meta, set_meta
from models.entities import (
    Checklist,
    ChecklistItem,
    ChecklistVersion,
    Directive,
    Theme,
    utcnow,
)
from models.errors import NotFound
from models.item_scope import REQUIREMENT, join_bodies, join_kinds, split_bodies, split_kinds

_NAMESPACE = uuid.UUID("6f1c3a52-8d0e-4c7b-9a51-2b7c1e0d4f88")


def stable_id(*parts: object) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts))


def _shipped_fingerprint() -> str:
    digest = hashlib.sha256()
    directory = paths.checklists_dir()
    for path in sorted(directory.rglob("*")):
        if path.is_file() and path.suffix in {".yaml", ".txt", ".json"}:
            digest.update(str(path.relative_to(directory)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def sync_shipped_checklists(database: Database) -> list[str]:
    """Load the shipped checklists into the database; returns the problems found (bilingual)."""
    fingerprint = _shipped_fingerprint()
    with database.session() as session:  # only reads: opening to read takes no write lock
        if get_meta(session, "shipped_fingerprint") == fingerprint:
            return json.loads(get_meta(session, "shipped_problems") or "[]")
    themes, specs, errors = load_checklist_dir()
    problems = [str(error) for error in errors]
    with database.begin() as session:
        sync_themes(session, themes)
        for spec in specs:
            try:
                install_checklist(session, spec, origin="shipped", device_id=database.device.id)
            except ChecklistFileError as exc:
                problems.append(str(exc))
        set_meta(session, "shipped_fingerprint", fingerprint)
        set_meta(session, "shipped_problems", json.dumps(problems, ensure_ascii=False))
    return problems


def sync_themes(session: Session, themes: list[ThemeSpec]) -> None:
    for position, spec in enumerate(themes):
        theme = session.get(Theme, spec.id)
        if theme is None:
            theme = Theme(id=spec.id)
            session.add(theme)
        theme.label_vi = spec.label_vi
        theme.label_en = spec.label_en
        theme.keywords = spec.keywords
        theme.position = position
    session.flush()


def install_checklist(
    session: Session, spec: ChecklistSpec, *, origin: str, device_id: uuid.UUID | None
) -> ChecklistVersion:
    """Add a checklist version from a spec, or confirm that the same content is there."""
    checklist = session.scalar(select(Checklist).where(Checklist.slug == spec.slug))
    if checklist is not None:
        existing = session.scalar(
            select(ChecklistVersion).where(
                ChecklistVersion.checklist_id == checklist.id,
                ChecklistVersion.version == spec.version,
            )
        )
        if existing is not None:
            if existing.content_hash != spec.content_hash:
                raise ChecklistFileError(
                    spec.file,
                    f"nội dung phiên bản {spec.version} đã thay đổi mà không tăng số phiên bản; "
                    "tệp bị từ chối, danh mục đã có được giữ nguyên",
                    f"the content of version {spec.version} changed without a new version "
                    "number; the file is refused and the checklist already loaded is kept",
                    None,
                    "version",
                )
            return existing
    directive_data = dict(
        number=spec.directive.number,
        kind=spec.directive.kind,
        issuer=spec.directive.issuer,
        place=spec.directive.place,
        issued_on=spec.directive.issued_on,
        date_note=spec.directive.date_note,
        subject=spec.directive.subject,
        source_text=spec.directive.source_text,
        source_complete=spec.directive.source_complete,
    )
    if checklist is None:
        directive = Directive(
            id=stable_id("directive", spec.slug), device_id=device_id, **directive_data
        )
        session.add(directive)
        checklist = Checklist(
            id=stable_id("checklist", spec.slug),
            slug=spec.slug,
            directive=directive,
            origin=origin,
            device_id=device_id,
        )
        session.add(checklist)
    else:
        for key, value in directive_data.items():
            setattr(checklist.directive, key, value)
    version = ChecklistVersion(
        id=stable_id("version", spec.slug, spec.version),
        checklist=checklist,
        version=spec.version,
        title=spec.title,
        status="published",
        content_hash=spec.content_hash,
        published_at=utcnow(),
        device_id=device_id,
    )
    session.add(version)
    themes = {t.id: t for t in session.scalars(select(Theme))}
    ids: dict[str, uuid.UUID] = {}
    for position, (item, depth, parent) in enumerate(spec.walk()):
        item_id = stable_id("item", spec.slug, spec.version, item.code)
        ids[item.code] = item_id
        session.add(
            ChecklistItem(
                id=item_id,
                version=version,
                parent_id=ids[parent.code] if parent else None,
                position=position,
                depth=depth,
                code=item.code,
                label=item.label,
                requirement=item.requirement,
                source=item.source,
                source_incomplete=item.source_incomplete,
                weight=item.weight,
                critical=item.critical,
                answer_type=item.answer_type,
                role=item.role,
                valid_until=item.valid_until,
                addressees=join_kinds(item.addressees),
                addressed_bodies=join_bodies(item.addressed_bodies),
                critical_reason=item.critical_reason,
                themes=[themes[t] for t in item.themes if t in themes],
                device_id=device_id,
            )
        )
    session.flush()
    return version


# -- reading the library back, as plain values (the JSON shapes of `kiemtra checklists`) --


def _directive_dict(directive: Directive, whole: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {
        "number": directive.number,
        "kind": directive.kind,
        "issuer": directive.issuer,
        "issued_on": directive.issued_on.isoformat() if directive.issued_on else None,
        "subject": directive.subject,
    }
    if whole:  # every field of the checklist file (`checklists show`)
        found["place"] = directive.place
        found["date_note"] = directive.date_note
        found["source_complete"] = directive.source_complete
    return found


def latest_versions(session: Session) -> list[ChecklistVersion]:
    """The newest published version of every checklist, ordered by slug."""
    newest = (
        select(ChecklistVersion.checklist_id, func.max(ChecklistVersion.version).label("v"))
        .where(ChecklistVersion.status == "published")
        .group_by(ChecklistVersion.checklist_id)
        .subquery()
    )
    query = (
        select(ChecklistVersion)
        .join(
            newest,
            (newest.c.checklist_id == ChecklistVersion.checklist_id)
            & (newest.c.v == ChecklistVersion.version),
        )
        .join(Checklist)
        .order_by(Checklist.slug)
        .options(selectinload(ChecklistVersion.checklist).selectinload(Checklist.directive))
    )
    return list(session.scalars(query))


def list_checklists(session: Session) -> list[dict[str, Any]]:
    counts = dict(
        session.execute(
            select(ChecklistItem.version_id, func.count()).group_by(ChecklistItem.version_id)
        ).all()
    )
    return [
        {
            "id": v.checklist.slug,
            "version": v.version,
            "title": v.title,
            "directive": _directive_dict(v.checklist.directive),
            "item_count": counts.get(v.id, 0),
        }
        for v in latest_versions(session)
    ]


def get_version(session: Session, slug: str, version: int | None = None) -> ChecklistVersion:
    query = (
        select(ChecklistVersion)
        .join(Checklist)
        .where(Checklist.slug == slug)
        .options(selectinload(ChecklistVersion.items).selectinload(ChecklistItem.themes))
    )
    if version is None:
        query = query.where(ChecklistVersion.status == "published").order_by(
            ChecklistVersion.version.desc()
        )
    else:
        query = query.where(ChecklistVersion.version == version)
    found = session.scalars(query.limit(1)).first()
    if found is None:
        what = slug if version is None else f"{slug} v{version}"
        raise NotFound(f"Không tìm thấy danh mục '{what}'.", f"Checklist '{what}' not found.")
    return found


def item_tree(version: ChecklistVersion) -> list[dict[str, Any]]:
    nodes: dict[uuid.UUID, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for item in version.items:
        node = {
            "code": item.code,
            "label": item.label,
            "requirement": item.requirement,
            "source": item.source,
            "themes": [t.id for t in item.themes],
            "critical": item.critical,
            "critical_reason": item.critical_reason,
            "weight": item.weight,
            "answer_type": item.answer_type,
            "role": item.role or REQUIREMENT,
            "valid_until": item.valid_until.isoformat() if item.valid_until else None,
            "addressees": list(split_kinds(item.addressees)),
            "addressed_bodies": list(split_bodies(item.addressed_bodies)),
            "source_incomplete": item.source_incomplete,
            "children": [],
        }
        nodes[item.id] = node
        (nodes[item.parent_id]["children"] if item.parent_id else roots).append(node)
    return roots


def show_checklist(session: Session, slug: str, version: int | None = None) -> dict[str, Any]:
    found = get_version(session, slug, version)
    return {
        "id": found.checklist.slug,
        "version": found.version,
        "title": found.title,
        "directive": _directive_dict(found.checklist.directive, whole=True),
        "items": item_tree(found),
    }
