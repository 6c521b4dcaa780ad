"""The paper corpus: four of the shipped source directives printed the way they were issued,
and three written here (a plan with sections, letters through "đ)" and footnotes, a decision
in articles, a long plan of ten pages), each with the text its item tree must equal.

``CORPUS`` maps a name to a ``Case``: the ``Paper`` to render, the plain text whose import is
the truth, and the header fields the paper shows. ``tree(result)`` is what "every item at the
right place" compares: each item's code and its words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache

from models import paths
from models.directive_import.layout import paragraphs
from models.directive_import.reading import Line
from tests.directive_papers import Paper

NATIONAL = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
PARTY = ["ĐẢNG CỘNG SẢN VIỆT NAM"]


@dataclass
class Case:
    paper: Paper
    truth: str  # the text whose import gives the right item tree
    header: dict[str, object] = field(default_factory=dict)  # what the header must read as


def _paras(name: str) -> list[str]:
    text = (paths.checklists_dir() / "sources" / name).read_text(encoding="utf-8")
    return [p.text for p in paragraphs([Line(x) for x in text.split("\n")])]


def _source(name: str) -> str:
    return (paths.checklists_dir() / "sources" / name).read_text(encoding="utf-8")


def as_text(paper: Paper) -> str:
    """The paper typed out: what a careful person would paste."""
    import re

    parts = [*paper.left, "", *paper.right, "", *paper.title, "", *paper.recipients, ""]
    parts += [re.sub(r"\[\^\d+\]", "", p) + "\n" for p in paper.body]
    parts += [*paper.closing_left, "", *paper.closing_right]
    return "\n".join(parts) + "\n"


def _lmhtx() -> Case:
    p = _paras("2021-09-28_451-CV-LMHTX.txt")
    paper = Paper(
        left=["LIÊN MINH HỢP TÁC XÃ", "TỈNH QUẢNG NINH", p[0], p[2]],
        right=[*NATIONAL, p[1]],
        recipients=[p[3]],
        body=p[4:],
        running="Công văn số 451/CV-LMHTX",
    )
    header = {
        "number": "451/CV-LMHTX",
        "issued_on": dt.date(2021, 9, 28),
        "kind": "Công văn",
        "issuer": "Liên minh Hợp tác xã tỉnh Quảng Ninh",
    }
    return Case(paper, _source("2021-09-28_451-CV-LMHTX.txt"), header)


def _tb_cb() -> Case:
    p = _paras("2021-02-15_07-TB-CB.txt")
    body = list(p[8:22])
    body[2] = body[2].replace("chỉ đạo của", "chỉ đạo[^1] của", 1)
    paper = Paper(
        left=[p[0], "CHI BỘ TRUNG TÂM BẢO TRỢ XÃ HỘI", p[4]],
        right=[*PARTY, p[5]],
        title=[p[6], p[7]],
        body=body,
        footnotes={"1": "Công văn số 251-CV/ĐU ngày 03/02/2021 của Đảng ủy CQ Sở Lao động TB&XH."},
        closing_left=p[22:26],
        closing_right=[*p[26:28], p[28]],
        numbers="bottom",
    )
    header = {"number": "07/TB-CB", "issued_on": dt.date(2021, 2, 15), "kind": "Thông báo"}
    return Case(paper, _source("2021-02-15_07-TB-CB.txt"), header)


def _tb_tu() -> Case:
    p = _paras("2021-08-23_TB-TU-hoi-nghi-23-8.txt")
    body = list(p[4:18])
    body[3] = body[3].replace("năm học mới 2021 - 2022:", "năm học mới 2021 - 2022[^1]:", 1)
    paper = Paper(
        left=["TỈNH ỦY QUẢNG NINH", "*"],
        right=[*PARTY],
        title=[
            "THÔNG BÁO",
            "Ý KIẾN CHỈ ĐẠO CỦA THƯỜNG TRỰC TỈNH ỦY,",
            p[1],
            p[2] + " " + p[3],
        ],
        body=body,
        footnotes={"1": "Theo Kế hoạch thời gian năm học 2021 - 2022 của Sở Giáo dục và Đào tạo."},
        closing_left=p[18:28],
        closing_right=[*p[28:30], p[30]],
        running="Thông báo ý kiến chỉ đạo ngày 23/8/2021",
    )
    return Case(paper, _source("2021-08-23_TB-TU-hoi-nghi-23-8.txt"), {"kind": "Thông báo"})


def _cv_tu() -> Case:
    p = _paras("2021-08_761-CV-TU.txt")
    paper = Paper(
        left=[
            "TỈNH ỦY QUẢNG NINH",
            "*",
            p[0],
            "V/v tăng cường các biện pháp",
            "phòng, chống dịch Covid-19",
        ],
        right=[*PARTY],
        recipients=p[2:5],
        body=p[5:21],
        closing_left=p[21:25],
        closing_right=[*p[25:27], p[27]],
        numbers="bottom",
        stamp="vanban.tinhuy.example.vn",
    )
    return Case(
        paper, _source("2021-08_761-CV-TU.txt"), {"number": "761-CV/TU", "kind": "Công văn"}
    )


PLAN_BODY = [
    "Thực hiện Công văn số 761-CV/TU của Ban Thường vụ Tỉnh ủy[^1]; để kiểm soát dịch bệnh "
    "tại các cơ sở trên địa bàn, Phòng Y tế huyện xây dựng Kế hoạch như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Đánh giá đúng thực trạng việc thực hiện các biện pháp phòng, chống dịch tại cơ quan, "
    "đơn vị, doanh nghiệp; kịp thời chấn chỉnh những tồn tại, hạn chế.",
    "2. Việc kiểm tra phải đúng đối tượng, đúng nội dung, không gây phiền hà cho cơ sở.",
    "II. NỘI DUNG KIỂM TRA",
    "1. Việc thực hiện các biện pháp phòng, chống dịch tại cơ sở:",
    "a) Bố trí điểm kiểm soát, đo thân nhiệt, quét mã QR khai báo y tế với mọi người ra vào;",
    "b) Thực hiện 5K tại nơi làm việc, nhà ăn, khu ở tập thể của người lao động;",
    "c) Xây dựng phương án phòng, chống dịch theo phương châm “4 tại chỗ”[^2], diễn tập "
    "phương án khi có ca nhiễm tại nơi làm việc;",
    "d) Bố trí khu cách ly tạm thời, có người theo dõi sức khỏe của người lao động;",
    "đ) Xét nghiệm sàng lọc định kỳ cho người lao động làm việc tại các vị trí có nguy cơ cao;",
    "e) Báo cáo kết quả tự đánh giá trên hệ thống an toàn Covid-19 mỗi tuần một lần.",
    "2. Việc thực hiện chế độ thông tin, báo cáo của cơ sở với cơ quan quản lý.",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Trạm Y tế các xã, thị trấn chủ trì kiểm tra các cơ sở trên địa bàn; tổng hợp kết quả "
    "gửi về Phòng Y tế huyện trước ngày 25 hằng tháng.",
    "2. Các cơ quan, đơn vị, doanh nghiệp tự đánh giá, khắc phục ngay những nội dung chưa đạt "
    "và báo cáo kết quả khắc phục.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, đề nghị các đơn vị phản ánh về "
    "Phòng Y tế huyện để được hướng dẫn./.",
]


def _plan() -> Case:
    paper = Paper(
        left=["UBND HUYỆN TIÊN YÊN", "PHÒNG Y TẾ HUYỆN", "Số: 215/KH-PYT"],
        right=[*NATIONAL, "Tiên Yên, ngày 15 tháng 9 năm 2021"],
        title=["KẾ HOẠCH", "Kiểm tra công tác phòng, chống dịch Covid-19 tại các cơ sở"],
        body=PLAN_BODY,
        footnotes={
            "1": "Công văn số 761-CV/TU ngày 26/8/2021 về tăng cường các biện pháp phòng, "
            "chống dịch Covid-19.",
            "2": "Chỉ huy tại chỗ, lực lượng tại chỗ, phương tiện tại chỗ và hậu cần tại chỗ.",
        },
        closing_left=["Nơi nhận:", "- UBND huyện (b/c);", "- Trạm Y tế các xã;", "- Lưu: VT."],
        closing_right=["TRƯỞNG PHÒNG", "Hoàng Văn Nam"],
    )
    header = {
        "number": "215/KH-PYT",
        "issued_on": dt.date(2021, 9, 15),
        "kind": "Kế hoạch",
        "issuer": "Phòng Y tế huyện (UBND huyện Tiên Yên)",
        "place": "Tiên Yên",
    }
    return Case(paper, as_text(paper), header)


def _decision() -> Case:
    body = [
        "Căn cứ Luật Phòng, chống bệnh truyền nhiễm năm 2007; Căn cứ Chỉ thị số 15/CT-UBND của "
        "Chủ tịch UBND tỉnh; Xét đề nghị của Giám đốc Sở Y tế,",
        "QUYẾT ĐỊNH:",
        "Điều 1. Ban hành Quy định tạm thời về kiểm soát người ra vào tỉnh, gồm các nội dung:",
        "1. Người từ vùng có dịch khai báo y tế trước khi vào tỉnh.",
        "2. Phương tiện vận tải hàng hóa được kiểm soát tại các chốt:",
        "a) Lái xe có kết quả xét nghiệm âm tính còn hiệu lực;",
        "b) Không dừng, đỗ dọc đường trừ trường hợp bất khả kháng.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
        "Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc các sở, Chủ tịch UBND các huyện, thị xã, "
        "thành phố chịu trách nhiệm thi hành Quyết định này./.",
    ]
    paper = Paper(
        left=["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NINH", "Số: 3000/QĐ-UBND"],
        right=[*NATIONAL, "Quảng Ninh, ngày 10 tháng 9 năm 2021"],
        title=[
            "QUYẾT ĐỊNH",
            "Về việc ban hành Quy định tạm thời về kiểm soát người ra vào tỉnh",
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH",
        ],
        body=body,
        closing_left=["Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, YT."],
        closing_right=["CHỦ TỊCH", "Cao Tường Huy"],
    )
    header = {"number": "3000/QĐ-UBND", "issued_on": dt.date(2021, 9, 10), "kind": "Quyết định"}
    return Case(paper, as_text(paper), header)


def long_plan(sections: int = 5, items: int = 4) -> Case:
    """About ten pages: sections I–V, numbered items, a)–đ) and "-" bullets, footnotes."""
    sentences = [
        "Các cơ quan, đơn vị tiếp tục thực hiện nghiêm các biện pháp phòng, chống dịch Covid-19 "
        "theo chỉ đạo của Trung ương, của tỉnh, nhất là yêu cầu 5K và khai báo y tế.",
        "Người đứng đầu chịu trách nhiệm trước Chủ tịch UBND tỉnh nếu để xảy ra lây nhiễm trong "
        "cơ quan, đơn vị do thiếu kiểm tra, giám sát.",
        "Kiểm soát chặt chẽ người và phương tiện ra vào đơn vị, bố trí điểm đo thân nhiệt, quét "
        "mã QR, hướng dẫn khai báo y tế điện tử.",
        "Xây dựng, diễn tập phương án phòng, chống dịch theo phương châm “4 tại chỗ”, sẵn sàng "
        "ứng phó với mọi tình huống của dịch bệnh.",
    ]
    romans = ["I", "II", "III", "IV", "V", "VI", "VII"]
    body = ["Căn cứ các văn bản chỉ đạo của tỉnh, Sở Y tế ban hành Kế hoạch như sau:"]
    notes: dict[str, str] = {}
    n = 0
    for section in romans[:sections]:
        body.append(f"{section}. NỘI DUNG PHẦN {section}")
        for item in range(1, items + 1):
            n += 1
            mark = ""
            if n % 3 == 0:
                mark = f"[^{len(notes) + 1}]"
                notes[str(len(notes) + 1)] = f"Văn bản số {100 + n}/SYT-NVY của Sở Y tế, mục {n}."
            body.append(f"{item}. {sentences[n % 4]}{mark} {sentences[(n + 1) % 4]}")
            body.append(sentences[(n + 2) % 4])
            for letter in "abcdđ"[: 2 + n % 3]:
                body.append(f"{letter}) {sentences[(n + 3) % 4]} {sentences[n % 4]}")
            body.append(f"- {sentences[(n + 1) % 4]}")
    body.append("Trên đây là Kế hoạch của Sở Y tế, đề nghị các đơn vị nghiêm túc thực hiện./.")
    paper = Paper(
        left=["UBND TỈNH QUẢNG NINH", "SỞ Y TẾ", "Số: 999/KH-SYT"],
        right=[*NATIONAL, "Quảng Ninh, ngày 05 tháng 10 năm 2021"],
        title=["KẾ HOẠCH", "Kiểm tra công tác phòng, chống dịch Covid-19 năm 2021"],
        body=body,
        footnotes=notes,
        closing_left=["Nơi nhận:", "- UBND tỉnh (b/c);", "- Lưu: VT."],
        closing_right=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Bình"],
        running="Kế hoạch số 999/KH-SYT",
        stamp="congbao.example.vn",
    )
    header = {"number": "999/KH-SYT", "issued_on": dt.date(2021, 10, 5), "kind": "Kế hoạch"}
    return Case(paper, as_text(paper), header)


@cache
def corpus() -> dict[str, Case]:
    return {
        "451-CV-LMHTX": _lmhtx(),
        "07-TB-CB": _tb_cb(),
        "TB-TU-23-8": _tb_tu(),
        "761-CV-TU": _cv_tu(),
        "plan-215-KH-PYT": _plan(),
        "decision-3000-QD": _decision(),
        "long-plan-999-KH": long_plan(),
    }


def tree(result: object) -> list[tuple[str, str]]:
    """(code, words) of every item, in order: what must be the same from paper and text."""
    return [
        (item.code, " ".join(item.source.split()))
        for item, _depth, _parent in result.walk()  # type: ignore[attr-defined]
    ]
