"""The importer proposes who each item is for and whether it asks anything: the phrase rules
one by one (and the look-alikes that must propose nothing), then the five real directives
measured against the reviewed checklists, and the review tab that shows and edits them."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

import pytest

from models import paths
from models.catalog import show_checklist
from models.checklist_file import ItemSpec, load_checklist_dir, load_themes
from models.directive_import import ImportResult, import_directive
from models.directive_import.items import DraftItem, proposals_of
from models.directive_import.roles import propose_roles

SOURCES = paths.checklists_dir() / "sources"
DIRECTIVE_761 = "2021-08_761-CV-TU.txt"
NOTICE_23_8 = "2021-08-23_TB-TU-hoi-nghi-23-8.txt"


def proposed(source: str, *children: str, year: int | None = 2021) -> DraftItem:
    """One item (with sub-items) as the importer reads it, after its proposals."""
    kids: list[ItemSpec] = [
        DraftItem(code=f"1.{n}", label="-", requirement=c, source=c)
        for n, c in enumerate(children, 1)
    ]
    item = DraftItem(code="1", label="1.", requirement=source, source=source, children=kids)
    propose_roles([item], year)
    return item


def scope(item: ItemSpec) -> tuple[str, list[str], list[str], dt.date | None]:
    return item.role, sorted(item.addressees), item.addressed_bodies, item.valid_until


NOTHING = ("requirement", [], [], None)

# -- the phrase rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kinds", "bodies"),
    [
        (
            "Giao Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan theo dõi.",
            [],
            ["Ban Tuyên giáo Tỉnh ủy"],
        ),
        ("Sở Y tế chủ trì, phối hợp với Sở Công Thương kiểm tra các chợ.", [], ["Sở Y tế"]),
        (
            "Đề nghị Liên đoàn Lao động tỉnh vận động đoàn viên tiêm vắc xin.",
            [],
            ["Liên đoàn Lao động tỉnh"],
        ),
        (
            "Đề nghị Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội tuyên truyền.",
            ["doan-the"],
            [],
        ),
        (
            "Yêu cầu các doanh nghiệp, hợp tác xã bố trí khu cách ly tạm thời.",
            [
                "doanh-nghiep",
                "htx",
            ],
            [],
        ),
        (
            "Sở Giáo dục và Đào tạo có trách nhiệm hướng dẫn các trường.",
            [],
            ["Sở Giáo dục và Đào tạo"],
        ),
        (
            "Các sở, ban, ngành, địa phương khẩn trương rà soát phương án.",
            [
                "co-quan",
                "huyen",
                "xa",
            ],
            [],
        ),
        ("UBND các huyện, thị xã, thành phố chỉ đạo kiểm soát chặt chẽ.", ["huyen"], []),
        ("Các doanh nghiệp phải bố trí nhân viên y tế.", ["doanh-nghiep"], []),
        ("Hợp tác xã thực hiện khai báo y tế cho xã viên.", ["htx"], []),
        ("Các trường học, cơ sở giáo dục tổ chức dạy học an toàn.", ["truong-hoc"], []),
        ("Các cơ sở y tế tăng cường phân luồng, sàng lọc.", ["co-so-y-te"], []),
        ("Ngành y tế tiếp tục siết chặt quy trình kiểm soát.", ["co-so-y-te"], []),
        ("Cấp ủy, chính quyền cấp huyện, cấp xã tăng cường kiểm soát.", ["huyen", "xa"], []),
        (
            "Đồng chí Chủ tịch UBND cấp huyện chịu trách nhiệm chỉ đạo tại chốt kiểm soát.",
            ["huyen"],
            [],
        ),
        (
            "Ban cán sự đảng UBND tỉnh chỉ đạo UBND tỉnh yêu cầu Sở Y tế và Sở Công Thương "
            "phối hợp thực hiện.",
            [],
            ["Sở Y tế", "Sở Công Thương"],
        ),
    ],
)
def test_who_acts_is_proposed_with_the_words_that_say_so(source, kinds, bodies):
    item = proposed(source)
    assert scope(item) == ("requirement", sorted(kinds), bodies, None)
    assert proposals_of(item)["addressees"] in source


def test_kinds_are_matched_without_regard_to_marks_case_or_normal_form():
    for source in (
        "Yêu cầu các hop tac xa bố trí khu cách ly.",
        "Yêu cầu các HỢP TÁC XÃ bố trí khu cách ly.",
        unicodedata.normalize("NFD", "Yêu cầu các hợp tác xã bố trí khu cách ly."),
    ):
        assert proposed(source).addressees == ["htx"]


@pytest.mark.parametrize(
    "source",
    [
        "Tăng cường kiểm tra, giám sát việc thực hiện 5K tại nơi làm việc.",
        "Thống nhất với đề xuất; yêu cầu các cấp, các ngành, các cơ quan, đơn vị thực hiện.",
        "Cấp tỉnh kiểm tra cấp huyện, cấp huyện kiểm tra cấp xã.",
        "Phòng, chống dịch là nhiệm vụ của cả hệ thống chính trị, phải thực hiện thường xuyên.",
        "Thực hiện theo chỉ đạo của Ban Chỉ đạo cấp tỉnh phòng, chống dịch.",
        "Thực hiện theo hướng dẫn của Ban Tuyên giáo Tỉnh ủy.",
        "Các đoàn thể thuộc Trung tâm phối hợp chăm lo đời sống người lao động.",
        "Báo cáo UBND cấp huyện và ngành y tế để cách ly, giám sát y tế.",
        "Mỗi cán bộ, đảng viên nêu cao ý thức trách nhiệm.",
        "Tiếp tục thực hiện nghiêm 5K tại cơ quan, kể cả sau ngày khai giảng 5/9/2021.",
        "Các nội dung cần triển khai ngay:",
        "Đáp ứng các yêu cầu về phòng, chống dịch và phát triển kinh tế - xã hội.",
    ],
)
def test_look_alikes_propose_nothing(source):
    item = proposed(source)
    assert scope(item) == NOTHING and proposals_of(item) == {}


def test_an_introduction_with_children_is_a_heading_and_hands_down_who_it_names():
    item = proposed(
        "Giao Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo:",
        "Thành lập trung tâm chỉ huy phòng, chống dịch.",
        "Các sở, ngành, địa phương lắng nghe phản ánh của doanh nghiệp.",
    )
    body = ["Ban cán sự đảng Ủy ban nhân dân tỉnh"]
    assert scope(item) == ("heading", [], body, None)
    assert proposals_of(item)["role"] == "Giao Ban cán sự đảng Ủy ban nhân dân tỉnh chỉ đạo:"
    assert [scope(child) for child in item.children] == [
        ("requirement", [], body, None),
        ("requirement", ["co-quan", "huyen", "xa"], body, None),
    ]
    firms = proposed("Yêu cầu các doanh nghiệp:", "Bố trí khu cách ly.", "Báo cáo UBND cấp xã.")
    assert firms.role == "heading"
    assert [child.addressees for child in firms.children] == [["doanh-nghiep"]] * 2


def test_a_paragraph_after_the_introduction_is_not_handed_to_the_children():
    item = proposed(
        "Yêu cầu các doanh nghiệp có nhu cầu lao động:\n"
        "Chủ tịch UBND cấp huyện chịu trách nhiệm chỉ đạo tại chốt.",
        "Xây dựng kế hoạch đón người lao động.",
    )
    assert scope(item) == ("heading", ["doanh-nghiep", "huyen"], [], None)
    assert item.children[0].addressees == ["doanh-nghiep"]


def test_a_leaf_ending_in_a_colon_or_a_parent_with_words_of_its_own_is_no_heading():
    assert proposed("Các nội dung sau:").role == "requirement"
    parent = proposed("Tăng cường truyền thông. Các sở phối hợp.", "Đăng tin trên cổng.")
    assert parent.role == "requirement"


@pytest.mark.parametrize(
    "source",
    [
        "Thống nhất với đề xuất của Sở Y tế về các giải pháp trọng tâm trong thời gian tới.",
        "Trong thời gian qua, các địa phương đã nỗ lực khắc phục khó khăn.",
        "Tình hình dịch bệnh trên địa bàn tỉnh cơ bản đã được kiểm soát.",
    ],
)
def test_a_statement_with_no_duty_is_information(source):
    item = proposed(source)
    assert item.role == "information" and proposals_of(item)["role"] in source


@pytest.mark.parametrize(
    "source",
    [
        "Thống nhất với đề xuất của Sở Y tế; các địa phương phải triển khai ngay.",
        "Tình hình dịch bệnh phức tạp, cần tăng cường kiểm soát.",
        "Trong thời gian qua nghiêm cấm tụ tập đông người.",
    ],
)
def test_a_statement_with_a_duty_stays_a_requirement(source):
    assert proposed(source).role == "requirement"


def test_the_day_of_a_one_time_event_the_item_is_about():
    item = proposed(
        "Về khai giảng năm học mới 2021 - 2022: khai giảng vào ngày 5/9 bằng hình thức trực tiếp.",
        "Học sinh đi khai giảng bình thường.",
        year=None,
    )
    assert item.valid_until == dt.date(2021, 9, 5) == item.children[0].valid_until
    assert proposed("Tổ chức khai giảng năm học mới ngày 5/9/2021.").valid_until == dt.date(
        2021, 9, 5
    )
    assert proposed("Khai giảng năm học mới vào ngày 5/9.", year=2022).valid_until == dt.date(
        2022, 9, 5
    )
    assert proposed("Khai giảng vào ngày 5/9.", year=None).valid_until is None  # no year known
    assert proposed("Báo cáo kết quả trước ngày 5/9/2021 về khai giảng.").valid_until is None


# -- the five real directives against the reviewed checklists ---------------------------------

FIELDS = ("role", "addressees", "addressed_bodies", "valid_until")


@dataclass
class Tally:
    exact: int = 0  # the reviewer's decision proposed as it is
    partial: int = 0  # some of the reviewer's addressees proposed, none of anyone else
    missed: int = 0  # the reviewer decided something, nothing was proposed
    wrong: int = 0  # something else was proposed
    quiet: int = 0  # nothing to decide, nothing proposed

    def add(self, got: object, want: object, default: object) -> None:
        if want == default:
            self.quiet += got == default
            self.wrong += got != default
        elif got == want:
            self.exact += 1
        elif got == default:
            self.missed += 1
        elif isinstance(got, list) and isinstance(want, list) and set(got) < set(want):
            self.partial += 1
        else:
            self.wrong += 1

    def cells(self) -> str:
        return f"{self.exact}/{self.partial}/{self.missed}/{self.wrong}/{self.quiet}"


def _value(item: ItemSpec, name: str) -> object:
    value = getattr(item, name)
    return sorted(value) if isinstance(value, list) else value


DEFAULTS: dict[str, object] = {
    "role": "requirement",
    "addressees": [],
    "addressed_bodies": [],
    "valid_until": None,
}


def proposal_accuracy() -> dict[str, dict[str, Tally]]:
    """For each directive (and "all"), each field: how the proposals meet the review."""
    _themes, shipped, _problems = load_checklist_dir()
    specs = {s.directive.source_file.split("/")[-1]: s for s in shipped}
    out: dict[str, dict[str, Tally]] = {"all": {f: Tally() for f in FIELDS}}
    for name, spec in sorted(specs.items()):
        result = import_directive(SOURCES / name)
        reviewed = {item.code: item for item, _, _ in spec.walk()}
        out[name] = {f: Tally() for f in FIELDS}
        for item, _, _ in result.walk():
            for f in FIELDS:
                for tally in (out[name][f], out["all"][f]):
                    tally.add(_value(item, f), _value(reviewed[item.code], f), DEFAULTS[f])
    return out


@pytest.fixture(scope="module")
def imported() -> dict[str, ImportResult]:
    return {name: import_directive(SOURCES / name) for name in (DIRECTIVE_761, NOTICE_23_8)}


def by_code(result: ImportResult) -> dict[str, ItemSpec]:
    return {item.code: item for item, _, _ in result.walk()}


def test_761_heading_and_named_bodies(imported):
    items = by_code(imported[DIRECTIVE_761])
    council = ["Ban cán sự đảng Ủy ban nhân dân tỉnh"]
    assert scope(items["3"]) == ("heading", [], council, None)
    assert items["2"].addressees == ["huyen"]
    assert proposals_of(items["2"])["addressees"].startswith("Đồng chí bí thư các huyện ủy")
    assert items["3.1"].addressed_bodies == council == items["3.6"].addressed_bodies
    assert items["6"].addressed_bodies == ["Ban Tuyên giáo Tỉnh ủy"]
    assert proposals_of(items["6"])["addressees"].startswith("Giao Ban Tuyên giáo Tỉnh ủy chủ trì")


def test_23_8_notice_headings_school_opening_and_employers(imported):
    items = by_code(imported[NOTICE_23_8])
    assert items["4"].role == "heading" == items["5"].role
    assert proposals_of(items["4"])["role"] == "Về khai giảng năm học mới 2021 - 2022:"
    assert items["4"].addressed_bodies == ["Sở Giáo dục và Đào tạo"]
    assert items["4"].valid_until == dt.date(2021, 9, 5)
    for code in ("4.1", "4.2", "4.3"):
        assert items[code].addressed_bodies == ["Sở Giáo dục và Đào tạo"]
        assert items[code].valid_until == dt.date(2021, 9, 5)
    for code in ("5.1", "5.2", "5.3", "5.4"):
        assert items[code].addressees == ["doanh-nghiep", "htx"]
    assert scope(items["1"]) == NOTHING  # "Thống nhất với …; yêu cầu các cấp, … đơn vị …"


def test_proposals_measured_against_the_reviewed_checklists(capsys):
    accuracy = proposal_accuracy()
    with capsys.disabled():
        print("\nproposals against the reviewed checklists (exact/partial/missed/wrong/quiet)")
        for name, fields in accuracy.items():
            cells = [f"{f} {t.cells()}" for f, t in fields.items()]
            print(f"  {name:36} " + "  ".join(cells))
    total = accuracy["all"]
    assert (total["role"].exact, total["role"].wrong) == (3, 0)
    assert (total["valid_until"].exact, total["valid_until"].wrong) == (4, 0)
    assert total["addressed_bodies"].exact == 12 and total["addressed_bodies"].wrong == 0
    assert (total["addressees"].exact, total["addressees"].wrong) == (10, 0)
    # the two directives the reviewer left to every unit get nothing proposed at all
    for name in ("2021-02-15_07-TB-CB.txt", "2021-09-28_451-CV-LMHTX.txt"):
        assert all(t.exact == t.missed == t.wrong == 0 for t in accuracy[name].values())


def test_the_proposals_load_through_the_checklist_loader(tmp_path, imported):
    from models.checklist_file import load_checklist_file
    from models.directive_import.output import write_checklist

    path = write_checklist(imported[NOTICE_23_8], tmp_path / "tb-23-8.yaml")
    loaded = {
        i.code: i for i, _, _ in load_checklist_file(path, {t.id for t in load_themes()}).walk()
    }
    assert scope(loaded["4"]) == scope(by_code(imported[NOTICE_23_8])["4"])
    assert loaded["5.2"].addressees == ["doanh-nghiep", "htx"]


# -- the review tab -------------------------------------------------------------------------


@pytest.mark.usefixtures("immediate_tasks")
def test_the_review_tab_shows_proposals_and_publishes_what_the_reviewer_left(
    qtbot, database, qtmodeltester
):
    from PySide6.QtCore import Qt

    from models.directive_import import drafts
    from qt_app.review.directive import DirectiveReviewWidget
    from qt_app.review.draft_model import DraftItemModel

    widget = DirectiveReviewWidget(database, editor_name="Nguyễn Văn An")
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    assert widget.load_file(SOURCES / NOTICE_23_8)
    qtmodeltester.check(widget.model)
    editor, model = widget.draft.item_editor, widget.model

    def cell(code: str, column: int, role=Qt.ItemDataRole.DisplayRole):
        widget.select_code(code)
        return model.data(widget.draft.current_index().siblingAtColumn(column), role)

    def saved_item(code: str) -> dict:
        with database.session() as session:
            draft = drafts.load_draft(session, widget.draft_id)
        found = {}

        def visit(items):
            for item in items:
                found[item["code"]] = item
                visit(item.get("children", []))

        visit(draft["items"])
        return found[code]

    assert cell("4", DraftItemModel.ROLE) == "Đề mục · Hiệu lực đến 05/09/2021"
    assert "Về khai giảng năm học mới 2021 - 2022:" in cell(
        "4", DraftItemModel.ROLE, Qt.ItemDataRole.ToolTipRole
    )
    assert cell("4", DraftItemModel.ADDRESSEES) == "Sở Giáo dục và Đào tạo"
    assert editor.role.currentData() == "heading" and editor.valid_until.text() == "05/09/2021"
    assert editor.proposal.isVisibleTo(widget) and "Về khai giảng" in editor.role.toolTip()
    assert cell("5.1", DraftItemModel.ADDRESSEES) == "Doanh nghiệp, Hợp tác xã"
    assert "yêu cầu chủ các doanh nghiệp" in editor.kinds.toolTip()
    assert cell("1", DraftItemModel.ADDRESSEES) == "Mọi đơn vị"
    assert not editor.proposal.isVisibleTo(widget)

    widget.select_code("5.1")  # the reviewer keeps enterprises only
    row = next(
        r
        for r in range(editor.kinds.count())
        if editor.kinds.item(r).data(Qt.ItemDataRole.UserRole) == "htx"
    )
    editor.kinds.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert saved_item("5.1")["addressees"] == ["doanh-nghiep"]
    assert "addressees" not in saved_item("5.1").get("proposals", {})
    assert cell("5.1", DraftItemModel.ADDRESSEES, Qt.ItemDataRole.ToolTipRole) is None

    widget.select_code("8")  # and gives item 8 to a named body
    editor.bodies.setText("Ban Thường vụ Tỉnh ủy; Sở Y tế")
    editor.bodies.setModified(True)
    editor.bodies.editingFinished.emit()
    assert saved_item("8")["addressed_bodies"] == ["Ban Thường vụ Tỉnh ủy", "Sở Y tế"]

    widget.select_code("4.3")  # a day that cannot be read changes nothing
    editor.valid_until.setText("32/13/2021")
    editor.valid_until.setModified(True)
    editor.valid_until.editingFinished.emit()
    assert "Không hiểu ngày" in widget.error.text()
    assert saved_item("4.3")["valid_until"] == "2021-09-05"
    editor.valid_until.setText("")
    editor.valid_until.setModified(True)
    editor.valid_until.editingFinished.emit()
    assert "valid_until" not in saved_item("4.3")

    widget.select_code("7")
    editor.role.setCurrentIndex(editor.role.findData("information"))
    assert saved_item("7")["role"] == "information"

    published = widget.publish(slug="tb-23-8-review")
    assert published is not None
    with database.session() as session:
        shown = show_checklist(session, "tb-23-8-review")
    items = {}

    def visit(nodes):
        for node in nodes:
            items[node["code"]] = node
            visit(node["children"])

    visit(shown["items"])
    assert items["4"]["role"] == "heading" and items["4"]["valid_until"] == "2021-09-05"
    assert items["4"]["addressed_bodies"] == ["Sở Giáo dục và Đào tạo"]
    assert items["4.3"]["valid_until"] is None
    assert items["5.1"]["addressees"] == ["doanh-nghiep"]
    assert items["5.2"]["addressees"] == ["doanh-nghiep", "htx"]
    assert items["7"]["role"] == "information"
    assert items["8"]["addressed_bodies"] == ["Ban Thường vụ Tỉnh ủy", "Sở Y tế"]
