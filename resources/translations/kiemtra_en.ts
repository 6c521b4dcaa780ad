<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <source>Phải báo cáo</source>
        <translation type="obsolete">Expected</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation type="obsolete">Overdue</translation>
    </message>
    <message>
        <source>Tuân thủ</source>
        <translation type="obsolete">Compliance</translation>
    </message>
    <message>
        <source>Đã kiểm tra</source>
        <translation type="obsolete">Inspected</translation>
    </message>
    <message>
        <source>Tuân thủ khi kiểm tra</source>
        <translation type="obsolete">Compliance when inspected</translation>
    </message>
    <message>
        <source>ĐV có mục trọng yếu chưa đạt</source>
        <translation type="obsolete">Units failing a critical item</translation>
    </message>
    <message>
        <source>Việc khắc phục chưa xong</source>
        <translation type="obsolete">Open corrective actions</translation>
    </message>
    <message>
        <source>Việc quá hạn</source>
        <translation type="obsolete">Overdue actions</translation>
    </message>
    <message>
        <source>&amp;Tệp</source>
        <translation type="obsolete">&amp;File</translation>
    </message>
    <message>
        <source>Xuất bài đánh giá…</source>
        <translation type="obsolete">Export assessment…</translation>
    </message>
    <message>
        <source>Xuất hàng loạt…</source>
        <translation type="obsolete">Batch export…</translation>
    </message>
    <message>
        <source>Nhập phiếu Excel…</source>
        <translation type="obsolete">Import Excel forms…</translation>
    </message>
    <message>
        <source>Xuất gói dữ liệu…</source>
        <translation type="obsolete">Export a bundle…</translation>
    </message>
    <message>
        <source>Nhập gói dữ liệu…</source>
        <translation type="obsolete">Import a bundle…</translation>
    </message>
    <message>
        <source>Sao lưu ngay</source>
        <translation type="obsolete">Back up now</translation>
    </message>
    <message>
        <source>Khôi phục từ bản sao lưu…</source>
        <translation type="obsolete">Restore from a backup…</translation>
    </message>
    <message>
        <source>Cài đặt…</source>
        <translation type="obsolete">Settings…</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation type="obsolete">Quit</translation>
    </message>
    <message>
        <source>Đơn &amp;vị</source>
        <translation type="obsolete">&amp;Units</translation>
    </message>
    <message>
        <source>Thêm đơn vị…</source>
        <translation type="obsolete">Add unit…</translation>
    </message>
    <message>
        <source>Đổi tên…</source>
        <translation type="obsolete">Rename…</translation>
    </message>
    <message>
        <source>Chuyển sang đơn vị khác…</source>
        <translation type="obsolete">Move under another unit…</translation>
    </message>
    <message>
        <source>Lưu trữ đơn vị…</source>
        <translation type="obsolete">Archive unit…</translation>
    </message>
    <message>
        <source>Đánh &amp;giá</source>
        <translation type="obsolete">&amp;Assessment</translation>
    </message>
    <message>
        <source>Bắt đầu đánh giá…</source>
        <translation type="obsolete">Start an assessment…</translation>
    </message>
    <message>
        <source>Hoàn tác câu trả lời</source>
        <translation type="obsolete">Undo answer</translation>
    </message>
    <message>
        <source>Làm lại câu trả lời</source>
        <translation type="obsolete">Redo answer</translation>
    </message>
    <message>
        <source>Tìm mục</source>
        <translation type="obsolete">Find item</translation>
    </message>
    <message>
        <source>Nộp…</source>
        <translation type="obsolete">Submit…</translation>
    </message>
    <message>
        <source>Mở lại…</source>
        <translation type="obsolete">Reopen…</translation>
    </message>
    <message>
        <source>Lịch sử bài đánh giá…</source>
        <translation type="obsolete">Assessment history…</translation>
    </message>
</context>
<context>
    <name>Answering</name>
    <message>
        <source>Chưa lưu</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>Chọn một đơn vị ở bên trái.</source>
        <translation>Choose a unit on the left.</translation>
    </message>
    <message>
        <source>Đơn vị này chưa có bài đánh giá nào.</source>
        <translation>This unit has no assessment yet.</translation>
    </message>
    <message>
        <source>Không tìm thấy bài đánh giá.</source>
        <translation>Assessment not found.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu đang mở chỉ để đọc; không sửa được.</source>
        <translation>The database is open read-only; nothing can be changed.</translation>
    </message>
    <message>
        <source>Bài đánh giá đã nộp và bị khoá; hãy mở lại để sửa.</source>
        <translation>The assessment is submitted and locked; reopen it to edit.</translation>
    </message>
    <message>
        <source>Không hoàn tác được: bài đánh giá đã khoá.</source>
        <translation>Cannot undo: the assessment is locked.</translation>
    </message>
    <message>
        <source>Đã hoàn tác và lưu.</source>
        <translation>Undone and saved.</translation>
    </message>
    <message>
        <source>Đã làm lại và lưu.</source>
        <translation>Redone and saved.</translation>
    </message>
    <message>
        <source>Hãy ghi việc cần làm trước.</source>
        <translation>Write what is to be done first.</translation>
    </message>
    <message>
        <source>Đang sao chép tệp…</source>
        <translation>Copying the file…</translation>
    </message>
    <message>
        <source>Đã đính kèm và lưu.</source>
        <translation>Attached and saved.</translation>
    </message>
    <message>
        <source>Gỡ tệp “%1” khỏi mục này? Việc gỡ được ghi vào lịch sử; bản lưu của tệp vẫn nằm trong thư mục dữ liệu.</source>
        <translation>Remove the file “%1” from this item? The removal is recorded in the history; the stored copy of the file stays in the data folder.</translation>
    </message>
    <message>
        <source>Gỡ tệp minh chứng</source>
        <translation>Remove evidence file</translation>
    </message>
    <message>
        <source>Gỡ</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Đã gỡ tệp và lưu.</source>
        <translation>File removed and saved.</translation>
    </message>
</context>
<context>
    <name>ArchivedUnitsDialog</name>
    <message>
        <source>Đơn vị đã lưu trữ</source>
        <translation>Archived units</translation>
    </message>
    <message>
        <source>Bỏ lưu trữ</source>
        <translation>Unarchive</translation>
    </message>
    <message>
        <source>Chọn đơn vị để đưa trở lại danh sách (bài đánh giá vẫn còn nguyên):</source>
        <translation>Choose a unit to bring back into the list (its assessments are all still there):</translation>
    </message>
    <message>
        <source>Tìm đơn vị</source>
        <translation>Find a unit</translation>
    </message>
    <message>
        <source>Không có đơn vị nào đang lưu trữ.</source>
        <translation>No unit is archived.</translation>
    </message>
</context>
<context>
    <name>AreaModel</name>
    <message>
        <source>Địa bàn</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>Phải báo cáo</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>Chưa bắt đầu</source>
        <translation type="vanished">Not started</translation>
    </message>
    <message>
        <source>Đang làm</source>
        <translation type="vanished">In progress</translation>
    </message>
    <message>
        <source>Đã nộp</source>
        <translation type="vanished">Submitted</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Tuân thủ</source>
        <translation>Compliance</translation>
    </message>
    <message>
        <source>Đã kiểm tra</source>
        <translation>Inspected</translation>
    </message>
    <message>
        <source>Tuân thủ khi kiểm tra</source>
        <translation>Compliance when inspected</translation>
    </message>
    <message>
        <source>ĐV có mục trọng yếu chưa đạt</source>
        <translation>Units failing a critical item</translation>
    </message>
    <message>
        <source>Việc khắc phục chưa xong</source>
        <translation>Open corrective actions</translation>
    </message>
    <message>
        <source>Việc quá hạn</source>
        <translation>Overdue actions</translation>
    </message>
    <message>
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>AssessmentActions</name>
    <message>
        <source>Nộp bài đánh giá? Sau khi nộp, bài bị khoá; muốn sửa phải mở lại kèm lý do.</source>
        <translation>Submit the assessment? Once submitted it is locked; to edit it, reopen it with a reason.</translation>
    </message>
    <message numerus="yes">
        <source>Còn %n mục chưa trả lời.</source>
        <translation>
            <numerusform>%n item is still unanswered.</numerusform>
            <numerusform>%n items are still unanswered.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bài chưa có câu trả lời nào.</source>
        <translation>Nothing has been answered yet.</translation>
    </message>
    <message>
        <source>Nộp bài đánh giá</source>
        <translation>Submit assessment</translation>
    </message>
    <message>
        <source>Nộp</source>
        <translation>Submit</translation>
    </message>
    <message>
        <source>Đã nộp. F8: sang đơn vị tiếp theo với cùng danh mục, kỳ, hình thức.</source>
        <translation>Submitted. F8: on to the next unit with the same checklist, period and kind.</translation>
    </message>
</context>
<context>
    <name>AssessmentHistoryDialog</name>
    <message>
        <source>Lịch sử bài đánh giá</source>
        <translation>Assessment history</translation>
    </message>
    <message>
        <source>Xuất Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%1 thay đổi</source>
        <translation type="vanished">%1 changes</translation>
    </message>
    <message numerus="yes">
        <source>%n thay đổi</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message>
        <source>Xuất lịch sử ra Excel</source>
        <translation>Export the history to Excel</translation>
    </message>
    <message>
        <source>Đang xuất…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Đã ghi %1</source>
        <translation>Written to %1</translation>
    </message>
    <message>
        <source>Đã xuất lịch sử ra %1</source>
        <translation>The history was exported to %1</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi khi xuất: %1</source>
        <translation>Unexpected error while exporting: %1</translation>
    </message>
</context>
<context>
    <name>AssessmentView</name>
    <message>
        <source>Bắt đầu đánh giá…</source>
        <translation>Start an assessment…</translation>
    </message>
    <message>
        <source>Chọn một đơn vị ở bên trái.</source>
        <translation>Choose a unit on the left.</translation>
    </message>
    <message>
        <source>999/999 mục</source>
        <translation>999/999 items</translation>
    </message>
    <message>
        <source>Bắt đầu mới…</source>
        <translation>Start new…</translation>
    </message>
    <message>
        <source>Đơn vị tiếp theo (F8)</source>
        <translation>Next unit (F8)</translation>
    </message>
    <message>
        <source>Sang đơn vị tiếp theo trong danh sách, cùng danh mục, kỳ và hình thức</source>
        <translation>On to the next unit of the list, with the same checklist, period and kind</translation>
    </message>
    <message>
        <source>%v/%m mục</source>
        <translation>%v/%m items</translation>
    </message>
    <message>
        <source>Nộp…</source>
        <translation>Submit…</translation>
    </message>
    <message>
        <source>Mở lại…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>Chưa trả lời</source>
        <translation>Unanswered</translation>
    </message>
    <message>
        <source>Chưa đạt</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Tìm mục (Ctrl+F)</source>
        <translation>Find items (Ctrl+F)</translation>
    </message>
    <message>
        <source>Mọi chủ đề</source>
        <translation>All themes</translation>
    </message>
    <message>
        <source>%1/%2 mục</source>
        <translation>%1/%2 items</translation>
    </message>
    <message>
        <source>Đang làm</source>
        <translation type="vanished">In progress</translation>
    </message>
    <message>
        <source>Đã nộp (khoá)</source>
        <translation type="vanished">Submitted (locked)</translation>
    </message>
    <message>
        <source>Đã duyệt (khoá)</source>
        <translation type="vanished">Reviewed (locked)</translation>
    </message>
    <message>
        <source>(khoá)</source>
        <translation>(locked)</translation>
    </message>
    <message>
        <source>(không số)</source>
        <translation>(no number)</translation>
    </message>
    <message>
        <source>%1 · phiên bản %2 · %3 %4</source>
        <translation>%1 · version %2 · %3 %4</translation>
    </message>
    <message>
        <source>Kỳ: %1 · %2 · Người đánh giá: %3 · Trạng thái: %4</source>
        <translation>Period: %1 · %2 · Assessor: %3 · Status: %4</translation>
    </message>
    <message>
        <source>Mức đạt: chưa có</source>
        <translation>Compliance: none yet</translation>
    </message>
    <message>
        <source>Mức đạt: &lt;b style=&apos;color:%1&apos;&gt;%2%&lt;/b&gt;</source>
        <translation>Compliance: &lt;b style=&apos;color:%1&apos;&gt;%2%&lt;/b&gt;</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b style=&apos;color:#c62828&apos;&gt;%n mục trọng yếu chưa đạt&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b style=&apos;color:#c62828&apos;&gt;%n critical item failed&lt;/b&gt;</numerusform>
            <numerusform>&lt;b style=&apos;color:#c62828&apos;&gt;%n critical items failed&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Bài tự đánh giá của đơn vị</source>
        <translation>Unit&apos;s self-assessment</translation>
    </message>
    <message>
        <source>Câu trả lời và ghi chú của đơn vị trong bài tự đánh giá cùng kỳ (%1)</source>
        <translation>The unit&apos;s answers and notes in its self-assessment of the same period (%1)</translation>
    </message>
</context>
<context>
    <name>BackupListDialog</name>
    <message>
        <source>Khôi phục từ bản sao lưu</source>
        <translation>Restore from a backup</translation>
    </message>
    <message>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Cỡ</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Tệp đang dùng không bị xoá: nó được giữ lại bên cạnh, với tên có đuôi “before-restore”.</source>
        <translation>The file in use is not deleted: it is kept beside it, with “before-restore” in its name.</translation>
    </message>
    <message>
        <source>Chưa có bản sao lưu nào của tệp này.</source>
        <translation>This file has no backups yet.</translation>
    </message>
    <message>
        <source>Khôi phục</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>BatchExportDialog</name>
    <message>
        <source>Xuất theo kỳ</source>
        <translation>Export by period</translation>
    </message>
    <message>
        <source>Mỗi bài đánh giá một tệp</source>
        <translation>One file per assessment</translation>
    </message>
    <message>
        <source>Một bản tổng hợp</source>
        <translation>One summary</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Kỳ báo cáo</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <source>Xuất</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Định dạng</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Lưu vào</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>Bắt đầu</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Chưa có bài đánh giá nào để xuất.</source>
        <translation>There is no assessment to export yet.</translation>
    </message>
    <message>
        <source>Chọn thư mục</source>
        <translation>Choose a folder</translation>
    </message>
    <message>
        <source>Lưu bản tổng hợp</source>
        <translation>Save the summary</translation>
    </message>
    <message>
        <source>Hãy chọn nơi lưu.</source>
        <translation>Choose where to save.</translation>
    </message>
    <message>
        <source>Thư mục không tồn tại.</source>
        <translation>The folder does not exist.</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Đang xuất…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Đang huỷ…</source>
        <translation>Cancelling…</translation>
    </message>
    <message numerus="yes">
        <source>Đã huỷ; đã ghi %1 trong %n tệp.</source>
        <translation>
            <numerusform>Cancelled; %1 of %n file written.</numerusform>
            <numerusform>Cancelled; %1 of %n files written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Xong: đã ghi %n tệp.</source>
        <translation>
            <numerusform>Done: %n file written.</numerusform>
            <numerusform>Done: %n files written.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Không xuất được %n tệp:</source>
        <translation>
            <numerusform>%n file could not be written:</numerusform>
            <numerusform>%n files could not be written:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Đã xuất %n tệp vào %1</source>
        <translation>
            <numerusform>Exported %n file to %1</numerusform>
            <numerusform>Exported %n files to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Đã huỷ; đã ghi %1 trong %2 tệp.</source>
        <translation type="vanished">Cancelled; %1 of %2 files written.</translation>
    </message>
    <message>
        <source>Xong: đã ghi %1 tệp.</source>
        <translation type="vanished">Done: %1 files written.</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi khi xuất: %1</source>
        <translation>Unexpected error while exporting: %1</translation>
    </message>
</context>
<context>
    <name>CloseActionDialog</name>
    <message>
        <source>Đóng việc khắc phục</source>
        <translation>Close the corrective action</translation>
    </message>
    <message>
        <source>Đóng việc</source>
        <translation>Close it</translation>
    </message>
    <message>
        <source>Mục %1 · %2: %3</source>
        <translation>Item %1 · %2: %3</translation>
    </message>
    <message>
        <source>Điều cho thấy việc đã làm xong</source>
        <translation>What shows the work was done</translation>
    </message>
    <message>
        <source>(không có tệp)</source>
        <translation>(no file)</translation>
    </message>
    <message>
        <source>Chọn tệp…</source>
        <translation>Choose a file…</translation>
    </message>
    <message>
        <source>Bỏ tệp</source>
        <translation>Remove the file</translation>
    </message>
    <message>
        <source>Ngày xong:</source>
        <translation>Done on:</translation>
    </message>
    <message>
        <source>Người đóng:</source>
        <translation>Closed by:</translation>
    </message>
    <message>
        <source>Ghi chú:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>Tệp minh chứng:</source>
        <translation>Evidence file:</translation>
    </message>
    <message>
        <source>Chọn tệp minh chứng</source>
        <translation>Choose the evidence file</translation>
    </message>
    <message>
        <source>Hãy ghi ngày việc được làm xong.</source>
        <translation>Enter the day the work was done.</translation>
    </message>
</context>
<context>
    <name>ClosedActionModel</name>
    <message>
        <source>Kỳ</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Việc cần làm</source>
        <translation>Action required</translation>
    </message>
    <message>
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Ngày xong</source>
        <translation>Done on</translation>
    </message>
    <message>
        <source>Người đóng</source>
        <translation>Closed by</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Minh chứng</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>(ghi xong trong bài kiểm tra)</source>
        <translation>(marked done in the inspection)</translation>
    </message>
</context>
<context>
    <name>ComparedUnitModel</name>
    <message>
        <source>Danh mục</source>
        <translation type="vanished">Checklist</translation>
    </message>
</context>
<context>
    <name>ComparisonDialog</name>
    <message>
        <source>Xuất Excel…</source>
        <translation type="vanished">Export to Excel…</translation>
    </message>
    <message>
        <source>Đơn vị này ra PDF/Word…</source>
        <translation>This unit as PDF/Word…</translation>
    </message>
    <message>
        <source>So sánh của đơn vị đang chọn, để gửi đơn vị (PDF) hoặc sửa trước (Word)</source>
        <translation>The chosen unit&apos;s comparison, to send to the unit (PDF) or to edit first (Word)</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Đang đọc…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>Chưa có đơn vị nào để so sánh.</source>
        <translation>No unit to compare yet.</translation>
    </message>
    <message>
        <source>Người kiểm tra: %1</source>
        <translation>Inspector: %1</translation>
    </message>
    <message>
        <source>Lưu tệp</source>
        <translation type="vanished">Save file</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation type="vanished">Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Xuất Excel/PDF/Word…</source>
        <translation>Export Excel/PDF/Word…</translation>
    </message>
    <message>
        <source>Cả đợt: sổ Excel, hoặc báo cáo gửi cấp trên (PDF, hoặc Word để sửa trước)</source>
        <translation>The whole round: the workbook, or the report sent up (PDF, or Word to edit first)</translation>
    </message>
    <message>
        <source>Đã lưu {0}</source>
        <translation type="vanished">Saved {0}</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="vanished">PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Word (*.docx)</source>
        <translation type="vanished">Word (*.docx)</translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Kỳ · hình thức</source>
        <translation>Period · kind</translation>
    </message>
    <message>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Nội dung</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Của tôi</source>
        <translation>Mine</translation>
    </message>
    <message>
        <source>Của họ</source>
        <translation>Theirs</translation>
    </message>
    <message>
        <source>Quyết định</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>Đã khoá: mở lại bài đánh giá trước</source>
        <translation>Locked: reopen the assessment first</translation>
    </message>
    <message>
        <source>Giữ của tôi</source>
        <translation>Keep mine</translation>
    </message>
    <message>
        <source>Lấy của họ</source>
        <translation>Take theirs</translation>
    </message>
    <message>
        <source>Chưa chọn</source>
        <translation>Not chosen</translation>
    </message>
    <message>
        <source>Bài đánh giá này đã nộp (khoá): gói không được sửa nó. Hãy mở lại bài đánh giá trước, rồi nhập lại gói để chọn.</source>
        <translation>This assessment is submitted (locked): a bundle may not change it. Reopen the assessment first, then import the bundle again to choose.</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>ngày/tháng/năm</source>
        <translation>day/month/year</translation>
    </message>
    <message>
        <source>Gõ 15/12/2026, 15/12 (năm nay) hoặc +7 (bảy ngày nữa); Alt+↓ hoặc F4 mở lịch; để trống là chưa có ngày.</source>
        <translation>Type 15/12/2026, 15/12 (this year) or +7 (a week from today); Alt+↓ or F4 opens the calendar; empty means no date.</translation>
    </message>
    <message>
        <source>Chọn trên lịch (Alt+↓)</source>
        <translation>Pick on the calendar (Alt+↓)</translation>
    </message>
</context>
<context>
    <name>DirectiveHeaderForm</name>
    <message>
        <source>Số</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Cơ quan ban hành</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <source>Ngày</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Trích yếu</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Tên danh mục</source>
        <translation>Checklist title</translation>
    </message>
</context>
<context>
    <name>DirectiveReviewWidget</name>
    <message>
        <source>Mở tệp…</source>
        <translation>Open file…</translation>
    </message>
    <message>
        <source>Dán văn bản…</source>
        <translation>Paste text…</translation>
    </message>
    <message>
        <source>Bản nháp:</source>
        <translation>Draft:</translation>
    </message>
    <message>
        <source>Xóa bản nháp</source>
        <translation>Delete draft</translation>
    </message>
    <message>
        <source>trang %v/%m</source>
        <translation>page %v/%m</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Xuất bản thành:</source>
        <translation>Publish as:</translation>
    </message>
    <message>
        <source>mã danh mục, vd. 451-cv-lmhtx-2021</source>
        <translation>checklist id, e.g. 451-cv-lmhtx-2021</translation>
    </message>
    <message>
        <source>Xuất bản</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>Mở văn bản chỉ đạo</source>
        <translation>Open a directive</translation>
    </message>
    <message>
        <source>Văn bản (*.docx *.txt *.md *.pdf *.png *.jpg *.jpeg *.tif *.tiff);;Tất cả tệp (*)</source>
        <translation>Documents (*.docx *.txt *.md *.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)</translation>
    </message>
    <message>
        <source>Văn bản (*.docx *.txt *.md);;Tất cả tệp (*)</source>
        <translation type="vanished">Documents (*.docx *.txt *.md);;All files (*)</translation>
    </message>
    <message>
        <source>Dán văn bản</source>
        <translation>Paste text</translation>
    </message>
    <message>
        <source>Nội dung văn bản chỉ đạo:</source>
        <translation>The directive&apos;s text:</translation>
    </message>
    <message>
        <source>Đang đọc {0}…</source>
        <translation>Reading {0}…</translation>
    </message>
    <message>
        <source>Đang huỷ…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>— chọn bản nháp —</source>
        <translation>— choose a draft —</translation>
    </message>
    <message>
        <source>Danh mục mới</source>
        <translation>New checklist</translation>
    </message>
    <message>
        <source>Phiên bản mới của {0} (đang là v{1})</source>
        <translation>New version of {0} (currently v{1})</translation>
    </message>
    <message>
        <source>Đã lưu {0}</source>
        <translation>Saved {0}</translation>
    </message>
    <message>
        <source>Đã xuất bản {0} v{1}</source>
        <translation>Published {0} v{1}</translation>
    </message>
</context>
<context>
    <name>DraftItemModel</name>
    <message>
        <source>Chương trình đề xuất từ câu: “{0}”</source>
        <translation>Proposed by the program from the words: “{0}”</translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Số</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Yêu cầu</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>Chủ đề</source>
        <translation>Themes</translation>
    </message>
    <message>
        <source>Trọng yếu</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>Trọng số</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>Vai trò</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Giao cho</source>
        <translation>Addressed to</translation>
    </message>
</context>
<context>
    <name>EvidenceList</name>
    <message>
        <source>Enter hoặc nhấp đúp: mở tệp · Delete: gỡ tệp</source>
        <translation>Enter or double click: open the file · Delete: remove it</translation>
    </message>
</context>
<context>
    <name>ExportBundleDialog</name>
    <message>
        <source>Xuất gói dữ liệu</source>
        <translation>Export a bundle</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Lưu vào</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>Xuất</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Mọi đơn vị</source>
        <translation>All units</translation>
    </message>
    <message>
        <source>Các đơn vị đánh dấu (kèm đơn vị trực thuộc)</source>
        <translation>The ticked units (with the units under them)</translation>
    </message>
    <message>
        <source>Tìm đơn vị</source>
        <translation>Find a unit</translation>
    </message>
    <message>
        <source>Bài đánh giá</source>
        <translation>Assessments</translation>
    </message>
    <message>
        <source>Mọi kỳ</source>
        <translation>Every period</translation>
    </message>
    <message>
        <source>Một kỳ</source>
        <translation>One period</translation>
    </message>
    <message>
        <source>Khoảng ngày</source>
        <translation>Date range</translation>
    </message>
    <message>
        <source>chưa xuất lần nào</source>
        <translation>never exported</translation>
    </message>
    <message>
        <source>Những gì thay đổi từ lần xuất trước (%1)</source>
        <translation>What changed since the last export (%1)</translation>
    </message>
    <message>
        <source>Lưu gói dữ liệu</source>
        <translation>Save the bundle</translation>
    </message>
    <message>
        <source>Gói dữ liệu Kiểm tra (*.ktb)</source>
        <translation type="vanished">Kiểm tra bundle (*.ktb)</translation>
    </message>
    <message>
        <source>Đang xuất gói…</source>
        <translation>Exporting the bundle…</translation>
    </message>
    <message>
        <source>Đã ghi %1: %2 bài đánh giá, %3 câu trả lời, %4 tệp minh chứng.</source>
        <translation>Wrote %1: %2 assessments, %3 answers, %4 evidence files.</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi khi xuất: %1</source>
        <translation>Unexpected error while exporting: %1</translation>
    </message>
</context>
<context>
    <name>FollowUp</name>
    <message>
        <source>Mục %1 không có trong phiên bản danh mục của bài này.</source>
        <translation>Item %1 is not in this assessment&apos;s checklist version.</translation>
    </message>
</context>
<context>
    <name>FollowUpStrip</name>
    <message>
        <source>Thu gọn hoặc mở danh sách</source>
        <translation>Fold or unfold the list</translation>
    </message>
    <message numerus="yes">
        <source>Việc khắc phục các lần kiểm tra trước yêu cầu, chưa xong: %n</source>
        <translation>
            <numerusform>Corrective actions required by earlier inspections, still open: %n</numerusform>
            <numerusform>Corrective actions required by earlier inspections, still open: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n quá hạn</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FormsDialog</name>
    <message>
        <source>Phiếu trống và phiếu điền sẵn</source>
        <translation>Blank and pre-filled forms</translation>
    </message>
    <message>
        <source>Phiếu trống (không ghi đơn vị)</source>
        <translation>Blank form (no unit written on it)</translation>
    </message>
    <message>
        <source>Điền sẵn cho đơn vị đang chọn: %1</source>
        <translation>Pre-filled for the selected unit: %1</translation>
    </message>
    <message>
        <source>Điền sẵn cho đơn vị đang chọn (chưa chọn đơn vị nào)</source>
        <translation>Pre-filled for the selected unit (no unit selected)</translation>
    </message>
    <message>
        <source>Điền sẵn cho mọi đơn vị của đợt</source>
        <translation>Pre-filled for every unit of a round</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Danh mục</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Phiên bản</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Phiếu</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>Kỳ báo cáo</source>
        <translation>Reporting period</translation>
    </message>
    <message>
        <source>Định dạng</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Lưu vào</source>
        <translation>Save to</translation>
    </message>
    <message>
        <source>Tạo phiếu</source>
        <translation>Make forms</translation>
    </message>
    <message>
        <source>In…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Chưa có danh mục nào đã ban hành.</source>
        <translation>No checklist has been published yet.</translation>
    </message>
    <message>
        <source>Chọn thư mục</source>
        <translation>Choose a folder</translation>
    </message>
    <message>
        <source>Lưu phiếu</source>
        <translation>Save the form</translation>
    </message>
    <message>
        <source>Đợt này không gồm danh mục đã chọn.</source>
        <translation>This round does not include the chosen checklist.</translation>
    </message>
    <message>
        <source>Hãy chọn nơi lưu.</source>
        <translation>Choose where to save.</translation>
    </message>
    <message>
        <source>Thư mục không tồn tại.</source>
        <translation>The folder does not exist.</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Đang tạo phiếu…</source>
        <translation>Making the forms…</translation>
    </message>
    <message>
        <source>Đang huỷ…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Không có phiếu cho %1 đơn vị:</source>
        <translation>No form for %1 unit(s):</translation>
    </message>
    <message>
        <source>Đã huỷ; không in và không giữ phiếu chưa xong.</source>
        <translation>Cancelled; nothing printed, and no unfinished form kept.</translation>
    </message>
    <message>
        <source>Không đơn vị nào của đợt nhận phiếu.</source>
        <translation>No unit of the round gets a form.</translation>
    </message>
    <message>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>Đã gửi phiếu tới máy in.</source>
        <translation>The forms were sent to the printer.</translation>
    </message>
    <message>
        <source>Xong: đã ghi %1 tệp.</source>
        <translation>Done: files written: %1.</translation>
    </message>
    <message>
        <source>Đã tạo phiếu: %1</source>
        <translation>Forms made: %1</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi khi tạo phiếu: %1</source>
        <translation>Unexpected error while making the forms: %1</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>Hướng dẫn sử dụng Kiểm tra</source>
        <translation>Kiểm tra user guide</translation>
    </message>
    <message>
        <source>Tìm trong hướng dẫn (Enter: tìm tiếp)</source>
        <translation>Find in the guide (Enter: find next)</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Không tìm thấy tệp hướng dẫn (%1). Bản cài đặt có thể thiếu tệp.</source>
        <translation>The user guide file (%1) was not found. The installation may be missing files.</translation>
    </message>
    <message>
        <source>Hướng dẫn sử dụng chỉ có bằng tiếng Việt.</source>
        <translation>The user guide is written in Vietnamese.</translation>
    </message>
    <message>
        <source>Liên kết này không mở trong chương trình (không dùng mạng): %1</source>
        <translation>This link is not opened by the program (it uses no network): %1</translation>
    </message>
    <message>
        <source>Không thấy “%1”.</source>
        <translation>“%1” not found.</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Người</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Thiết bị</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Thao tác</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Cũ → mới</source>
        <translation>Old → new</translation>
    </message>
    <message>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>ImportBundleDialog</name>
    <message>
        <source>Nhập gói dữ liệu</source>
        <translation>Import a bundle</translation>
    </message>
    <message>
        <source>Chưa chọn gói.</source>
        <translation>No bundle chosen.</translation>
    </message>
    <message>
        <source>Chọn gói…</source>
        <translation>Choose a bundle…</translation>
    </message>
    <message>
        <source>Giữ tất cả của tôi</source>
        <translation>Keep all mine</translation>
    </message>
    <message>
        <source>Lấy tất cả của họ</source>
        <translation>Take all theirs</translation>
    </message>
    <message>
        <source>Áp dụng</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Chọn gói dữ liệu</source>
        <translation>Choose a bundle</translation>
    </message>
    <message>
        <source>Gói dữ liệu Kiểm tra (*.ktb *.zip);;Mọi tệp (*)</source>
        <translation>Kiểm tra bundle (*.ktb *.zip);;All files (*)</translation>
    </message>
    <message>
        <source>Đang đọc và kiểm tra gói…</source>
        <translation>Reading and checking the bundle…</translation>
    </message>
    <message>
        <source>%1 xung đột thuộc bài đánh giá đã nộp (khoá) nên không chọn được: </source>
        <translation type="vanished">%1 conflicts belong to submitted (locked) assessments and cannot be chosen: </translation>
    </message>
    <message>
        <source>đơn vị mới</source>
        <translation type="vanished">new units</translation>
    </message>
    <message>
        <source>bài đánh giá mới</source>
        <translation type="vanished">new assessments</translation>
    </message>
    <message>
        <source>câu trả lời mới</source>
        <translation type="vanished">new answers</translation>
    </message>
    <message>
        <source>biện pháp khắc phục mới</source>
        <translation type="vanished">new corrective actions</translation>
    </message>
    <message>
        <source>tệp minh chứng mới</source>
        <translation type="vanished">new evidence files</translation>
    </message>
    <message>
        <source>phiên bản danh mục mới</source>
        <translation type="vanished">new checklist versions</translation>
    </message>
    <message>
        <source>dòng nhật ký</source>
        <translation type="vanished">audit entries</translation>
    </message>
    <message>
        <source>%1 câu trả lời được cập nhật</source>
        <translation type="vanished">%1 answers updated</translation>
    </message>
    <message>
        <source>%1 đơn vị được cập nhật</source>
        <translation type="vanished">%1 units updated</translation>
    </message>
    <message>
        <source>%1 bài được nộp</source>
        <translation type="vanished">%1 submitted</translation>
    </message>
    <message>
        <source>Gói từ máy “%1”. Sẽ thay đổi: </source>
        <translation type="vanished">Bundle from “%1”. It would change: </translation>
    </message>
    <message>
        <source>Gói từ máy “%1”: không có gì mới so với dữ liệu ở đây.</source>
        <translation type="vanished">Bundle from “%1”: nothing new compared with the data here.</translation>
    </message>
    <message>
        <source>%1 xung đột (cùng một mục đã sửa ở cả hai nơi): chọn giữ bản của tôi hoặc của họ cho từng dòng.</source>
        <translation type="vanished">%1 conflicts (the same thing changed on both sides): choose mine or theirs on each row.</translation>
    </message>
    <message>
        <source>Còn %1 xung đột chưa chọn.</source>
        <translation type="vanished">%1 conflicts still to choose.</translation>
    </message>
    <message>
        <source>Đang gộp…</source>
        <translation>Merging…</translation>
    </message>
    <message>
        <source>Đã gộp: %1 dòng mới, %2 thay đổi lấy của họ, %3 giữ của tôi.</source>
        <translation>Merged: %1 new rows, %2 changes taken from theirs, %3 kept mine.</translation>
    </message>
    <message>
        <source>%1 xung đột đã khoá chưa được áp dụng.</source>
        <translation type="vanished">%1 locked conflicts were not applied.</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message numerus="yes">
        <source>%n xung đột thuộc bài đánh giá đã nộp (khoá) nên không chọn được: </source>
        <translation>
            <numerusform>%n conflict belongs to a submitted (locked) assessment and cannot be chosen: </numerusform>
            <numerusform>%n conflicts belong to submitted (locked) assessments and cannot be chosen: </numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (máy %2)</source>
        <translation>%1 (computer %2)</translation>
    </message>
    <message>
        <source>máy %1</source>
        <translation>computer %1</translation>
    </message>
    <message numerus="yes">
        <source>%n đơn vị mới</source>
        <translation>
            <numerusform>%n new unit</numerusform>
            <numerusform>%n new units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bài đánh giá mới</source>
        <translation>
            <numerusform>%n new assessment</numerusform>
            <numerusform>%n new assessments</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n câu trả lời mới</source>
        <translation>
            <numerusform>%n new answer</numerusform>
            <numerusform>%n new answers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n biện pháp khắc phục mới</source>
        <translation>
            <numerusform>%n new corrective action</numerusform>
            <numerusform>%n new corrective actions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tệp minh chứng mới</source>
        <translation>
            <numerusform>%n new evidence file</numerusform>
            <numerusform>%n new evidence files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n phiên bản danh mục mới</source>
        <translation>
            <numerusform>%n new checklist version</numerusform>
            <numerusform>%n new checklist versions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n dòng nhật ký</source>
        <translation>
            <numerusform>%n audit entry</numerusform>
            <numerusform>%n audit entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n đợt báo cáo mới</source>
        <translation>
            <numerusform>%n new reporting round</numerusform>
            <numerusform>%n new reporting rounds</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n việc khắc phục được đóng</source>
        <translation>
            <numerusform>%n corrective action closed</numerusform>
            <numerusform>%n corrective actions closed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lần nhập phiếu mới</source>
        <translation>
            <numerusform>%n new form keying</numerusform>
            <numerusform>%n new form keyings</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n câu trả lời được cập nhật</source>
        <translation>
            <numerusform>%n answer updated</numerusform>
            <numerusform>%n answers updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n đơn vị được cập nhật</source>
        <translation>
            <numerusform>%n unit updated</numerusform>
            <numerusform>%n units updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bài được nộp</source>
        <translation>
            <numerusform>%n assessment submitted</numerusform>
            <numerusform>%n assessments submitted</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bản nháp bị xoá ở máy kia</source>
        <translation>
            <numerusform>%n draft deleted on the other computer</numerusform>
            <numerusform>%n drafts deleted on the other computer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tệp minh chứng đã gỡ ở máy kia</source>
        <translation>
            <numerusform>%n evidence file removed on the other computer</numerusform>
            <numerusform>%n evidence files removed on the other computer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n việc khắc phục được mở lại</source>
        <translation>
            <numerusform>%n corrective action reopened</numerusform>
            <numerusform>%n corrective actions reopened</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n việc đóng ở cả hai nơi: giữ lần đóng sớm hơn</source>
        <translation>
            <numerusform>%n action closed in both places: the earlier closing is kept</numerusform>
            <numerusform>%n actions closed in both places: the earlier closing is kept</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lần nhập phiếu đã đối chiếu</source>
        <translation>
            <numerusform>%n form keying settled</numerusform>
            <numerusform>%n form keyings settled</numerusform>
        </translation>
    </message>
    <message>
        <source>Gói của %1. Sẽ thay đổi: </source>
        <translation>Bundle from %1. It would change: </translation>
    </message>
    <message>
        <source>Gói của %1: không có gì mới so với dữ liệu ở đây.</source>
        <translation>Bundle from %1: nothing new compared with the data here.</translation>
    </message>
    <message numerus="yes">
        <source>%n bài đã xoá ở máy kia được giữ vì ở đây đã nộp.</source>
        <translation>
            <numerusform>%n assessment deleted on the other computer is kept: it was submitted here.</numerusform>
            <numerusform>%n assessments deleted on the other computer are kept: they were submitted here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tệp minh chứng đã gỡ ở máy kia được giữ vì bài ở đây đã nộp.</source>
        <translation>
            <numerusform>%n evidence file removed on the other computer is kept: its assessment was submitted here.</numerusform>
            <numerusform>%n evidence files removed on the other computer are kept: their assessments were submitted here.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n lần nhập phiếu không được thêm: phiếu đã có đủ hai lần nhập.</source>
        <translation>
            <numerusform>%n form keying was not added: the form already has its two keyings.</numerusform>
            <numerusform>%n form keyings were not added: the form already has its two keyings.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n xung đột (cùng một mục đã sửa ở cả hai nơi): chọn giữ bản của tôi hoặc của họ cho từng dòng.</source>
        <translation>
            <numerusform>%n conflict (the same item changed in both places): choose mine or theirs on its row.</numerusform>
            <numerusform>%n conflicts (the same item changed in both places): choose mine or theirs on each row.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Còn %n xung đột chưa chọn.</source>
        <translation>
            <numerusform>%n conflict still to choose.</numerusform>
            <numerusform>%n conflicts still to choose.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n xung đột đã khoá chưa được áp dụng.</source>
        <translation>
            <numerusform>%n locked conflict was not applied.</numerusform>
            <numerusform>%n locked conflicts were not applied.</numerusform>
        </translation>
    </message>
    <message>
        <source>Lỗi không mong đợi; không có gì được ghi: %1</source>
        <translation>Unexpected error; nothing was written: %1</translation>
    </message>
</context>
<context>
    <name>ImportFormDialog</name>
    <message>
        <source>Nhập phiếu Excel</source>
        <translation>Import Excel forms</translation>
    </message>
    <message>
        <source>Chưa chọn tệp.</source>
        <translation>No file chosen.</translation>
    </message>
    <message>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>Ở các mục xung đột, lấy bản của phiếu</source>
        <translation>For conflicting items, take the form&apos;s version</translation>
    </message>
    <message>
        <source>Nhập vào cơ sở dữ liệu</source>
        <translation>Import into the database</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Chọn phiếu Excel đã điền</source>
        <translation>Choose a filled-in Excel form</translation>
    </message>
    <message>
        <source>Phiếu có lỗi; không có gì được ghi:</source>
        <translation>The form has errors; nothing was written:</translation>
    </message>
    <message numerus="yes">
        <source>Đã nhập %n thay đổi.</source>
        <translation>
            <numerusform>Imported %n change.</numerusform>
            <numerusform>Imported %n changes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sẽ thay đổi %n mục:</source>
        <translation>
            <numerusform>Would change %n item:</numerusform>
            <numerusform>Would change %n items:</numerusform>
        </translation>
    </message>
    <message>
        <source>Đã nhập %1 thay đổi.</source>
        <translation type="vanished">Imported %1 changes.</translation>
    </message>
    <message>
        <source>Phiếu không thay đổi gì so với dữ liệu hiện có.</source>
        <translation>The form changes nothing in the current data.</translation>
    </message>
    <message>
        <source>Sẽ thay đổi %1 mục:</source>
        <translation type="vanished">Will change %1 items:</translation>
    </message>
    <message>
        <source>trả lời</source>
        <translation>answer</translation>
    </message>
    <message>
        <source>ghi chú</source>
        <translation>note</translation>
    </message>
    <message>
        <source>dòng</source>
        <translation>row</translation>
    </message>
    <message>
        <source>văn phòng</source>
        <translation>office</translation>
    </message>
    <message>
        <source>phiếu</source>
        <translation>form</translation>
    </message>
    <message numerus="yes">
        <source>%n mục văn phòng đã sửa sau khi lập phiếu (xung đột); giữ bản của văn phòng trừ khi chọn lấy bản của phiếu:</source>
        <translation>
            <numerusform>%n item was changed by the office after the form was made (a conflict); the office&apos;s version is kept unless you choose the form&apos;s:</numerusform>
            <numerusform>%n items were changed by the office after the form was made (conflicts); the office&apos;s version is kept unless you choose the form&apos;s:</numerusform>
        </translation>
    </message>
    <message>
        <source>giữ của văn phòng</source>
        <translation>office&apos;s kept</translation>
    </message>
    <message>
        <source>lấy của phiếu</source>
        <translation>form&apos;s taken</translation>
    </message>
    <message>
        <source>Không đổi: %1; bỏ trống: %2.</source>
        <translation>Unchanged: %1; left blank: %2.</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <source>Trọng yếu</source>
        <translation>Critical</translation>
    </message>
    <message>
        <source>không hết hạn</source>
        <translation>never expires</translation>
    </message>
    <message>
        <source>cơ quan được giao, cách nhau bởi dấu ;</source>
        <translation>named bodies, separated by ;</translation>
    </message>
    <message>
        <source>Tách tại con trỏ</source>
        <translation>Split at cursor</translation>
    </message>
    <message>
        <source>Gộp với mục sau</source>
        <translation>Merge with next item</translation>
    </message>
    <message>
        <source>Lên</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>Xuống</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>Lồng vào mục trên</source>
        <translation>Nest under the item above</translation>
    </message>
    <message>
        <source>Đưa ra ngoài</source>
        <translation>Move out</translation>
    </message>
    <message>
        <source>Xóa mục</source>
        <translation>Delete item</translation>
    </message>
    <message>
        <source>Trích nguyên văn (đặt con trỏ rồi bấm Tách):</source>
        <translation>Verbatim excerpt (place the cursor, then Split):</translation>
    </message>
    <message>
        <source>Yêu cầu cần kiểm tra:</source>
        <translation>Requirement to check:</translation>
    </message>
    <message>
        <source>Trọng số:</source>
        <translation>Weight:</translation>
    </message>
    <message>
        <source>Vai trò:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>Hiệu lực đến:</source>
        <translation>In force until:</translation>
    </message>
    <message>
        <source>Giao cho cơ quan:</source>
        <translation>Addressed to bodies:</translation>
    </message>
    <message>
        <source>Chú thích: {0}</source>
        <translation>Footnote: {0}</translation>
    </message>
    <message>
        <source>Chương trình đề xuất từ câu: “{0}”</source>
        <translation>Proposed by the program from the words: “{0}”</translation>
    </message>
    <message>
        <source>vai trò</source>
        <translation>the role</translation>
    </message>
    <message>
        <source>đối tượng được giao</source>
        <translation>the addressees</translation>
    </message>
    <message>
        <source>ngày hết hiệu lực</source>
        <translation>the end date</translation>
    </message>
    <message>
        <source>Chương trình đề xuất {0}; hãy kiểm tra lại (rê chuột để xem câu gốc).</source>
        <translation>The program proposed {0}; please check (hover to see the directive&apos;s words).</translation>
    </message>
</context>
<context>
    <name>ItemPane</name>
    <message>
        <source>Phím %1</source>
        <translation type="vanished">Key %1</translation>
    </message>
    <message>
        <source>Ghi chú: điều còn thiếu, điều đã thấy…</source>
        <translation type="vanished">Note: what is missing, what was seen…</translation>
    </message>
    <message>
        <source>Ghi chú (Enter để viết, Esc để quay lại)</source>
        <translation type="vanished">Note (Enter to write, Esc to go back)</translation>
    </message>
    <message>
        <source>Biện pháp khắc phục</source>
        <translation>Corrective action</translation>
    </message>
    <message>
        <source>Việc cần làm</source>
        <translation>What is to be done</translation>
    </message>
    <message>
        <source>Người chịu trách nhiệm</source>
        <translation>Who is responsible</translation>
    </message>
    <message>
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Việc</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Ai</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Tệp minh chứng</source>
        <translation type="vanished">Evidence files</translation>
    </message>
    <message>
        <source>Đính kèm tệp…</source>
        <translation>Attach a file…</translation>
    </message>
    <message>
        <source>Minh chứng</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>Lịch sử</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Chọn một mục để xem nguyên văn chỉ đạo.</source>
        <translation type="vanished">Choose an item to read the directive&apos;s own words.</translation>
    </message>
    <message>
        <source> · &lt;b&gt;trọng yếu&lt;/b&gt;</source>
        <translation> · &lt;b&gt;critical&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Mục %1</source>
        <translation>Item %1</translation>
    </message>
    <message>
        <source>đang sửa…</source>
        <translation>editing…</translation>
    </message>
    <message>
        <source>Phím %1 trong bảng các mục</source>
        <translation>Key %1 in the item table</translation>
    </message>
    <message>
        <source>Điều còn thiếu, điều đã thấy… (Enter ở bảng để viết, Esc để quay lại)</source>
        <translation>What is missing, what was seen… (Enter in the table to write, Esc to go back)</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Gỡ tệp…</source>
        <translation>Remove file…</translation>
    </message>
    <message>
        <source>Gỡ tệp đang chọn khỏi mục này (phím Delete)</source>
        <translation>Remove the selected file from this item (Delete key)</translation>
    </message>
    <message>
        <source>Ghi chú chưa lưu</source>
        <translation>Note not saved</translation>
    </message>
    <message>
        <source>Chưa chọn mục</source>
        <translation>No item selected</translation>
    </message>
    <message>
        <source>Chọn một mục trong bảng để xem nguyên văn chỉ đạo.</source>
        <translation>Select an item in the table to see the directive&apos;s own words.</translation>
    </message>
    <message>
        <source>Chọn tệp minh chứng</source>
        <translation>Choose an evidence file</translation>
    </message>
</context>
<context>
    <name>ItemTableModel</name>
    <message>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Yêu cầu</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>Trả lời</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Ghi chú</source>
        <translation type="vanished">Note</translation>
    </message>
    <message>
        <source>Biện pháp</source>
        <translation type="vanished">Action</translation>
    </message>
    <message>
        <source>Mã mục (★: trọng yếu)</source>
        <translation>Item code (★: critical)</translation>
    </message>
    <message>
        <source>Yêu cầu cần kiểm tra</source>
        <translation>What to check</translation>
    </message>
    <message>
        <source>Trả lời: phím 1 Đạt, 2 Chưa đạt, 3 Một phần, 0 Không áp dụng</source>
        <translation>Answer: keys 1 Compliant, 2 Not compliant, 3 Partly, 0 Not applicable</translation>
    </message>
    <message>
        <source>Ghi chú và tệp minh chứng (✎ có ghi chú, +1 có một tệp)</source>
        <translation>Note and evidence files (✎ a note, +1 one file)</translation>
    </message>
    <message>
        <source>Biện pháp khắc phục (⚑ đang mở, đỏ khi quá hạn; ✓ đã xong)</source>
        <translation>Corrective action (⚑ open, red when overdue; ✓ done)</translation>
    </message>
    <message>
        <source>Chưa lưu: %1</source>
        <translation>Not saved: %1</translation>
    </message>
    <message>
        <source>Mục trọng yếu: chưa đạt sẽ đánh dấu cả bài đánh giá</source>
        <translation>Critical item: failing it flags the whole assessment</translation>
    </message>
    <message>
        <source>Thay đổi này chưa được lưu vào cơ sở dữ liệu.</source>
        <translation>This change is not saved in the database.</translation>
    </message>
    <message numerus="yes">
        <source>%n tệp minh chứng</source>
        <translation>
            <numerusform>%n evidence file</numerusform>
            <numerusform>%n evidence files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeyingDialog</name>
    <message>
        <source>Nhập phiếu giấy (hai lần)</source>
        <translation>Type in a paper form (twice)</translation>
    </message>
    <message>
        <source>Tuần 38/2021</source>
        <translation>Week 38/2021</translation>
    </message>
    <message>
        <source>Đơn vị:</source>
        <translation>Unit:</translation>
    </message>
    <message>
        <source>Danh mục:</source>
        <translation>Checklist:</translation>
    </message>
    <message>
        <source>Kỳ báo cáo:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Người nhập:</source>
        <translation>Typed by:</translation>
    </message>
    <message>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Yêu cầu</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>Trả lời</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>Lần 1</source>
        <translation>First</translation>
    </message>
    <message>
        <source>Lần 2</source>
        <translation>Second</translation>
    </message>
    <message>
        <source>Chốt</source>
        <translation>Final</translation>
    </message>
    <message>
        <source>Lưu lần nhập</source>
        <translation>Save this typing</translation>
    </message>
    <message>
        <source>Đối chiếu</source>
        <translation>Compare</translation>
    </message>
    <message>
        <source>Chốt và ghi</source>
        <translation>Settle and save</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Đã lưu lần nhập %1 của phiếu này.</source>
        <translation>Typing %1 of this form saved.</translation>
    </message>
    <message>
        <source>Người thứ hai hãy nhập lại phiếu.</source>
        <translation>A second person should now type the form again.</translation>
    </message>
    <message>
        <source>— xem phiếu giấy —</source>
        <translation>— see the paper form —</translation>
    </message>
    <message>
        <source>%1 mục hai lần nhập khác nhau.</source>
        <translation>Items where the two typings differ: %1.</translation>
    </message>
    <message>
        <source>Đã chốt và ghi %1 thay đổi.</source>
        <translation>Settled and saved; changes: %1.</translation>
    </message>
    <message>
        <source>Tỉ lệ nhập sai: </source>
        <translation>Typing error rate: </translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message numerus="yes">
        <source>%n mục</source>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <source>Mã</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Yêu cầu</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>Chủ đề</source>
        <translation>Themes</translation>
    </message>
</context>
<context>
    <name>LibraryWidget</name>
    <message>
        <source>Tìm trong danh mục (gõ không dấu cũng được)</source>
        <translation>Search the checklists (diacritics optional)</translation>
    </message>
    <message>
        <source>Chủ đề</source>
        <translation>Themes</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Mục trọng yếu&lt;/b&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Critical item&lt;/b&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <source>không rõ ngày</source>
        <translation>date unknown</translation>
    </message>
    <message>
        <source>Danh mục %1 · phiên bản %2</source>
        <translation>Checklist %1 · version %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>(chỉ đọc)</source>
        <translation>(read-only)</translation>
    </message>
    <message>
        <source>Kiểm tra — %1</source>
        <translation>Kiểm tra — %1</translation>
    </message>
    <message>
        <source>[DỮ LIỆU MẪU] %1</source>
        <translation>[SAMPLE DATA] %1</translation>
    </message>
    <message>
        <source>Đánh giá</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <source>Thư viện danh mục</source>
        <translation>Checklist library</translation>
    </message>
    <message>
        <source>Rà soát văn bản</source>
        <translation>Directive review</translation>
    </message>
    <message>
        <source>Đã xuất: %1</source>
        <translation>Exported: %1</translation>
    </message>
    <message>
        <source>Đây là đơn vị cuối cùng của danh sách.</source>
        <translation>This is the last unit of the list.</translation>
    </message>
    <message>
        <source>Đã mở %1 — %2</source>
        <translation>Opened %1 — %2</translation>
    </message>
    <message>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Xuất bài đánh giá…</source>
        <translation>Export assessment…</translation>
    </message>
    <message>
        <source>Xuất hàng loạt…</source>
        <translation>Batch export…</translation>
    </message>
    <message>
        <source>Phiếu trống / điền sẵn…</source>
        <translation>Blank / pre-filled forms…</translation>
    </message>
    <message>
        <source>In bài đánh giá…</source>
        <translation>Print the assessment…</translation>
    </message>
    <message>
        <source>Nhập phiếu Excel…</source>
        <translation>Import Excel forms…</translation>
    </message>
    <message>
        <source>Nhập phiếu giấy đã quét…</source>
        <translation>Import scanned paper forms…</translation>
    </message>
    <message>
        <source>Nhập phiếu giấy hai lần…</source>
        <translation>Type in a paper form twice…</translation>
    </message>
    <message>
        <source>Xuất gói dữ liệu…</source>
        <translation>Export a bundle…</translation>
    </message>
    <message>
        <source>Nhập gói dữ liệu…</source>
        <translation>Import a bundle…</translation>
    </message>
    <message>
        <source>Sao lưu ngay</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Khôi phục từ bản sao lưu…</source>
        <translation>Restore from a backup…</translation>
    </message>
    <message>
        <source>Mở dữ liệu mẫu…</source>
        <translation>Open the sample data…</translation>
    </message>
    <message>
        <source>Quay lại dữ liệu của tôi</source>
        <translation>Back to my own data</translation>
    </message>
    <message>
        <source>Cài đặt…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Đã gửi bài đánh giá tới máy in.</source>
        <translation>The assessment was sent to the printer.</translation>
    </message>
    <message>
        <source>Đơn &amp;vị</source>
        <translation>&amp;Units</translation>
    </message>
    <message>
        <source>Thêm đơn vị…</source>
        <translation>Add unit…</translation>
    </message>
    <message>
        <source>Đổi tên…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>Chuyển sang đơn vị khác…</source>
        <translation>Move under another unit…</translation>
    </message>
    <message>
        <source>Lưu trữ đơn vị…</source>
        <translation>Archive unit…</translation>
    </message>
    <message>
        <source>Đơn vị đã lưu trữ…</source>
        <translation>Archived units…</translation>
    </message>
    <message>
        <source>Việc khắc phục của đơn vị…</source>
        <translation>The unit&apos;s corrective actions…</translation>
    </message>
    <message>
        <source>Tìm đơn vị</source>
        <translation>Find unit</translation>
    </message>
    <message>
        <source>Đánh &amp;giá</source>
        <translation>&amp;Assessment</translation>
    </message>
    <message>
        <source>Bắt đầu đánh giá…</source>
        <translation>Start an assessment…</translation>
    </message>
    <message>
        <source>Đơn vị tiếp theo (cùng danh mục, kỳ, hình thức)</source>
        <translation>Next unit (same checklist, period, kind)</translation>
    </message>
    <message>
        <source>Hoàn tác câu trả lời</source>
        <translation>Undo answer</translation>
    </message>
    <message>
        <source>Làm lại câu trả lời</source>
        <translation>Redo answer</translation>
    </message>
    <message>
        <source>Tìm mục</source>
        <translation>Find item</translation>
    </message>
    <message>
        <source>Nộp…</source>
        <translation>Submit…</translation>
    </message>
    <message>
        <source>Mở lại…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>Lịch sử bài đánh giá…</source>
        <translation>Assessment history…</translation>
    </message>
    <message>
        <source>T&amp;rợ giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Hướng dẫn sử dụng (ở phần đang xem)</source>
        <translation>User guide (at what is on screen)</translation>
    </message>
    <message>
        <source>Tổng quan</source>
        <translation>Overview</translation>
    </message>
</context>
<context>
    <name>MoveUnitDialog</name>
    <message>
        <source>Chuyển đơn vị</source>
        <translation>Move unit</translation>
    </message>
    <message>
        <source>Chuyển</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Chuyển “%1” vào:</source>
        <translation>Move “%1” under:</translation>
    </message>
    <message>
        <source>Tìm đơn vị cấp trên</source>
        <translation>Find the new parent unit</translation>
    </message>
    <message>
        <source>(cấp cao nhất)</source>
        <translation>(top level)</translation>
    </message>
</context>
<context>
    <name>NewUnitDialog</name>
    <message>
        <source>Thêm đơn vị</source>
        <translation>Add unit</translation>
    </message>
    <message>
        <source>Thêm</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>(cấp cao nhất)</source>
        <translation>(top level)</translation>
    </message>
    <message>
        <source>Tên đơn vị</source>
        <translation>Unit name</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Trực thuộc</source>
        <translation>Under</translation>
    </message>
    <message>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Người liên hệ</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>OpenActionModel</name>
    <message>
        <source>Kỳ</source>
        <extracomment>The strip&apos;s columns; the unit&apos;s dialog shows them all.</extracomment>
        <translation>Period</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Danh mục</source>
        <translation type="vanished">Checklist</translation>
    </message>
    <message>
        <source>Văn bản</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Mục</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Việc cần làm</source>
        <translation>Action required</translation>
    </message>
    <message>
        <source>Người thực hiện</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>Hạn</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>quá hạn</source>
        <translation>overdue</translation>
    </message>
</context>
<context>
    <name>OverstatedSection</name>
    <message>
        <source>So sánh tự đánh giá và kiểm tra…</source>
        <extracomment>How many units the overview lists; the dialog has them all. Open the comparison, at this unit (a UUID) or at the top (None).</extracomment>
        <translation>Self-assessment against inspection…</translation>
    </message>
    <message>
        <source>Chưa có đợt nào để so sánh.</source>
        <translation>No round to compare yet.</translation>
    </message>
    <message>
        <source>Chưa có đơn vị nào có cả bài tự đánh giá và bài kiểm tra đã nộp.</source>
        <translation>No unit has both a submitted self-assessment and a submitted inspection yet.</translation>
    </message>
    <message>
        <source>%1 trong %2 đơn vị được so sánh tự đánh giá cao hơn kết quả kiểm tra.</source>
        <translation>%1 of the %2 units compared rated themselves higher than the inspection found.</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Đợt mới…</source>
        <extracomment>A unit (and its assessment in the round, if any) to open in the assessment tab. The rounds changed (made, edited, closed): the unit tree&apos;s round list follows.</extracomment>
        <translation>New round…</translation>
    </message>
    <message>
        <source>Sửa đợt…</source>
        <translation>Edit round…</translation>
    </message>
    <message>
        <source>Đóng đợt</source>
        <translation>Close round</translation>
    </message>
    <message>
        <source>Xuất Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <source>In danh sách chưa báo cáo…</source>
        <translation>Print units not reported…</translation>
    </message>
    <message>
        <source>Chỉ đơn vị chưa báo cáo</source>
        <translation>Only units that have not reported</translation>
    </message>
    <message>
        <source>Lưu tệp</source>
        <translation type="vanished">Save file</translation>
    </message>
    <message>
        <source>Đợt:</source>
        <translation>Round:</translation>
    </message>
    <message>
        <source>Tính đến:</source>
        <translation>As of:</translation>
    </message>
    <message>
        <source>Chưa có đợt nào. Bấm “Đợt mới…” để tạo đợt báo cáo.</source>
        <translation>No round yet. Click “New round…” to make one.</translation>
    </message>
    <message>
        <source>Tuân thủ qua các đợt</source>
        <translation>Compliance across rounds</translation>
    </message>
    <message>
        <source>Mở lại đợt</source>
        <translation>Reopen round</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation type="vanished">Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="vanished">PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Đã lưu {0}</source>
        <translation type="vanished">Saved {0}</translation>
    </message>
    <message>
        <source>Báo cáo tổng hợp…</source>
        <translation>Summary report…</translation>
    </message>
    <message>
        <source>Bản tổng hợp của đợt (Excel hoặc PDF), cùng số liệu và cách tính</source>
        <translation>The round&apos;s summary (Excel or PDF), with the same figures and basis</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Mở lại việc khắc phục</source>
        <translation type="vanished">Reopen the corrective action</translation>
    </message>
    <message>
        <source>Mở lại</source>
        <translation type="vanished">Reopen</translation>
    </message>
    <message>
        <source>Mục %1: %2. Ghi lý do mở lại (được lưu vào nhật ký):</source>
        <translation type="vanished">Item %1: %2. Give the reason for reopening (kept in the log):</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Biên bản kiểm tra</source>
        <translation>Inspection record</translation>
    </message>
    <message>
        <source>Lưu biên bản…</source>
        <translation>Save the record…</translation>
    </message>
    <message>
        <source>Ví dụ: Trụ sở hợp tác xã</source>
        <translation>For example: the cooperative&apos;s office</translation>
    </message>
    <message>
        <source>Mỗi dòng một người, trưởng đoàn trước</source>
        <translation>One person a line, the team leader first</translation>
    </message>
    <message>
        <source>Mỗi dòng một người: họ tên — chức vụ</source>
        <translation>One person a line: name — position</translation>
    </message>
    <message>
        <source>Địa điểm:</source>
        <translation>Place:</translation>
    </message>
    <message>
        <source>Đoàn kiểm tra:</source>
        <translation>Inspection team:</translation>
    </message>
    <message>
        <source>Đại diện đơn vị:</source>
        <translation>Unit&apos;s representatives:</translation>
    </message>
    <message>
        <source>Người ghi biên bản:</source>
        <translation>Recorder:</translation>
    </message>
    <message>
        <source>Ý kiến của đơn vị:</source>
        <translation>Unit&apos;s remarks:</translation>
    </message>
    <message>
        <source>Đơn vị: %1</source>
        <translation>Unit: %1</translation>
    </message>
    <message>
        <source>Lưu biên bản kiểm tra</source>
        <translation>Save the inspection record</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation type="vanished">PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Word (*.docx)</source>
        <translation type="vanished">Word (*.docx)</translation>
    </message>
    <message>
        <source>Đã lưu {0}</source>
        <translation type="vanished">Saved {0}</translation>
    </message>
    <message>
        <source>Đã nộp bài kiểm tra. In biên bản kiểm tra?</source>
        <translation>The inspection is submitted. Print the inspection record?</translation>
    </message>
    <message>
        <source>In biên bản…</source>
        <translation>Print the record…</translation>
    </message>
    <message>
        <source>Không</source>
        <translation>No</translation>
    </message>
    <message>
        <source>In biên bản kiểm tra…</source>
        <translation>Print the inspection record…</translation>
    </message>
    <message>
        <source>Biên bản kiểm tra của bài kiểm tra đang mở (PDF hoặc Word)</source>
        <translation>The record of the open inspection (PDF or Word)</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Không mở được cơ sở dữ liệu</source>
        <translation>The database could not be opened</translation>
    </message>
    <message>
        <source>Tệp: %1</source>
        <translation>File: %1</translation>
    </message>
    <message>
        <source>Tệp không bị thay đổi. Hãy chọn một cách để tiếp tục:</source>
        <translation>The file was not changed. Choose a way forward:</translation>
    </message>
    <message>
        <source>Mở chỉ đọc</source>
        <translation>Open read-only</translation>
    </message>
    <message>
        <source>Khôi phục bản sao lưu…</source>
        <translation>Restore a backup…</translation>
    </message>
    <message>
        <source>Chọn tệp khác…</source>
        <translation>Choose another file…</translation>
    </message>
    <message>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Xem dữ liệu mà không ghi gì vào tệp.</source>
        <translation>Look at the data without writing anything to the file.</translation>
    </message>
    <message>
        <source>Chỉ dùng được cho tệp SQLite.</source>
        <translation>Only for SQLite files.</translation>
    </message>
    <message>
        <source>Tệp nằm trên ổ mạng: hãy chép về ổ đĩa của máy này trước.</source>
        <translation>The file is on a network share: copy it to this PC’s disk first.</translation>
    </message>
    <message>
        <source>Tệp không tồn tại.</source>
        <translation>The file does not exist.</translation>
    </message>
    <message>
        <source>Chưa có bản sao lưu nào của tệp này.</source>
        <translation>This file has no backups yet.</translation>
    </message>
    <message>
        <source>Chọn tệp cơ sở dữ liệu</source>
        <translation>Choose a database file</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu SQLite (*.sqlite3 *.db)</source>
        <translation>SQLite database (*.sqlite3 *.db)</translation>
    </message>
</context>
<context>
    <name>RenameUnitDialog</name>
    <message>
        <source>Đổi tên đơn vị</source>
        <translation>Rename unit</translation>
    </message>
    <message>
        <source>Đổi tên</source>
        <translation>Rename</translation>
    </message>
</context>
<context>
    <name>ReopenActionDialog</name>
    <message>
        <source>Mở lại việc khắc phục</source>
        <translation>Reopen the corrective action</translation>
    </message>
    <message>
        <source>Mở lại</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Mục %1: %2. Ghi lý do mở lại (được lưu vào nhật ký):</source>
        <translation>Item %1: %2. Give the reason for reopening (kept in the log):</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>Mở lại bài đánh giá</source>
        <translation>Reopen assessment</translation>
    </message>
    <message>
        <source>Mở lại</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Bài đánh giá đã nộp. Ghi lý do mở lại (được lưu vào nhật ký):</source>
        <translation>The assessment is submitted. Give the reason for reopening it (kept in the audit log):</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>Ví dụ: Tự đánh giá tuần 38 — huyện Đầm Hà</source>
        <translation>e.g. Self-assessment week 38 — Đầm Hà district</translation>
    </message>
    <message>
        <source>Tên đợt</source>
        <translation>Round name</translation>
    </message>
    <message>
        <source>Tuần 38/2021, Tháng 9/2021, 01/09/2021 - 30/09/2021</source>
        <translation>Tuần 38/2021, Tháng 9/2021, 01/09/2021 - 30/09/2021</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Kỳ báo cáo</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Có hạn nộp</source>
        <translation>Has a due date</translation>
    </message>
    <message>
        <source>Hạn nộp</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>Danh mục</source>
        <translation>Checklists</translation>
    </message>
    <message>
        <source>Mọi đơn vị loại</source>
        <translation>Every unit of kind</translation>
    </message>
    <message>
        <source>Chọn từng đơn vị</source>
        <translation>Pick units one by one</translation>
    </message>
    <message>
        <source>(mọi loại)</source>
        <translation>(every kind)</translation>
    </message>
    <message>
        <source>(cả danh sách)</source>
        <translation>(everything)</translation>
    </message>
    <message>
        <source>Tìm đơn vị (không cần dấu)</source>
        <translation>Find a unit (marks optional)</translation>
    </message>
    <message>
        <source>Hãy đặt tên đợt.</source>
        <translation>Give the round a name.</translation>
    </message>
    <message>
        <source>Sửa đợt</source>
        <translation>Edit round</translation>
    </message>
    <message>
        <source>Đợt báo cáo mới</source>
        <translation>New reporting round</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Tạo đợt</source>
        <translation>Make round</translation>
    </message>
    <message>
        <source>thuộc</source>
        <translation>under</translation>
    </message>
    <message>
        <source>Hãy chọn ít nhất một danh mục.</source>
        <translation>Choose at least one checklist.</translation>
    </message>
    <message>
        <source>(chưa hiểu kỳ này)</source>
        <translation>(period not understood)</translation>
    </message>
    <message>
        <source>Hãy chọn ít nhất một đơn vị.</source>
        <translation>Choose at least one unit.</translation>
    </message>
</context>
<context>
    <name>SampleBanner</name>
    <message>
        <source>&lt;b&gt;DỮ LIỆU MẪU&lt;/b&gt; — đây là tệp mẫu để dùng thử, không phải dữ liệu của bạn. Mọi thay đổi ở đây chỉ nằm trong tệp mẫu.</source>
        <translation>&lt;b&gt;SAMPLE DATA&lt;/b&gt; — a file for trying the program out, not your data. Whatever you change here stays in the sample file.</translation>
    </message>
    <message>
        <source>Quay lại dữ liệu của tôi</source>
        <translation>Back to my own data</translation>
    </message>
</context>
<context>
    <name>SaveFile</name>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Word (*.docx)</source>
        <translation>Word (*.docx)</translation>
    </message>
    <message>
        <source>Gói dữ liệu Kiểm tra (*.ktb)</source>
        <translation>Kiểm tra bundle (*.ktb)</translation>
    </message>
    <message>
        <source>Lưu tệp</source>
        <translation>Save file</translation>
    </message>
    <message>
        <source>Đã lưu {0}</source>
        <translation>Saved {0}</translation>
    </message>
</context>
<context>
    <name>ScanReviewDialog</name>
    <message>
        <source>Nhập phiếu giấy đã quét</source>
        <extracomment>The answering keys: 1 Đạt, 2 Chưa đạt, 3 Một phần, 0 Không áp dụng; - leaves it as it is.</extracomment>
        <translation>Import scanned paper forms</translation>
    </message>
    <message>
        <source>Chưa chọn tệp quét.</source>
        <translation>No scan chosen yet.</translation>
    </message>
    <message>
        <source>Chọn tệp quét…</source>
        <translation>Choose a scan…</translation>
    </message>
    <message>
        <source>Trang quét hiện ở đây.</source>
        <translation>The scanned page shows here.</translation>
    </message>
    <message>
        <source>Kỳ báo cáo, ví dụ Tuần 38/2021</source>
        <translation>Period, for example Week 38/2021</translation>
    </message>
    <message>
        <source>Phiếu trống — đơn vị:</source>
        <translation>Blank form — unit:</translation>
    </message>
    <message>
        <source>Ở các mục xung đột, lấy bản của phiếu</source>
        <translation>For conflicting items, take the form&apos;s version</translation>
    </message>
    <message>
        <source>Nhập phiếu này</source>
        <translation>Import this form</translation>
    </message>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Chọn tệp quét</source>
        <translation>Choose a scan</translation>
    </message>
    <message>
        <source>Đang đọc các trang…</source>
        <translation>Reading the pages…</translation>
    </message>
    <message>
        <source>Lỗi không mong đợi khi đọc: %1</source>
        <translation>Unexpected error while reading: %1</translation>
    </message>
    <message>
        <source>Đọc được %1 phiếu; %2 trang bị từ chối.</source>
        <translation>Forms read: %1; pages refused: %2.</translation>
    </message>
    <message>
        <source>%1 mục chưa rõ cần quyết định.</source>
        <translation>Unclear items to decide: %1.</translation>
    </message>
    <message>
        <source>Thiếu trang: %1.</source>
        <translation>Missing pages: %1.</translation>
    </message>
    <message>
        <source>Sẵn sàng nhập.</source>
        <translation>Ready to import.</translation>
    </message>
    <message>
        <source>Đã nhập %1 thay đổi (từ phiếu quét).</source>
        <translation>Imported from the scan; changes: %1.</translation>
    </message>
    <message>
        <source>Phiếu không thay đổi gì so với dữ liệu hiện có.</source>
        <translation>The form changes nothing in the current data.</translation>
    </message>
</context>
<context>
    <name>ScanRowsModel</name>
    <message>
        <source>Mục</source>
        <extracomment>The raw answer key of a row (None: leave the item as it is). True when a person must decide the row.</extracomment>
        <translation>Item</translation>
    </message>
    <message>
        <source>Đọc được</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Sẽ ghi</source>
        <translation>Will save</translation>
    </message>
    <message>
        <source>Cần xem vì</source>
        <translation>To look at because</translation>
    </message>
    <message>
        <source>— chọn —</source>
        <translation>— choose —</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Lưu</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>(mặc định, trong thư mục dữ liệu)</source>
        <translation>(default, in the data folder)</translation>
    </message>
    <message>
        <source>Chọn…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>Cỡ chữ</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>Tệp cơ sở dữ liệu</source>
        <translation>Database file</translation>
    </message>
    <message>
        <source>Tên người dùng</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Cơ quan cấp trên</source>
        <translation>Superior body</translation>
    </message>
    <message>
        <source>Cơ quan ban hành báo cáo</source>
        <translation>Body issuing the reports</translation>
    </message>
    <message>
        <source>Địa danh ghi ngày tháng</source>
        <translation>Place written before the date</translation>
    </message>
    <message>
        <source>Chức vụ người ký</source>
        <translation>Signer&apos;s title</translation>
    </message>
    <message>
        <source>Họ tên người ký</source>
        <translation>Signer&apos;s full name</translation>
    </message>
    <message>
        <source>Ngôn ngữ và tệp cơ sở dữ liệu có hiệu lực từ lần mở sau.</source>
        <translation>Language and database file take effect the next time the program starts.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu SQLite (*.sqlite3 *.db)</source>
        <translation>SQLite database (*.sqlite3 *.db)</translation>
    </message>
    <message>
        <source>Thay đổi sẽ có hiệu lực khi mở lại chương trình.</source>
        <translation>The change takes effect when the program is started again.</translation>
    </message>
</context>
<context>
    <name>SourcePageView</name>
    <message>
        <source>◀ Trang trước</source>
        <translation>◀ Previous page</translation>
    </message>
    <message>
        <source>Trang sau ▶</source>
        <translation>Next page ▶</translation>
    </message>
    <message>
        <source>Trang {0}/{1}</source>
        <translation>Page {0}/{1}</translation>
    </message>
    <message>
        <source>Không hiện được trang gốc: {0}</source>
        <translation>Cannot show the original page: {0}</translation>
    </message>
</context>
<context>
    <name>StartAssessmentDialog</name>
    <message>
        <source>Bắt đầu đánh giá</source>
        <translation>Start an assessment</translation>
    </message>
    <message>
        <source>Bắt đầu</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Danh mục</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>Kỳ (ngày hoặc “%1”)</source>
        <translation>Period (a date or “%1”)</translation>
    </message>
    <message>
        <source>Kỳ (ngày hoặc “Tuần 38/2021”)</source>
        <translation type="vanished">Period (a date or “Tuần 38/2021”)</translation>
    </message>
    <message>
        <source>Hình thức</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Người đánh giá</source>
        <translation>Assessor</translation>
    </message>
    <message>
        <source>Kỳ: %1</source>
        <translation>Period: %1</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Chưa có số liệu</source>
        <translation>No figures yet</translation>
    </message>
</context>
<context>
    <name>UnitActions</name>
    <message>
        <source>Lưu trữ “%1”? Đơn vị sẽ ẩn khỏi danh sách; mọi bài đánh giá và câu trả lời vẫn được giữ.</source>
        <translation>Archive “%1”? The unit will be hidden from the list; all its assessments and answers are kept.</translation>
    </message>
    <message>
        <source>Lưu trữ đơn vị</source>
        <translation>Archive unit</translation>
    </message>
    <message>
        <source>Lưu trữ</source>
        <translation>Archive</translation>
    </message>
    <message>
        <source>Đã đưa đơn vị trở lại danh sách.</source>
        <translation>The unit is back in the list.</translation>
    </message>
    <message>
        <source>Mở dữ liệu mẫu để dùng thử? Dữ liệu mẫu nằm trong một tệp riêng (%1); dữ liệu của bạn không bị thay đổi. Nút “Quay lại dữ liệu của tôi” ở đầu cửa sổ đưa bạn về lại.</source>
        <translation>Open the sample data to try the program? The sample lives in a file of its own (%1); your data is not changed. The “Back to my own data” button at the top of the window takes you back.</translation>
    </message>
    <message>
        <source>Dữ liệu mẫu</source>
        <translation>Sample data</translation>
    </message>
    <message>
        <source>Mở dữ liệu mẫu</source>
        <translation>Open the sample</translation>
    </message>
    <message>
        <source>Đang tạo dữ liệu mẫu…</source>
        <translation>Creating demo data…</translation>
    </message>
    <message>
        <source>Đã nạp %1 đơn vị mẫu.</source>
        <translation type="vanished">Loaded %1 demo units.</translation>
    </message>
</context>
<context>
    <name>UnitActionsDialog</name>
    <message>
        <source>Việc khắc phục — %1</source>
        <translation>Corrective actions — %1</translation>
    </message>
    <message>
        <source>Đóng việc…</source>
        <translation>Close the action…</translation>
    </message>
    <message>
        <source>Mở lại…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>Đóng cửa sổ</source>
        <translation>Close the window</translation>
    </message>
    <message>
        <source>Việc chưa xong: %1, quá hạn tính đến hôm nay (%2): %3</source>
        <translation>Open: %1, overdue as of today (%2): %3</translation>
    </message>
    <message>
        <source>Việc đã xong: %1</source>
        <translation>Done: %1</translation>
    </message>
    <message>
        <source>Việc ghi xong ngay trong bài kiểm tra được sửa trong bài đó.</source>
        <translation>An action marked done in the inspection itself is changed there.</translation>
    </message>
</context>
<context>
    <name>UnitModel</name>
    <message>
        <source> (quá hạn)</source>
        <translation> (overdue)</translation>
    </message>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Tuân thủ</source>
        <translation>Compliance</translation>
    </message>
    <message>
        <source>Kiểm tra</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>Người liên hệ</source>
        <translation>Contact person</translation>
    </message>
    <message>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>UnitTreeModel</name>
    <message>
        <source>Đơn vị</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Mức đạt đến nay (các mục đã trả lời): %1</source>
        <translation>Compliance so far (items answered): %1</translation>
    </message>
    <message>
        <source>Mức đạt: %1</source>
        <translation>Compliance: %1</translation>
    </message>
    <message>
        <source>Chưa bắt đầu</source>
        <translation type="vanished">Not started</translation>
    </message>
    <message>
        <source>Đang làm</source>
        <translation type="vanished">In progress</translation>
    </message>
    <message>
        <source>Đã nộp</source>
        <translation type="vanished">Submitted</translation>
    </message>
    <message>
        <source>Kỳ %1: %2</source>
        <translation>Period %1: %2</translation>
    </message>
    <message>
        <source>Mức đạt: %1%</source>
        <translation type="vanished">Compliance: %1%</translation>
    </message>
    <message>
        <source>Mục trọng yếu chưa đạt: %1</source>
        <translation>Critical items failed: %1</translation>
    </message>
    <message>
        <source>Đã nộp: %1/%2 đơn vị trực thuộc</source>
        <translation>Submitted: %1/%2 units below</translation>
    </message>
</context>
<context>
    <name>UnitTreeView</name>
    <message>
        <source>Tìm đơn vị (gõ không dấu cũng được)</source>
        <translation type="vanished">Find a unit (diacritics optional)</translation>
    </message>
    <message>
        <source>Kỳ báo cáo: %1</source>
        <translation>Reporting period: %1</translation>
    </message>
    <message>
        <source>Chưa có kỳ báo cáo nào</source>
        <translation>No reporting period yet</translation>
    </message>
    <message>
        <source>Đợt báo cáo mà cây đơn vị đang hiển thị</source>
        <translation>The reporting round the unit tree shows</translation>
    </message>
    <message>
        <source>Tìm đơn vị (Ctrl+L)</source>
        <translation>Find a unit (Ctrl+L)</translation>
    </message>
    <message>
        <source>Gõ không dấu cũng được; ↓ hoặc Enter để xuống danh sách kết quả</source>
        <translation>Diacritics optional; ↓ or Enter goes down to the results</translation>
    </message>
    <message>
        <source> (đã đóng)</source>
        <translation> (closed)</translation>
    </message>
</context>
<context>
    <name>Welcome</name>
    <message>
        <source>&lt;h2&gt;Chào mừng đến với Kiểm tra&lt;/h2&gt;&lt;p&gt;Cơ sở dữ liệu còn trống. Hãy bắt đầu bằng một đơn vị, hoặc nạp dữ liệu mẫu để dùng thử.&lt;/p&gt;</source>
        <translation type="vanished">&lt;h2&gt;Welcome to Kiểm tra&lt;/h2&gt;&lt;p&gt;The database is empty. Start with a unit, or load the demo data to try the program.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Chào mừng đến với Kiểm tra&lt;/h2&gt;&lt;p&gt;Cơ sở dữ liệu còn trống. Hãy bắt đầu bằng một đơn vị, hoặc xem dữ liệu mẫu (trong một tệp riêng) để dùng thử.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Welcome to Kiểm tra&lt;/h2&gt;&lt;p&gt;The database is empty. Start with a unit, or look at the sample data (in a file of its own) to try the program.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Tạo đơn vị đầu tiên…</source>
        <translation>Create the first unit…</translation>
    </message>
    <message>
        <source>Xem dữ liệu mẫu…</source>
        <translation>Look at the sample data…</translation>
    </message>
    <message>
        <source>Nạp dữ liệu mẫu</source>
        <translation type="vanished">Load demo data</translation>
    </message>
</context>
<context>
    <name>backup</name>
    <message>
        <source>Đã khôi phục từ bản sao lưu.</source>
        <translation>Restored from the backup.</translation>
    </message>
    <message>
        <source>Tệp trước đó được giữ nguyên tại:
%1</source>
        <translation>The previous file is kept, unchanged, at:
%1</translation>
    </message>
    <message>
        <source>Máy chủ PostgreSQL được sao lưu và khôi phục bằng pg_dump/pg_restore.</source>
        <translation>A PostgreSQL server is backed up and restored with pg_dump/pg_restore.</translation>
    </message>
    <message>
        <source>Cơ sở dữ liệu đang mở chỉ đọc.</source>
        <translation>The database is open read-only.</translation>
    </message>
    <message>
        <source>Đang sao lưu…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Đã sao lưu: %1</source>
        <translation>Backed up: %1</translation>
    </message>
    <message>
        <source>Đã sao lưu cơ sở dữ liệu vào:
%1</source>
        <translation>The database was backed up to:
%1</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>Thay đổi sẽ có hiệu lực khi mở lại chương trình.</source>
        <translation type="obsolete">The change takes effect when the program is started again.</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Kiểm tra</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Huỷ</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Đã lưu %1</source>
        <translation>Saved %1</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>In</source>
        <extracomment>Pages are rendered at the printer&apos;s resolution, but no finer: an A4 page at 300 dpi is 35 MB in memory, at 1200 dpi (Qt&apos;s &quot;high resolution&quot;) it would be 560 MB.</extracomment>
        <translation>Print</translation>
    </message>
    <message>
        <source>Bài đánh giá</source>
        <translation>Assessment</translation>
    </message>
</context>
<context>
    <name>reports</name>
    <message>
        <source>Xuất bài đánh giá</source>
        <translation>Export assessment</translation>
    </message>
</context>
</TS>
