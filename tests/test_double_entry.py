"""Double entry of typed paper forms through `kiemtra keying`: two people key the same form,
the differences come back side by side, nothing is written until they are settled, then the
settled answers go in once (audited), and each keyer's error rate counts their slips.
"""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import select

from models.entities import AuditEntry, FormKeying
from models.services.units import create_unit
from qt_app.cli import main
from tests.test_scan import answers

CHECKLIST = "451-cv-lmhtx-2021"
PERIOD = "Tuần 38/2021"


@pytest.fixture
def unit(database, editor) -> uuid.UUID:
    with database.session() as session:
        return create_unit(session, editor, "HTX Nông nghiệp Đồng Tâm", "htx")


def keying(capsys, db_path, unit, action, *rest: str) -> tuple[int, str, str]:
    code = main(
        ["--db", str(db_path), "keying", action, "--unit", str(unit), "--checklist", CHECKLIST,
         "--period", PERIOD, *rest]
    )  # fmt: skip
    out = capsys.readouterr()
    return code, out.out, out.err


def test_two_keyings_compared_settled_and_counted(database, db_path, unit, capsys):
    code, _, _ = keying(
        capsys, db_path, unit, "add", "--keyer", "Lan", "1=dat", "2=chua-dat", "3=-"
    )
    assert code == 0
    code, _, err = keying(capsys, db_path, unit, "add", "--keyer", "lan", "1=dat")
    assert code == 1 and "người khác" in err  # the second keying is someone else's
    code, _, _ = keying(
        capsys, db_path, unit, "add", "--keyer", "Hùng", "1=dat", "2=mot-phan", "3=khong-ap-dung"
    )
    assert code == 0
    code, out, _ = keying(capsys, db_path, unit, "compare", "--json")
    assert json.loads(out) == {
        "first": "Lan",
        "second": "Hùng",
        "differences": [
            {"code": "2", "first": "chua-dat", "second": "mot-phan"},
            {"code": "3", "first": None, "second": "khong-ap-dung"},
        ],
    }
    code, _, err = keying(capsys, db_path, unit, "resolve", "--take", "2=chua-dat")
    assert code == 1 and "chưa đối chiếu: 3" in err
    assert answers(database, unit) == {}  # nothing until every difference is settled
    code, out, _ = keying(
        capsys, db_path, unit, "resolve", "--take", "2=chua-dat", "--take", "3=khong-ap-dung"
    )
    assert code == 0 and json.loads(out)["applied"]
    assert answers(database, unit) == {"1": "dat", "2": "chua-dat", "3": "khong-ap-dung"}
    with database.session() as session:
        reasons = set(
            session.scalars(select(AuditEntry.reason).where(AuditEntry.action == "answer"))
        )
        assert reasons == {"nhập hai lần từ phiếu giấy"}
        assert all(k.resolved_at is not None for k in session.scalars(select(FormKeying)))
    code, out, _ = (
        main(["--db", str(db_path), "keying", "rates", "--json"]),
        *capsys.readouterr()[:2],
    )
    rates = {r["keyer"]: r for r in json.loads(out)}
    assert rates["Lan"]["errors"] == 1 and rates["Lan"]["items"] == 3  # item 3 left empty
    assert rates["Hùng"]["errors"] == 1  # item 2
    assert rates["Hùng"]["rate"] == pytest.approx(1 / 3, abs=1e-4)


def test_a_wrong_answer_or_item_is_refused_and_nothing_kept(database, db_path, unit, capsys):
    code, _, err = keying(capsys, db_path, unit, "add", "--keyer", "Lan", "9=dat")
    assert code == 1 and "Traceback" not in err
    code, _, err = keying(capsys, db_path, unit, "add", "--keyer", "Lan", "1=tot")
    assert code == 1
    code, _, err = keying(capsys, db_path, unit, "compare")
    assert code == 1 and "hai lần nhập" in err
    with database.session() as session:
        assert session.scalars(select(FormKeying)).all() == []
