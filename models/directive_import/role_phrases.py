"""The words the importer reads a directive's items by (``models.directive_import.roles``
holds the rules that use them): who a phrase names, who leads a unit, the words that lead to
the one who acts, the verbs that follow it, the words of a duty, of a stance, of an event.
Folded phrases (no marks, lower case) are matched on folded text; the ones written with their
marks are matched as written.
"""

from __future__ import annotations

ALL_LEVELS = ("tinh", "huyen", "xa")
#: Who a phrase names, as unit kinds of ``models.vocabulary.UNIT_KINDS`` (folded words).
KIND_PHRASES: dict[str, tuple[str, ...]] = {
    "hop tac xa": ("htx",),
    "htx": ("htx",),
    "doanh nghiep": ("doanh-nghiep",),
    "chu doanh nghiep": ("doanh-nghiep",),
    "nha thau": ("doanh-nghiep",),
    "co so san xuat kinh doanh": ("doanh-nghiep", "htx"),
    "co so san xuat": ("doanh-nghiep", "htx"),
    "nguoi su dung lao dong": ("doanh-nghiep", "htx"),
    "truong hoc": ("truong-hoc",),
    "nha truong": ("truong-hoc",),
    "co so giao duc": ("truong-hoc",),
    "nganh giao duc": ("truong-hoc",),
    "giao vien": ("truong-hoc",),
    "hoc sinh": ("truong-hoc",),
    "co so y te": ("co-so-y-te",),
    "nganh y te": ("co-so-y-te",),
    "benh vien": ("co-so-y-te",),
    "tram y te": ("co-so-y-te",),
    "so ban nganh": ("co-quan",),
    "so nganh": ("co-quan",),
    "ban nganh": ("co-quan",),
    "co quan nha nuoc": ("co-quan",),
    "co quan hanh chinh nha nuoc": ("co-quan",),
    "dia phuong": ("huyen", "xa"),
    "cap tinh": ("tinh",),
    "cap huyen": ("huyen",),
    "huyen uy": ("huyen",),
    "thanh uy": ("huyen",),
    "thi uy": ("huyen",),
    "huyen thi xa thanh pho": ("huyen",),
    "cap xa": ("xa",),
    "xa phuong thi tran": ("xa",),
    "thon": ("thon",),
    "khu dan cu": ("thon",),
    "to dan pho": ("thon",),
    "mat tran to quoc": ("doan-the",),
    "mat tran to quoc viet nam": ("doan-the",),
    "mttq": ("doan-the",),
    "to chuc chinh tri - xa hoi": ("doan-the",),
}
#: Who leads a unit, not what kind it is: "Chủ tịch UBND cấp huyện" names a district.
#: "cấp ủy, chính quyền" with no level means every level.
LEADERS = {
    "cap uy": True,
    "chinh quyen": True,
    "bi thu": False,
    "pho bi thu": False,
    "chu tich": False,
    "pho chu tich": False,
    "ubnd": False,
    "uy ban nhan dan": False,
    "thuong truc": False,
    "lanh dao": False,
    "nguoi dung dau": False,
}
#: Words that mean every unit: such an item is left addressed to everyone.
EVERYONE = ("don vi", "cac cap", "cac nganh", "moi nguoi", "moi don vi")
DETERMINERS = ("cac", "tat ca", "moi", "tung", "nhung", "dong chi", "chu cac", "toan the")
AFTER_NAME = ("tinh", "huyen", "xa", "cac cap", "lien quan")
#: The first word of a named body (folded); the body is written with a capital.
BODY_HEADS = (
    "ban",
    "so",
    "van phong",
    "bo",
    "cong an",
    "bo chi huy",
    "lien minh",
    "lien doan",
    "trung tam",
    "phong",
    "hoi",
    "tinh doan",
    "dang uy",
    "dang doan",
    "cuc",
    "chi cuc",
    "thanh tra",
    "kho bac",
)
#: Words after which the one named next is the one who acts ("Giao X…", "Yêu cầu X…").
LEADS = ("giao", "giao cho", "đề nghị", "yêu cầu", "chỉ đạo")
#: Verbs that follow the one who acts, as written (lower case, with their marks).
VERBS = (
    "chủ trì", "chỉ đạo", "phối hợp", "thực hiện", "tổ chức", "tăng cường", "tiếp tục",
    "có trách nhiệm", "chịu trách nhiệm", "trực tiếp", "lắng nghe", "khẩn trương", "chủ động",
    "triển khai", "xây dựng", "đẩy mạnh", "rà soát", "phải", "cần", "nắm", "theo dõi",
    "kiểm tra", "hướng dẫn", "tham mưu", "bảo đảm", "đảm bảo", "quán triệt", "thường xuyên",
    "báo cáo", "phát động", "siết chặt", "duy trì", "nâng cao", "quản lý", "giám sát",
    "nghiêm túc", "tập trung", "khẩn cấp", "yêu cầu", "giao", "đề nghị", "vận động",
    "tuyên truyền", "bố trí", "sẵn sàng",
)  # fmt: skip
#: Words of a duty: an item holding any of them is never mere information.
DUTIES = (
    "phải", "cần", "yêu cầu", "đề nghị", "giao", "chỉ đạo", "thực hiện", "tổ chức",
    "tăng cường", "nghiêm cấm", "không được", "chủ trì", "triển khai", "bảo đảm", "đảm bảo",
    "trách nhiệm", "tiếp tục", "khẩn trương", "chủ động", "quán triệt", "kiểm tra", "báo cáo",
    "xây dựng", "đẩy mạnh", "hướng dẫn", "nghiêm",
)  # fmt: skip
STANCES = (
    "thống nhất với", "nhất trí với", "trong thời gian qua", "thời gian qua",
    "tình hình dịch bệnh", "ghi nhận", "đánh giá cao", "hoan nghênh",
)  # fmt: skip
EVENTS = ("khai giang", "be giang", "ky thi", "thi tot nghiep", "bau cu", "le hoi", "tet")
