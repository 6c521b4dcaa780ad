"""The checklist file format: YAML validated against a JSON schema, plus the rules a schema
cannot say (unique codes, codes that follow the tree, known themes, a source file that
exists). A wrong file is reported with its file name, item code and field; the caller keeps
loading the other files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from models import paths
from models.errors import KnownError
from models.text import clean_source, collapse_spaces, nfc, unsafe_characters

SCHEMA_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_NODES = 200_000


class ChecklistFileError(KnownError):
    """One problem in one checklist file: where (file, item code, field) and what."""

    def __init__(
        self,
        file: str,
        problem_vi: str,
        problem_en: str,
        code: str | None = None,
        field_name: str | None = None,
    ) -> None:
        where_vi = [f"tệp {file}"]
        where_en = [f"file {file}"]
        if code is not None:
            where_vi.append(f"mục {code}")
            where_en.append(f"item {code}")
        if field_name is not None:
            where_vi.append(f"trường '{field_name}'")
            where_en.append(f"field '{field_name}'")
        super().__init__(
            ", ".join(where_vi) + f": {problem_vi}", ", ".join(where_en) + f": {problem_en}"
        )
        self.file = file
        self.code = code
        self.field_name = field_name


@dataclass
class DirectiveSpec:
    number: str | None
    kind: str
    issuer: str
    place: str | None
    issued_on: dt.date | None
    date_note: str | None
    subject: str
    source_file: str
    source_complete: bool
    source_text: str = ""


@dataclass
class ItemSpec:
    code: str
    label: str
    requirement: str
    source: str
    themes: list[str] = field(default_factory=list)
    critical: bool = False
    weight: float = 1.0
    answer_type: str = "status"
    source_incomplete: bool = False
    children: list[ItemSpec] = field(default_factory=list)
    role: str = "requirement"
    valid_until: dt.date | None = None
    addressees: list[str] = field(default_factory=list)
    addressed_bodies: list[str] = field(default_factory=list)
    critical_reason: str | None = None

    def walk(self, depth: int = 0, parent: ItemSpec | None = None):  # type: ignore[no-untyped-def]
        yield self, depth, parent
        for child in self.children:
            yield from child.walk(depth + 1, self)


@dataclass
class ChecklistSpec:
    slug: str
    version: int
    title: str
    directive: DirectiveSpec
    items: list[ItemSpec]
    content_hash: str
    file: str

    def walk(self):  # type: ignore[no-untyped-def]
        for item in self.items:
            yield from item.walk()

    def item_count(self) -> int:
        return sum(1 for _ in self.walk())


class _Loader(yaml.SafeLoader):
    """Safe YAML with dates kept as text, so the schema sees exactly what was written."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ChecklistFileError(
                name, f"tệp quá lớn ({size} byte)", f"file too large ({size} bytes)"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise ChecklistFileError(
            name, f"không đọc được tệp ({exc})", f"cannot read the file ({exc})"
        ) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ChecklistFileError(
            name, "tệp không phải văn bản UTF-8", "the file is not UTF-8 text"
        ) from exc
    try:
        data = yaml.load(nfc(text), Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError as exc:
        raise ChecklistFileError(name, "YAML lồng nhau quá sâu", "YAML nested too deeply") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (dòng {mark.line + 1})" if mark else ""
        where_en = f" (line {mark.line + 1})" if mark else ""
        raise ChecklistFileError(
            name, f"YAML không hợp lệ{where}: {exc}", f"invalid YAML{where_en}: {exc}"
        ) from exc
    if _node_count(data, MAX_NODES) > MAX_NODES:
        raise ChecklistFileError(
            name,
            "tệp có quá nhiều phần tử (bí danh YAML lồng nhau?)",
            "the file expands to too many elements (nested YAML aliases?)",
        )
    return data


def _node_count(data: Any, limit: int) -> int:
    """How many values ``data`` holds once aliases are expanded, counting no further than
    just past ``limit`` (a few lines of aliases can stand for billions of values)."""
    count, stack = 0, [data]
    while stack and count <= limit:
        node = stack.pop()
        count += 1
        if isinstance(node, dict):
            stack.extend(node.keys())
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return count


@cache
def _validator(schema_name: str) -> Any:
    import jsonschema

    schema = json.loads((paths.checklists_dir() / schema_name).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _item_code_at(data: Any, path: list[Any]) -> tuple[str | None, str | None]:
    """The item code and field name that a JSON-schema error path points into."""
    code: str | None = None
    node = data
    field_name: str | None = None
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and "code" in node and isinstance(node["code"], str):
            code = node["code"]
        if isinstance(step, str):
            field_name = step
    return code, field_name


def validate_data(data: Any, name: str, known_themes: set[str] | None) -> None:
    if not isinstance(data, dict):
        raise ChecklistFileError(
            name,
            "tệp không chứa một danh mục (cần một ánh xạ YAML)",
            "the file holds no checklist (a YAML mapping is needed)",
        )
    errors = sorted(
        _validator("checklist.schema.json").iter_errors(data),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    if errors:
        error = errors[0]
        code, field_name = _item_code_at(data, list(error.absolute_path))
        raise ChecklistFileError(name, error.message, error.message, code, field_name)
    _check_characters(data, name)
    seen: set[str] = set()

    def check(items: list[dict[str, Any]], parent_code: str | None) -> None:
        for item in items:
            code = item["code"]
            if code in seen:
                raise ChecklistFileError(
                    name, "mã mục bị trùng", "duplicate item code", code, "code"
                )
            seen.add(code)
            if parent_code is not None and not code.startswith(parent_code + "."):
                raise ChecklistFileError(
                    name,
                    f"mã mục con phải bắt đầu bằng '{parent_code}.'",
                    f"a child's code must start with '{parent_code}.'",
                    code,
                    "code",
                )
            if parent_code is None and "." in code:
                raise ChecklistFileError(
                    name,
                    "mục cấp cao nhất không được có dấu chấm trong mã",
                    "a top-level code has no dot",
                    code,
                    "code",
                )
            _check_role(item, name)
            for theme in item.get("themes", []):
                if known_themes is not None and theme not in known_themes:
                    raise ChecklistFileError(
                        name,
                        f"chủ đề không tồn tại: '{theme}'",
                        f"unknown theme '{theme}'",
                        code,
                        "themes",
                    )
            check(item.get("children", []), code)

    check(data["items"], None)


def _check_role(item: dict[str, Any], name: str) -> None:
    """What a schema cannot say about roles and addressees."""
    from models.vocabulary import UNIT_KINDS

    code = item["code"]
    for kind in item.get("addressees", []):
        if kind not in UNIT_KINDS:
            raise ChecklistFileError(
                name,
                f"loại đơn vị không tồn tại: '{kind}' (dùng: {', '.join(UNIT_KINDS)})",
                f"unknown kind of unit '{kind}' (use: {', '.join(UNIT_KINDS)})",
                code,
                "addressees",
            )
    if "valid_until" in item:
        try:
            dt.date.fromisoformat(item["valid_until"])
        except ValueError as exc:
            raise ChecklistFileError(
                name, "ngày không hợp lệ", "invalid date", code, "valid_until"
            ) from exc
    role = item.get("role", "requirement")
    if role == "heading" and not item.get("children"):
        raise ChecklistFileError(
            name,
            "đề mục phải có mục con",
            "a heading must have children",
            code,
            "role",
        )
    if role != "requirement" and item.get("critical"):
        raise ChecklistFileError(
            name,
            "chỉ yêu cầu mới có thể là trọng yếu",
            "only a requirement can be critical",
            code,
            "critical",
        )


def _check_characters(
    data: Any, name: str, code: str | None = None, field_name: str | None = None
) -> None:
    if isinstance(data, dict):
        code = data.get("code", code) if isinstance(data.get("code"), str) else code
        for key, value in data.items():
            _check_characters(value, name, code, str(key))
    elif isinstance(data, list):
        for value in data:
            _check_characters(value, name, code, field_name)
    elif isinstance(data, str) and (found := unsafe_characters(data)):
        listed = ", ".join(found)
        raise ChecklistFileError(
            name,
            f"có ký tự điều khiển hoặc đảo chiều ẩn ({listed})",
            f"holds hidden control or bidirectional characters ({listed})",
            code,
            field_name,
        )


def content_hash(data: Any) -> str:
    """A hash of what a checklist says, not of how its file is laid out."""
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _item(data: dict[str, Any]) -> ItemSpec:
    return ItemSpec(
        code=data["code"],
        label=collapse_spaces(data["label"]),
        requirement=collapse_spaces(data["requirement"]),
        source=clean_source(data["source"]),
        themes=list(data.get("themes", [])),
        critical=bool(data.get("critical", False)),
        weight=float(data.get("weight", 1)),
        answer_type=data.get("answer_type", "status"),
        source_incomplete=bool(data.get("source_incomplete", False)),
        children=[_item(child) for child in data.get("children", [])],
        role=data.get("role", "requirement"),
        valid_until=dt.date.fromisoformat(data["valid_until"]) if "valid_until" in data else None,
        addressees=list(data.get("addressees", [])),
        addressed_bodies=[collapse_spaces(b) for b in data.get("addressed_bodies", [])],
        critical_reason=(
            collapse_spaces(data["critical_reason"]) if "critical_reason" in data else None
        ),
    )


def parse_checklist(
    data: Any, name: str, known_themes: set[str] | None, base_dir: Path | None
) -> ChecklistSpec:
    """Validate parsed YAML and turn it into a spec; the source text is read when given a dir."""
    validate_data(data, name, known_themes)
    directive_data = data["directive"]
    issued_on = None
    if directive_data.get("issued_on"):
        try:
            issued_on = dt.date.fromisoformat(directive_data["issued_on"])
        except ValueError as exc:
            raise ChecklistFileError(
                name, "ngày không hợp lệ", "invalid date", None, "issued_on"
            ) from exc
    directive = DirectiveSpec(
        number=directive_data.get("number"),
        kind=directive_data["kind"],
        issuer=directive_data["issuer"],
        place=directive_data.get("place"),
        issued_on=issued_on,
        date_note=directive_data.get("date_note"),
        subject=collapse_spaces(directive_data["subject"]),
        source_file=directive_data["source_file"],
        source_complete=directive_data.get("source_complete", True),
    )
    if base_dir is not None:
        source_path = base_dir / directive.source_file
        try:
            directive.source_text = nfc(source_path.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ChecklistFileError(
                name,
                f"không đọc được văn bản gốc '{directive.source_file}'",
                f"cannot read the source text '{directive.source_file}'",
                None,
                "source_file",
            ) from exc
    return ChecklistSpec(
        slug=data["id"],
        version=data["version"],
        title=collapse_spaces(data["title"]),
        directive=directive,
        items=[_item(item) for item in data["items"]],
        content_hash=content_hash(data),
        file=name,
    )


def load_checklist_file(path: Path, known_themes: set[str] | None = None) -> ChecklistSpec:
    data = read_yaml(path)
    spec = parse_checklist(data, path.name, known_themes, path.parent)
    if spec.slug != path.stem:
        raise ChecklistFileError(
            path.name,
            f"id '{spec.slug}' phải trùng tên tệp",
            f"id '{spec.slug}' must match the file name",
            None,
            "id",
        )
    return spec


@dataclass
class ThemeSpec:
    id: str
    label_vi: str
    label_en: str
    keywords: list[str]


def load_themes(path: Path | None = None) -> list[ThemeSpec]:
    path = path or paths.checklists_dir() / "themes.yaml"
    data = read_yaml(path)
    errors = list(_validator("themes.schema.json").iter_errors(data))
    if errors:
        raise ChecklistFileError(
            path.name,
            errors[0].message,
            errors[0].message,
            None,
            ".".join(map(str, errors[0].absolute_path)) or None,
        )
    return [
        ThemeSpec(
            t["id"],
            collapse_spaces(t["label_vi"]),
            collapse_spaces(t["label_en"]),
            [collapse_spaces(k) for k in t["keywords"]],
        )
        for t in data["themes"]
    ]


def load_checklist_dir(
    directory: Path | None = None,
) -> tuple[list[ThemeSpec], list[ChecklistSpec], list[ChecklistFileError]]:
    """Every checklist file of a folder: the good ones and one error per bad file."""
    directory = directory or paths.checklists_dir()
    specs: list[ChecklistSpec] = []
    problems: list[ChecklistFileError] = []
    try:
        themes = load_themes(directory / "themes.yaml")
        known: set[str] | None = {t.id for t in themes}
    except ChecklistFileError as exc:
        problems.append(exc)
        themes, known = [], None
    for path in sorted(directory.glob("*.yaml")):
        if path.name == "themes.yaml":
            continue
        try:
            specs.append(load_checklist_file(path, known))
        except ChecklistFileError as exc:
            problems.append(exc)
    return themes, specs, problems
