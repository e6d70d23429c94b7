import type { Translation } from 'primeng/api';
import type { Language } from './languages';

/**
 * PrimeNG's own texts (date-picker month and day names, "today", empty-list messages) per UI language. They are
 * locale data like Angular's, not product wording, so they live here rather than in the translation files.
 * Weeks start on Monday in Vietnam.
 */
export const PRIMENG_TRANSLATIONS: Record<Language, Translation> = {
  vi: {
    dayNames: ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'],
    dayNamesShort: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
    dayNamesMin: ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'],
    monthNames: Array.from({ length: 12 }, (_, i) => `Tháng ${i + 1}`),
    monthNamesShort: Array.from({ length: 12 }, (_, i) => `Th${i + 1}`),
    firstDayOfWeek: 1,
    dateFormat: 'dd/mm/yy',
    today: 'Hôm nay',
    clear: 'Xóa',
    weekHeader: 'Tuần',
    emptyMessage: 'Không có lựa chọn nào',
    emptyFilterMessage: 'Không tìm thấy',
    emptySearchMessage: 'Không tìm thấy',
    chooseYear: 'Chọn năm',
    chooseMonth: 'Chọn tháng',
    chooseDate: 'Chọn ngày',
    prevDecade: 'Thập kỷ trước',
    nextDecade: 'Thập kỷ sau',
    prevYear: 'Năm trước',
    nextYear: 'Năm sau',
    prevMonth: 'Tháng trước',
    nextMonth: 'Tháng sau',
  },
  en: {
    dayNames: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    dayNamesShort: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    dayNamesMin: ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'],
    monthNames: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    monthNamesShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    firstDayOfWeek: 1,
    dateFormat: 'dd/mm/yy',
    today: 'Today',
    clear: 'Clear',
    weekHeader: 'Wk',
    emptyMessage: 'No available options',
    emptyFilterMessage: 'No results found',
    emptySearchMessage: 'No results found',
    chooseYear: 'Choose Year',
    chooseMonth: 'Choose Month',
    chooseDate: 'Choose Date',
    prevDecade: 'Previous Decade',
    nextDecade: 'Next Decade',
    prevYear: 'Previous Year',
    nextYear: 'Next Year',
    prevMonth: 'Previous Month',
    nextMonth: 'Next Month',
  },
};
