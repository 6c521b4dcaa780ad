"""This machine's identity, kept in the user's config folder and stamped on every change."""

from __future__ import annotations

import json
import platform
import uuid
from dataclasses import dataclass

from models import paths


@dataclass(frozen=True)
class LocalDevice:
    id: uuid.UUID
    name: str


def local_device() -> LocalDevice:
    """The device id of this installation, created on first use."""
    file = paths.config_dir() / "device.json"
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return LocalDevice(id=uuid.UUID(data["id"]), name=str(data["name"]))
    except (OSError, ValueError, KeyError, TypeError):
        pass
    device = LocalDevice(id=uuid.uuid4(), name=platform.node() or "may-tinh")
    tmp = file.with_suffix(".tmp")
    tmp.write_text(json.dumps({"id": str(device.id), "name": device.name}), encoding="utf-8")
    tmp.replace(file)
    return device
