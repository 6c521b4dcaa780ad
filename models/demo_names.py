"""The demo's words: Quảng Ninh's districts and places, the names units and people have, the
notes and corrective actions assessors write. Data apart from ``models.demo`` so that the
generator reads as what it does; the order of each list is part of the demo (the same seed
gives the same data).
"""

from __future__ import annotations

import random

DISTRICTS = [
    "Thành phố Hạ Long",
    "Thành phố Cẩm Phả",
    "Thành phố Uông Bí",
    "Thành phố Móng Cái",
    "Thị xã Đông Triều",
    "Thị xã Quảng Yên",
    "Huyện Vân Đồn",
    "Huyện Tiên Yên",
    "Huyện Đầm Hà",
    "Huyện Hải Hà",
    "Huyện Bình Liêu",
    "Huyện Ba Chẽ",
    "Huyện Cô Tô",
]
PLACES = [
    "Đồng Tâm",
    "Hòa Bình",
    "Thành Công",
    "Quyết Thắng",
    "Tân Tiến",
    "Bình Minh",
    "Hồng Hải",
    "Vạn Ninh",
    "Quảng Long",
    "Đông Ngũ",
    "Hải Lạng",
    "Cái Rồng",
    "Minh Châu",
    "Quan Lạn",
    "Yên Than",
    "Đồng Rui",
    "Hoành Bồ",
    "Sơn Dương",
    "Việt Hưng",
    "Đại Yên",
    "Hà Khánh",
    "Cẩm Thạch",
    "Mông Dương",
    "Phương Đông",
    "Yên Thanh",
    "Bình Dân",
    "Hoàng Quế",
    "Tràng An",
    "Kim Sơn",
    "Hồng Phong",
    "Đức Chính",
    "Liên Hòa",
    "Tiền An",
]
HTX_TRADES = [
    "Nông nghiệp",
    "Dịch vụ tổng hợp",
    "Thủy sản",
    "Chè",
    "Miến dong",
    "Ba kích",
    "Vận tải",
    "Môi trường",
    "Du lịch cộng đồng",
    "Nuôi trồng thủy sản",
    "Rau an toàn",
    "Sản xuất và Thương mại",
    "Chăn nuôi",
    "Nước mắm",
    "Hàu sữa",
]
COMPANY_WORDS = [
    "Thương mại Hạ Long",
    "Xây dựng Đông Bắc",
    "Than Vàng Danh",
    "May Quảng Ninh",
    "Chế biến Hải sản",
    "Vận tải Biển Đông",
    "Gạch ngói Giếng Đáy",
    "Du lịch Vịnh Xanh",
    "Cơ khí Cẩm Phả",
    "Thực phẩm Tiên Yên",
]
AGENCIES = [
    "Phòng Lao động - Thương binh và Xã hội",
    "Trung tâm Y tế",
    "Phòng Giáo dục",
    "Phòng Nông nghiệp và PTNT",
    "Trung tâm Văn hóa - Thể thao",
    "Ban Quản lý dự án",
]
SCHOOL_NAMES = [
    "Nguyễn Trãi",
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Võ Thị Sáu",
    "Chu Văn An",
    "Lý Tự Trọng",
    "Kim Đồng",
    "Ngô Quyền",
    "Bạch Đằng",
    "Hùng Vương",
]
SCHOOL_KINDS = ["Trường Tiểu học", "Trường THCS", "Trường THPT", "Trường Mầm non"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Quang", "Ngọc", "Hữu"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dung",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Phương",
    "Quân",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
]
FAIL_NOTES = [
    "Chưa bố trí người kiểm soát ra vào tại cổng",
    "Chưa có sổ theo dõi khách ra vào",
    "Một số lao động chưa cài đặt Bluezone",
    "Chưa xây dựng phương án phòng dịch",
    "Chưa có mã QR khai báo y tế tại cổng",
    "Thiếu dung dịch sát khuẩn tại nhà ăn",
    "Chưa tổ chức tuyên truyền cho người lao động",
    "Chưa báo cáo kết quả về UBND xã đúng hạn",
    "Còn tập trung đông người giờ ăn ca",
]
PARTIAL_NOTES = [
    "Đã thực hiện nhưng chưa thường xuyên",
    "Mới triển khai ở một bộ phận",
    "Có phương án nhưng chưa diễn tập",
    "Đã cài đặt cho khoảng 70% lao động",
]
ACTIONS = [
    "Bố trí bảo vệ kiểm soát người ra vào",
    "Lập sổ theo dõi và yêu cầu khai báo y tế",
    "Hướng dẫn lao động cài đặt Bluezone",
    "Xây dựng và phê duyệt phương án phòng dịch",
    "In và dán mã QR tại cổng",
    "Bổ sung dung dịch sát khuẩn",
    "Chia ca ăn trưa",
]


def person(rng: random.Random) -> str:
    """A Vietnamese full name: surname, middle name, given name."""
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def unit_name(rng: random.Random, kind: str, district: str) -> str:
    """A name such a unit of ``kind`` in ``district`` would have."""
    short = district.split(" ", 2)[-1]
    if kind == "htx":
        return f"HTX {rng.choice(HTX_TRADES)} {rng.choice(PLACES)}"
    if kind == "doanh-nghiep":
        return f"Công ty {rng.choice(['TNHH', 'Cổ phần'])} {rng.choice(COMPANY_WORDS)}"
    if kind == "co-quan":
        return f"{rng.choice(AGENCIES)} {short}"
    if kind == "truong-hoc":
        return f"{rng.choice(SCHOOL_KINDS)} {rng.choice(SCHOOL_NAMES)} {short}"
    return f"UBND {rng.choice(['xã', 'phường'])} {rng.choice(PLACES)}"
