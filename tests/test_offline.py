"""The program never reaches the network: the main flows run with sockets forbidden."""

from __future__ import annotations

import json
import socket

import pytest

from qt_app.cli import main


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise NetworkUsed("a socket was opened")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_main_flows_offline(no_network, db_path, capsys):
    db = ["--db", str(db_path)]
    assert main([*db, "demo", "--units", "10"]) == 0
    assert main([*db, "checklists", "list", "--json"]) == 0
    assert main([*db, "checklists", "show", "451-cv-lmhtx-2021"]) == 0
    capsys.readouterr()
    assert main([*db, "units", "add", "HTX Ngoại tuyến", "--kind", "htx", "--json"]) == 0
    unit = json.loads(capsys.readouterr().out)["id"]
    assert (
        main(
            [
                *db,
                "assessments",
                "start",
                "--unit",
                unit,
                "--checklist",
                "761-cv-tu-2021",
                "--period",
                "Tuần 40/2021",
            ]
        )
        == 0
    )
    assessment = capsys.readouterr().out.strip()
    assert main([*db, "assessments", "answer", assessment, "5", "chua-dat"]) == 0
    assert main([*db, "assessments", "submit", assessment]) == 0
    assert main([*db, "db", "check"]) == 0
    assert main([*db, "db", "backup"]) == 0
    assert main([*db, "db", "info", "--json"]) == 0
