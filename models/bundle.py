"""Bundle files: what a field laptop brings back to the office.

A bundle is a zip holding ``manifest.json`` (format version, program version, source device,
creation time, the SHA-256 of every other entry), ``records.json`` (the rows, by table) and
``evidence/<sha256>`` files. Reading one checks everything before anything is written:
entry names, sizes (zip bombs), the manifest, every hash, every record's fields.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Date, DateTime, Table, TypeDecorator, select
from sqlalchemy.orm import Session
from sqlalchemy.types import JSON, Uuid

from models import __version__
from models.archive import ArchiveKind, file_name_problem, open_archive
from models.entities import ANSWER_STATUSES, ASSESSMENT_KINDS, ASSESSMENT_STATUSES, Base
from models.errors import KnownError
from models.output_files import output_stream
from models.text import unsafe_characters
from models.validation import column_rule

FORMAT = "kiemtra-bundle"
FORMAT_VERSION = 4  # 2: rounds, their checklists and expected units; assessments' round
#                    3: closures of corrective actions (``action_closures``)
#                    4: keyings of paper forms (``form_keyings``)
#: Tables a bundle carries, in the order rows must be inserted (parents first).
TABLES = (
    "devices",
    "directives",
    "checklists",
    "checklist_versions",
    "checklist_items",
    "item_themes",
    "units",
    "rounds",
    "round_checklists",
    "round_units",
    "assessments",
    "answers",
    "corrective_actions",
    "evidence_files",
    "action_closures",
    "form_keyings",
    "audit_entries",
)
MAX_BUNDLE_BYTES = 2 * 1024**3
MAX_TOTAL_UNCOMPRESSED = 4 * 1024**3
MAX_RECORDS_BYTES = 512 * 1024**2
MAX_EVIDENCE_BYTES = 200 * 1024**2
_EVIDENCE_NAME = re.compile(r"^evidence/[0-9a-f]{64}$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class BundleError(KnownError):
    """The bundle cannot be used as it is; nothing was written."""


def _damaged(name: str, detail_vi: str, detail_en: str) -> BundleError:
    return BundleError(
        f"'{name}' không phải gói dữ liệu Kiểm tra hợp lệ, hoặc bị cắt cụt/hỏng ({detail_vi}). "
        "Không có gì được ghi.",
        f"'{name}' is not a valid Kiểm tra bundle, or it is truncated/damaged ({detail_en}). "
        "Nothing was written.",
    )


BUNDLE = ArchiveKind(
    refuse=_damaged,
    max_file_bytes=MAX_BUNDLE_BYTES,
    max_entries=500_000,
    max_entry_bytes=MAX_RECORDS_BYTES,
    max_total_bytes=MAX_TOTAL_UNCOMPRESSED,
    ratio_floor=1024**2,
)


@dataclass
class Bundle:
    """A bundle read and checked: its manifest, its records (typed), its evidence files."""

    path: Path
    manifest: dict[str, Any]
    records: dict[str, list[dict[str, Any]]]
    evidence: dict[str, bytes] = field(default_factory=dict)

    @property
    def source_device(self) -> uuid.UUID:
        return uuid.UUID(self.manifest["source_device"]["id"])

    @property
    def source_name(self) -> str:
        return str(self.manifest["source_device"].get("name", ""))


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _to_json(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def row_to_json(table: Table, row: Any) -> dict[str, Any]:
    mapping = row._mapping
    return {column.name: _to_json(mapping[column.name]) for column in table.columns}


def _bad(detail: str) -> BundleError:
    return BundleError(
        f"Gói dữ liệu không hợp lệ: {detail}. Không có gì được ghi.",
        f"The bundle is not valid: {detail}. Nothing was written.",
    )


#: Columns added after bundle format 1: a bundle of an older program lacks them (None). A
#: table added later (``action_closures``, ``form_keyings``) is absent from such a bundle
#: and reads as empty.
LATER_FIELDS = {
    ("assessments", "round_id"),
    ("checklist_items", "role"),
    ("checklist_items", "valid_until"),
    ("checklist_items", "addressees"),
    ("checklist_items", "addressed_bodies"),
    ("checklist_items", "critical_reason"),
}


def _from_json(table: Table, record: Any, where: str) -> dict[str, Any]:
    """A record of the bundle as typed column values; anything unexpected is refused."""
    if not isinstance(record, dict):
        raise _bad(f"{where}: not an object")
    names = {column.name for column in table.columns}
    for name in names - set(record):
        if (table.name, name) in LATER_FIELDS:
            record = {**record, name: None}
    if set(record) != names:
        extra = sorted(set(record) - names) or sorted(names - set(record))
        raise _bad(f"{where}: unexpected or missing fields {extra[:5]}")
    typed: dict[str, Any] = {}
    for column in table.columns:
        value = record[column.name]
        kind = column.type.impl if isinstance(column.type, TypeDecorator) else column.type
        try:
            if value is None:
                if not column.nullable and not column.primary_key:
                    raise ValueError("missing value")
                typed[column.name] = None
            elif isinstance(kind, Uuid):
                typed[column.name] = uuid.UUID(str(value))
            elif isinstance(kind, DateTime):
                moment = dt.datetime.fromisoformat(str(value))
                typed[column.name] = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
            elif isinstance(kind, Date):
                typed[column.name] = dt.date.fromisoformat(str(value))
            elif isinstance(kind, JSON):
                typed[column.name] = value
            else:
                expected = column.type.python_type
                if expected is float and isinstance(value, int) and not isinstance(value, bool):
                    value = float(value)
                if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                    raise ValueError(f"expected {expected.__name__}")
                if expected is int and not -(2**63) <= value < 2**63:
                    raise ValueError("number out of range")
                length = getattr(column.type, "length", None)
                rule = column_rule(table.name, column.name)
                if isinstance(value, str) and rule and (refused := rule.problem(value)):
                    # the words the window and the forms use for the same value
                    raise BundleError(
                        f"Gói dữ liệu không hợp lệ: {where}: {refused.vi} Không có gì được ghi.",
                        f"The bundle is not valid: {where}: {refused.en} Nothing was written.",
                    )
                if isinstance(value, str):
                    if length and len(value) > length:
                        raise ValueError("too long")
                    if found := unsafe_characters(value):
                        raise ValueError(f"hidden control characters {', '.join(found)}")
                typed[column.name] = value
        except (ValueError, TypeError, NotImplementedError) as exc:
            raise _bad(f"{where}, field '{column.name}': {exc}") from exc
    return typed


# -- writing --------------------------------------------------------------------------------


def write_bundle(
    destination: Path,
    records: dict[str, list[dict[str, Any]]],
    evidence_files: dict[str, Path],
    *,
    device_id: uuid.UUID,
    device_name: str,
    filters: dict[str, Any],
) -> Path:
    """Write a bundle whole: a partial file never carries the final name, and a full disk
    or an unwritable folder is a message naming the file."""
    entries: dict[str, str] = {}
    with (
        output_stream(destination) as stream,
        zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        body = json.dumps(records, ensure_ascii=False, separators=(",", ":")).encode()
        archive.writestr("records.json", body)
        entries["records.json"] = hashlib.sha256(body).hexdigest()
        for sha, file in sorted(evidence_files.items()):
            data = _evidence_bytes(file)
            if hashlib.sha256(data).hexdigest() != sha:
                raise BundleError(
                    f"Tệp minh chứng {sha} trong thư mục dữ liệu đã bị thay đổi.",
                    f"The evidence file {sha} in the data folder was altered.",
                )
            archive.writestr(f"evidence/{sha}", data)
            entries[f"evidence/{sha}"] = sha
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "program_version": __version__,
            "source_device": {"id": str(device_id), "name": device_name},
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "filters": filters,
            "entries": entries,
        }
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
    return destination


def _evidence_bytes(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as exc:
        raise BundleError(
            f"Không đọc được tệp minh chứng '{file}' ({exc.strerror}).",
            f"Cannot read the evidence file '{file}' ({exc.strerror}).",
        ) from exc


def chunks(values: list[Any], size: int = 500) -> Iterable[list[Any]]:
    """``values`` in slices small enough for one ``IN (…)`` on either backend."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def dump_rows(session: Session, name: str, where: Any = None) -> list[dict[str, Any]]:
    table = _table(name)
    query = select(table)
    if where is not None:
        query = query.where(where)
    return [row_to_json(table, row) for row in session.execute(query)]


# -- reading --------------------------------------------------------------------------------


def _check_names(infos: list[zipfile.ZipInfo]) -> None:
    names = [info.filename for info in infos]
    if len(names) != len(set(names)):
        raise _bad("duplicate entry names")
    for info in infos:
        name = info.filename
        if (
            name.startswith(("/", "\\"))
            or ".." in name.split("/")
            or "\\" in name
            or re.match(r"^[A-Za-z]:", name)
        ):
            raise _bad(f"unsafe entry name '{name[:80]}'")
        if name not in ("manifest.json", "records.json") and not _EVIDENCE_NAME.match(name):
            raise _bad(f"unexpected entry '{name[:80]}'")
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            raise _bad(f"entry '{name}' is a symbolic link")


def read_bundle(path: Path) -> Bundle:
    """Open and check a bundle completely; raise ``BundleError`` on anything wrong."""
    with open_archive(path, BUNDLE) as archive:
        _check_names(archive.entries)
        by_name = {info.filename: info for info in archive.entries}
        if "manifest.json" not in by_name:
            raise _bad("no manifest (not a Kiểm tra bundle?)")
        manifest = _parse_manifest(archive.read(by_name["manifest.json"], 10**7))
        entries = manifest["entries"]
        if set(entries) != set(by_name) - {"manifest.json"}:
            raise _bad("the entries do not match the manifest")
        contents: dict[str, bytes] = {}
        for name, expected in entries.items():
            limit = MAX_RECORDS_BYTES if name == "records.json" else MAX_EVIDENCE_BYTES
            data = archive.read(by_name[name], limit)
            if hashlib.sha256(data).hexdigest() != expected:
                raise _bad(f"'{name}' does not match its SHA-256 (damaged or tampered)")
            contents[name] = data
    if "records.json" not in contents:
        raise _bad("no records")
    records = _parse_records(contents.pop("records.json"))
    evidence = {name.split("/", 1)[1]: data for name, data in contents.items()}
    _check_evidence_records(records["evidence_files"], evidence)
    closures = records["action_closures"]
    for n, row in enumerate(closures):
        if len({row[k] is None for k in ("sha256", "file_name", "media_type", "size")}) > 1:
            raise _bad(f"action_closures[{n}]: the evidence file is named only in part")
    _check_evidence_records([r for r in closures if r["sha256"]], evidence, "action_closures")
    return Bundle(path=path, manifest=manifest, records=records, evidence=evidence)


def _check_evidence_records(
    rows: list[dict[str, Any]], evidence: dict[str, bytes], table: str = "evidence_files"
) -> None:
    """Evidence names and sizes come from outside: a name must be a plain file name (it
    becomes a path when the file is opened), a size must be the size of the bytes."""
    from models.services.evidence import MAX_EVIDENCE_BYTES as largest

    for n, row in enumerate(rows):
        where = f"{table}[{n}]"
        if problem := file_name_problem(row["file_name"]):
            raise _bad(f"{where}: {problem} ({row['file_name'][:80]!r})")
        if not _SHA256.match(row["sha256"]):
            raise _bad(f"{where}: the SHA-256 is not 64 hexadecimal digits")
        size = row["size"]
        if not 0 <= size <= largest:
            raise _bad(f"{where}: impossible size {size}")
        data = evidence.get(row["sha256"])
        if data is not None and len(data) != size:
            raise _bad(f"{where}: the size {size} does not match the file ({len(data)} bytes)")


def _parse_manifest(data: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _bad("the manifest is not JSON") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _bad("not a Kiểm tra bundle")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise _bad("no format version")
    if version > FORMAT_VERSION:
        raise BundleError(
            f"Gói dữ liệu có định dạng mới hơn ({version}) so với chương trình này "
            f"({FORMAT_VERSION}). Hãy cập nhật Kiểm tra. Không có gì được ghi.",
            f"The bundle's format ({version}) is newer than this program's "
            f"({FORMAT_VERSION}). Update Kiểm tra. Nothing was written.",
        )
    device = manifest.get("source_device")
    if not isinstance(manifest.get("entries"), dict) or not isinstance(device, dict):
        raise _bad("incomplete manifest")
    try:
        uuid.UUID(str(device.get("id")))
    except ValueError as exc:
        raise _bad("the source device id is not valid") from exc
    return manifest


def _parse_records(data: bytes) -> dict[str, list[dict[str, Any]]]:
    try:
        raw = json.loads(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read())
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise _bad("the records are not JSON") from exc
    if not isinstance(raw, dict) or set(raw) - set(TABLES):
        raise _bad("unknown record tables")
    records: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        rows = raw.get(name, [])
        if not isinstance(rows, list):
            raise _bad(f"'{name}' is not a list")
        table = _table(name)
        records[name] = [_from_json(table, row, f"{name}[{n}]") for n, row in enumerate(rows)]
        keys = [
            tuple(row[column.name] for column in table.primary_key.columns) for row in records[name]
        ]
        if len(keys) != len(set(keys)):
            raise _bad(f"'{name}' holds the same record twice")
    _check_meaning(records)
    return records


def _check_meaning(records: dict[str, list[dict[str, Any]]]) -> None:
    """Values the types allow but the domain does not (a period that is no period…)."""
    from models.errors import InvalidInput
    from models.periods import parse_period

    for n, row in enumerate(records["assessments"]):
        try:
            if parse_period(row["period"]).key != row["period"]:
                raise InvalidInput("", "")
        except InvalidInput:
            raise _bad(
                f"assessments[{n}]: the period '{row['period'][:20]}' is not valid"
            ) from None
        if row["kind"] not in ASSESSMENT_KINDS or row["status"] not in ASSESSMENT_STATUSES:
            raise _bad(f"assessments[{n}]: unknown kind or status")
    for n, row in enumerate(records.get("rounds", [])):
        try:
            if parse_period(row["period"]).key != row["period"]:
                raise InvalidInput("", "")
        except InvalidInput:
            raise _bad(f"rounds[{n}]: the period '{row['period'][:20]}' is not valid") from None
        if row["kind"] not in ASSESSMENT_KINDS or row["status"] not in ("open", "closed"):
            raise _bad(f"rounds[{n}]: unknown kind or status")
    for n, row in enumerate(records["form_keyings"]):
        try:
            if parse_period(row["period"]).key != row["period"]:
                raise InvalidInput("", "")
        except InvalidInput:
            raise _bad(f"form_keyings[{n}]: the period is not valid") from None
        if row["kind"] not in ASSESSMENT_KINDS:
            raise _bad(f"form_keyings[{n}]: unknown kind")
        for key in ("answers", "final"):
            keyed = row[key]
            if keyed is None and key == "final":
                continue
            if not isinstance(keyed, dict) or any(
                not isinstance(code, str) or (a is not None and a not in ANSWER_STATUSES)
                for code, a in keyed.items()
            ):
                raise _bad(f"form_keyings[{n}]: '{key}' is not item codes and answers")
    for n, row in enumerate(records["answers"]):
        if row["status"] is not None and row["status"] not in ANSWER_STATUSES:
            raise _bad(f"answers[{n}]: unknown answer '{row['status'][:20]}'")
