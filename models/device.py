"""This machine's identity, kept in the user's config folder and stamped on every change.

The id must never change once data carries it: a second id for the same laptop splits its
history in two in every office that merges its bundles. So only a missing ``device.json``
on a first start makes a new id; one that exists but cannot be read is refused, never
replaced, and is repaired from a database that knows which id this machine wrote with
(``repair_device``), keeping the damaged file beside it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from models import paths
from models.errors import KnownError

FILE_NAME = "device.json"
REPAIR_COMMAND = "kiemtra db repair-device"


class DeviceError(KnownError):
    """This machine's id cannot be read; nothing was changed and no new id was made."""


@dataclass(frozen=True)
class LocalDevice:
    id: uuid.UUID
    name: str


@dataclass(frozen=True)
class KnownDevice:
    """A device a database knows, and how many of its rows and audit entries it wrote."""

    id: uuid.UUID
    name: str
    changes: int


def device_file() -> Path:
    return paths.config_dir() / FILE_NAME


def machine_name() -> str:
    return platform.node() or "may-tinh"


def local_device() -> LocalDevice:
    """The device id of this installation; made on the first start only."""
    file = device_file()
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        return _first_start(file)
    except OSError as exc:
        raise _unusable(file, exc.strerror or type(exc).__name__) from exc
    try:
        return parse_device(raw)
    except ValueError as exc:
        raise _unusable(file, str(exc)) from exc


def parse_device(raw: bytes) -> LocalDevice:
    """The content of device.json, or ``ValueError`` saying what is wrong with it."""
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise ValueError("not JSON") from exc
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise ValueError("no device id in it")
    name = data.get("name")
    if not isinstance(name, str):
        raise ValueError("no device name in it")
    try:
        return LocalDevice(id=uuid.UUID(data["id"]), name=name)
    except ValueError as exc:
        raise ValueError(f"'{data['id'][:40]}' is not a device id") from exc


def _first_start(file: Path) -> LocalDevice:
    """A new id, written so that two programs starting at once still agree on one."""
    device = LocalDevice(id=uuid.uuid4(), name=machine_name())
    partial = file.with_name(f"{FILE_NAME}.{uuid.uuid4().hex}.part")
    _write(partial, device)
    try:
        os.link(partial, file)  # fails if another start wrote its id first: take that one
    except FileExistsError:
        return local_device()
    except OSError:  # a file system without hard links
        if file.exists():
            return local_device()
        os.replace(partial, file)
        return device
    finally:
        partial.unlink(missing_ok=True)
    return device


def _write(file: Path, device: LocalDevice) -> None:
    with open(file, "w", encoding="utf-8") as handle:
        json.dump({"id": str(device.id), "name": device.name}, handle)
        handle.flush()
        os.fsync(handle.fileno())


def _unusable(file: Path, detail: str) -> DeviceError:
    return DeviceError(
        f"Không đọc được mã thiết bị của máy này trong '{file}' ({detail}). Không có gì bị "
        "thay đổi và chương trình không tạo mã mới, vì mã mới sẽ tách lịch sử của máy này "
        f"làm hai khi gộp dữ liệu. Hãy chạy '{REPAIR_COMMAND}' để khôi phục mã từ cơ sở "
        "dữ liệu.",
        f"This machine's device id in '{file}' cannot be read ({detail}). Nothing was "
        "changed and no new id was made, since a new id would split this machine's history "
        f"in two in every merge. Run '{REPAIR_COMMAND}' to recover the id from the database.",
    )


# -- repair -----------------------------------------------------------------------------------


def device_for_database(engine: Engine, notices: list[str]) -> LocalDevice:
    """This machine's device, for a database being opened: the one in device.json; when that
    file is damaged, the one id this database knows for this machine, written back (and
    said in ``notices``); when the database cannot tell, the refusal and the way out."""
    try:
        return local_device()
    except DeviceError as damaged:
        with Session(engine) as session:
            try:
                notices.append(repair_device(session))
            except DeviceError as undecided:
                raise DeviceError(
                    f"{damaged.vi}\n{undecided.vi}", f"{damaged.en}\n{undecided.en}"
                ) from undecided
    return local_device()


def known_devices(session: Session) -> list[KnownDevice]:
    """Every device id the database holds rows or audit entries from, most changes first."""
    from models.entities import Base, Device

    changes: dict[uuid.UUID, int] = {}
    for table in Base.metadata.sorted_tables:
        column = table.columns.get("device_id")
        if column is None:
            continue
        query = select(column, func.count()).where(column.is_not(None)).group_by(column)
        for device_id, count in session.execute(query):
            changes[device_id] = changes.get(device_id, 0) + count
    names = {key: name for key, name in session.execute(select(Device.id, Device.name))}
    found = [KnownDevice(key, names.get(key, ""), count) for key, count in changes.items()]
    return sorted(found, key=lambda d: (-d.changes, str(d.id)))


def choose_device(known: list[KnownDevice], chosen: uuid.UUID | None = None) -> KnownDevice:
    """The one device that must be this machine: the one asked for, else the only device
    that changed anything here, else the only one of those named like this machine."""
    if chosen is not None:
        for device in known:
            if device.id == chosen:
                return device
        raise DeviceError(
            f"Cơ sở dữ liệu này không có thay đổi nào của thiết bị {chosen}.{_listed(known)}",
            f"This database holds no change made by device {chosen}.{_listed(known)}",
        )
    if len(known) == 1:
        return known[0]
    named = [device for device in known if device.name == machine_name()]
    if len(named) == 1:
        return named[0]
    if not known:
        raise DeviceError(
            "Cơ sở dữ liệu này chưa có thay đổi nào, nên không biết mã thiết bị cũ của máy "
            f"này. Nếu biết mã (xem '{REPAIR_COMMAND}' trên cơ sở dữ liệu máy này đã dùng), "
            "hãy chạy lại với --id MÃ.",
            "This database holds no change yet, so this machine's old device id is unknown. "
            f"If you know it (see '{REPAIR_COMMAND}' on a database this machine used), run it "
            "again with --id ID.",
        )
    raise DeviceError(
        f"Cơ sở dữ liệu này có thay đổi của nhiều thiết bị; hãy chọn mã của máy này bằng "
        f"--id.{_listed(known)}",
        f"This database holds changes from several devices; choose this machine's id with "
        f"--id.{_listed(known)}",
    )


def _listed(known: list[KnownDevice]) -> str:
    lines = [f"\n  {d.id}  {d.name or '?'}  ({d.changes})" for d in known[:20]]
    return "".join(lines)


def repair_device(session: Session, chosen: uuid.UUID | None = None) -> str:
    """Write device.json again with the id the database knows for this machine, keeping the
    damaged file beside it; say what was done, in both languages."""
    file = device_file()
    try:
        current: LocalDevice | None = local_device() if file.exists() else None
    except DeviceError:
        current = None
    if current is not None:
        if chosen is None or chosen == current.id:
            return (
                f"Mã thiết bị của máy này đọc được, không cần sửa: {current.id}. / "
                f"This machine's device id reads fine; nothing to repair: {current.id}."
            )
        raise DeviceError(
            f"Mã thiết bị của máy này đọc được ({current.id}); không thay bằng mã khác.",
            f"This machine's device id reads fine ({current.id}); it is not replaced.",
        )
    device = choose_device(known_devices(session), chosen)
    kept = ""
    partial = file.with_name(f"{FILE_NAME}.{uuid.uuid4().hex}.part")
    try:
        if file.exists() or file.is_symlink():
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            aside = file.with_name(f"{FILE_NAME}.damaged-{stamp}")
            file.rename(aside)
            kept = f" ({aside.name})"
        _write(partial, LocalDevice(device.id, device.name or machine_name()))
        os.replace(partial, file)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise DeviceError(
            f"Không ghi được '{file}' ({exc.strerror or exc}); hãy kiểm tra quyền ghi của "
            "thư mục cấu hình.",
            f"Cannot write '{file}' ({exc.strerror or exc}); check the configuration "
            "folder's write permission.",
        ) from exc
    return (
        f"Đã khôi phục mã thiết bị {device.id} ({device.name or '?'}, {device.changes} thay "
        f"đổi trong cơ sở dữ liệu) vào '{file}'; tệp hỏng được giữ lại{kept}. / "
        f"Recovered device id {device.id} ({device.name or '?'}, {device.changes} changes in "
        f"the database) into '{file}'; the damaged file was kept{kept}."
    )


def repair_device_at(target: str | Path | None, chosen: uuid.UUID | None = None) -> str:
    """``repair_device`` on the database at ``target`` (None: the default file), opened only
    to read: it cannot be opened the usual way while this machine's id is unknown."""
    from models.db import resolve_target, server_engine
    from models.sqlite_files import open_read_only

    url, path = resolve_target(target if target is not None else paths.default_database_path())
    if path is None:
        engine = server_engine(url)
        try:
            with Session(engine) as session:
                return repair_device(session, chosen)
        finally:
            engine.dispose()
    database = open_read_only(path, None)
    try:
        with database.session() as session:
            return repair_device(session, chosen)
    finally:
        database.close()
