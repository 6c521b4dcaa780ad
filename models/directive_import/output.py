"""An import as the shipped checklist file, as JSON for scripts, and as a spec to install.

The YAML is written by hand in the key order and style of ``checklists/*.yaml`` (quoted codes,
``|-`` blocks for multi-paragraph sources, flow lists of themes) so a reviewed import can sit
beside the shipped files; ``load_checklist_file`` reads it back to the same content hash.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from models.checklist_file import (
    ChecklistFileError,
    ChecklistSpec,
    ItemSpec,
    load_themes,
    parse_checklist,
    validate_data,
)
from models.directive_import import ImportResult
from models.directive_import.items import draft_fields, proposals_of
from models.errors import InvalidInput

_SLUG_HINT = (
    "chữ thường không dấu, số và dấu gạch ngang",
    "lowercase ASCII letters, digits and dashes",
)


def item_data(item: ItemSpec) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": item.code,
        "label": item.label,
        "requirement": item.requirement,
        "source": item.source,
        "themes": list(item.themes),
        "critical": item.critical,
        "weight": int(item.weight) if float(item.weight).is_integer() else item.weight,
    }
    if item.answer_type != "status":
        data["answer_type"] = item.answer_type
    if item.source_incomplete:
        data["source_incomplete"] = True
    data.update(scope_data(item))
    if item.children:
        data["children"] = [item_data(child) for child in item.children]
    return data


def scope_data(item: ItemSpec) -> dict[str, Any]:
    """Role, valid-until, addressees and critical reason as the checklist file writes them
    (each left out while it says nothing: a requirement for every unit, in force always)."""
    data: dict[str, Any] = {}
    if item.role != "requirement":
        data["role"] = item.role
    if item.valid_until is not None:
        data["valid_until"] = item.valid_until.isoformat()
    if item.addressees:
        data["addressees"] = list(item.addressees)
    if item.addressed_bodies:
        data["addressed_bodies"] = list(item.addressed_bodies)
    if item.critical_reason:
        data["critical_reason"] = item.critical_reason
    return data


def checklist_data(
    result: ImportResult, slug: str | None = None, version: int = 1
) -> dict[str, Any]:
    """The checklist as its YAML file holds it (dates as ISO text), in the shipped key order."""
    slug = slug or result.slug
    d = result.directive
    return {
        "schema": 1,
        "id": slug,
        "version": version,
        "title": result.title,
        "directive": {
            "number": d.number,
            "kind": d.kind,
            "issuer": d.issuer,
            "place": d.place,
            "issued_on": d.issued_on.isoformat() if d.issued_on else None,
            "date_note": d.date_note,
            "subject": d.subject,
            "source_file": f"sources/{slug}.txt",
            "source_complete": d.source_complete,
        },
        "items": [item_data(item) for item in result.items],
    }


def to_spec(
    result: ImportResult,
    slug: str | None = None,
    version: int = 1,
    known_themes: set[str] | None = None,
) -> ChecklistSpec:
    """Validate against the checklist schema and return the spec ``install_checklist`` takes."""
    slug = slug or result.slug
    data = checklist_data(result, slug, version)
    if known_themes is None:
        known_themes = {t.id for t in load_themes()}
    spec = parse_checklist(data, f"{slug}.yaml", known_themes, None)
    spec.directive.source_text = result.directive.source_text
    return spec


def as_json(result: ImportResult) -> dict[str, Any]:
    """The shape of `kiemtra checklists show --json`, plus warnings and what was read."""
    d = result.directive

    def item(spec: ItemSpec) -> dict[str, Any]:
        return {
            "code": spec.code,
            "label": spec.label,
            "requirement": spec.requirement,
            "source": spec.source,
            "themes": list(spec.themes),
            "critical": spec.critical,
            "role": spec.role,
            "valid_until": spec.valid_until.isoformat() if spec.valid_until else None,
            "addressees": list(spec.addressees),
            "addressed_bodies": list(spec.addressed_bodies),
            **({"proposed": proposals_of(spec)} if proposals_of(spec) else {}),
            **{k: v for k, v in draft_fields(spec).items() if k in ("warnings", "notes", "page")},
            "children": [item(child) for child in spec.children],
        }

    return {
        "id": result.slug,
        "version": 1,
        "title": result.title,
        "directive": {
            "number": d.number,
            "kind": d.kind,
            "issuer": d.issuer,
            "issued_on": d.issued_on.isoformat() if d.issued_on else None,
            "subject": d.subject,
        },
        "items": [item(spec) for spec in result.items],
        "warnings": list(result.warnings),
        "document": {
            "file": result.source_name,
            "encoding": result.encoding,
            "place": d.place,
            "date_note": d.date_note,
            "source_complete": d.source_complete,
            "recipients": result.recipients,
            "signer": result.signer,
            "issuer_printed": result.issuer_printed,
            "pages": len(result.page_sizes) or None,
        },
    }


def _scalar(value: Any, indent: str) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    lines = text.split("\n")
    if (
        len(lines) > 1
        and all(line and line == line.strip() for line in lines)
        and not any(ch in text for ch in "\t\r\ufeff\u2028\u2029\x85")
    ):
        return "|-\n" + "\n".join(f"{indent}  {line}" for line in lines)
    return json.dumps(text, ensure_ascii=False)


def to_yaml(data: dict[str, Any]) -> str:
    slug = data["id"]
    slug = json.dumps(slug) if re.fullmatch(r"[0-9-]+", slug) else slug  # "2021" is no number
    out = [
        f"schema: {data['schema']}",
        f"id: {slug}",
        f"version: {data['version']}",
        f"title: {_scalar(data['title'], '')}",
        "directive:",
    ]
    out += [f"  {key}: {_scalar(value, '  ')}" for key, value in data["directive"].items()]
    out.append("items:")

    def items(entries: list[dict[str, Any]], indent: str) -> None:
        for entry in entries:
            first = True
            for key, value in entry.items():
                lead = f"{indent}- " if first else f"{indent}  "
                first = False
                if key == "children":
                    out.append(f"{lead}children:")
                    items(value, indent + "    ")
                elif key in ("themes", "addressees"):
                    out.append(f"{lead}{key}: [{', '.join(value)}]")
                elif key == "addressed_bodies":
                    bodies = ", ".join(json.dumps(v, ensure_ascii=False) for v in value)
                    out.append(f"{lead}{key}: [{bodies}]")
                elif key in ("code", "label", "role", "valid_until"):
                    out.append(f"{lead}{key}: {json.dumps(value, ensure_ascii=False)}")
                else:
                    out.append(f"{lead}{key}: {_scalar(value, indent + '  ')}")

    items(data["items"], "  ")
    return "\n".join(out) + "\n"


def write_checklist(result: ImportResult, path: Path) -> Path:
    """Write ``path`` (its name is the checklist id) and ``sources/<id>.txt`` beside it.

    Everything is checked before the first byte is written, and each file is replaced
    atomically, so a refused import leaves the folder as it was.
    """
    slug = path.stem
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise InvalidInput(
            f"Tệp danh mục phải có đuôi .yaml: '{path.name}'.",
            f"A checklist file must end in .yaml: '{path.name}'.",
        )
    try:
        data = checklist_data(result, slug)
        validate_data(data, path.name, {t.id for t in load_themes()})
    except ChecklistFileError as exc:
        hint = f" ({_SLUG_HINT[0]})" if exc.field_name == "id" else ""
        hint_en = f" ({_SLUG_HINT[1]})" if exc.field_name == "id" else ""
        raise InvalidInput(exc.vi + hint, exc.en + hint_en) from exc
    if not path.parent.is_dir():
        raise InvalidInput(
            f"Thư mục '{path.parent}' không tồn tại.", f"The folder '{path.parent}' does not exist."
        )
    sources = path.parent / "sources"
    try:
        sources.mkdir(exist_ok=True)
        _atomic_write(sources / f"{slug}.txt", result.directive.source_text)
        _atomic_write(path, to_yaml(data))
    except OSError as exc:
        raise InvalidInput(f"Không ghi được tệp: {exc}.", f"Cannot write the file: {exc}.") from exc
    return path


def _atomic_write(path: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text if text.endswith("\n") else text + "\n")
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
