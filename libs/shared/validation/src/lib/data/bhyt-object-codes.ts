// GENERATED FILE: do not edit. Source: libs/shared/validation/data/bhyt-object-codes.csv
// (sources and caveats in libs/shared/validation/data/README.md). Regenerate with: node tools/reference-data/generate-validation-lists.mjs

/** Mức hưởng: the benefit level in the 3rd character of a BHYT card number (QĐ 1351/QĐ-BHXH Điều 2). */
export type BenefitLevel = 1 | 2 | 3 | 4 | 5;

/** A BHYT object (group) code: the first two letters of a BHYT card number. */
export interface BhytObjectCode {
  readonly code: string;
  /** QĐ 1351/QĐ-BHXH wording; null for the later codes whose meaning was not found (verify with BHXH). */
  readonly meaningVi: string | null;
  /** Our own short English gloss, not an official translation. */
  readonly meaningEn: string | null;
  /** Current grouping (QĐ 1018/QĐ-BHXH 2024 and NQ 261/2025/QH15 as reported by secondary sources). */
  readonly benefitLevel: BenefitLevel;
  /** Grouping of QĐ 1351/QĐ-BHXH (2015); null for codes added later. */
  readonly benefitLevel2015: BenefitLevel | null;
  /** Where the row comes from and how sure it is. */
  readonly note: string;
}

/**
 * The BHYT object codes known to Benhan. A card's benefit level may differ from its group's level:
 * a person in several groups gets the group first in QĐ 1351's order and the most favourable level.
 */
export const BHYT_OBJECT_CODES = [
  {
    code: 'DN',
    meaningVi:
      'Người lao động làm việc trong các doanh nghiệp thành lập, hoạt động theo Luật Doanh nghiệp, Luật Đầu tư',
    meaningEn:
      'Employees of enterprises established under the Law on Enterprises / Law on Investment',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'HX',
    meaningVi:
      'Người lao động làm việc trong các hợp tác xã, liên hiệp hợp tác xã thành lập và hoạt động theo Luật Hợp tác xã',
    meaningEn: 'Employees of cooperatives and unions of cooperatives',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'CH',
    meaningVi:
      'Người lao động làm việc trong các cơ quan nhà nước, đơn vị sự nghiệp, lực lượng vũ trang, tổ chức chính trị, tổ chức chính trị xã hội, tổ chức chính trị xã hội nghề nghiệp, tổ chức xã hội nghề nghiệp và tổ chức xã hội khác',
    meaningEn:
      'Employees of state agencies, public service units, armed forces, political and socio-political/professional organisations',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'NN',
    meaningVi:
      'Người lao động làm việc trong các cơ quan, tổ chức nước ngoài hoặc tổ chức quốc tế tại Việt Nam, trừ trường hợp Điều ước quốc tế mà nước Cộng hòa xã hội chủ nghĩa Việt Nam là thành viên tham gia có quy định khác',
    meaningEn:
      'Employees of foreign or international organisations in Vietnam (unless a treaty provides otherwise)',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'TK',
    meaningVi:
      'Người lao động làm việc trong các tổ chức khác có sử dụng lao động được thành lập và hoạt động theo quy định của pháp luật',
    meaningEn:
      'Employees of other lawfully established employing organisations',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'HC',
    meaningVi:
      'Cán bộ, công chức, viên chức theo quy định của pháp luật về cán bộ, công chức, viên chức',
    meaningEn: 'Cadres, civil servants and public employees',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'XK',
    meaningVi:
      'Người hoạt động không chuyên trách ở xã, phường, thị trấn theo quy định của pháp luật về cán bộ, công chức',
    meaningEn: 'Part-time (non-specialised) commune/ward officials',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'HT',
    meaningVi: 'Người hưởng lương hưu, trợ cấp mất sức lao động hàng tháng',
    meaningEn:
      'Recipients of a pension or monthly incapacity-for-work allowance',
    benefitLevel: 3,
    benefitLevel2015: 3,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'TB',
    meaningVi:
      'Người đang hưởng trợ cấp bảo hiểm xã hội hàng tháng do bị tai nạn lao động, bệnh nghề nghiệp',
    meaningEn:
      'Recipients of monthly social-insurance allowance for work accident / occupational disease',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'NO',
    meaningVi:
      'Người lao động nghỉ việc đang hưởng chế độ ốm đau theo quy định của pháp luật về bảo hiểm xã hội do mắc bệnh thuộc danh mục bệnh cần chữa trị dài ngày theo quy định của Bộ trưởng Bộ Y tế',
    meaningEn:
      'Employees on sickness benefit for a disease on the MoH long-term-treatment list',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'CT',
    meaningVi: 'Người từ đủ 80 tuổi trở lên đang hưởng trợ cấp tuất hàng tháng',
    meaningEn: 'People aged 80+ receiving a monthly survivor allowance',
    benefitLevel: 2,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text; level 4 -> 2 in the later grouping attributed to QĐ 1018/QĐ-BHXH (2024) [secondary sources, not verified against the decision]',
  },
  {
    code: 'XB',
    meaningVi:
      'Cán bộ xã, phường, thị trấn đã nghỉ việc đang hưởng trợ cấp bảo hiểm xã hội hàng tháng',
    meaningEn:
      'Retired commune/ward officials receiving a monthly social-insurance allowance',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'TN',
    meaningVi:
      'Người đang hưởng trợ cấp thất nghiệp theo quy định của pháp luật về bảo hiểm thất nghiệp',
    meaningEn: 'Recipients of unemployment benefit',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'CS',
    meaningVi:
      'Công nhân cao su nghỉ việc đang hưởng trợ cấp hàng tháng theo Quyết định số 206/CP ngày 30/5/1979 của Hội đồng Chính phủ (nay là Chính phủ) về chính sách đối với công nhân mới giải phóng làm nghề nặng nhọc, có hại sức khỏe nay già yếu phải thôi việc',
    meaningEn:
      'Retired rubber-plantation workers on a monthly allowance under Decision 206/CP (1979)',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'QN',
    meaningVi:
      'Sỹ quan, quân nhân chuyên nghiệp, hạ sỹ quan, binh sỹ Quân đội nhân dân Việt Nam đang tại ngũ; người làm công tác cơ yếu hưởng lương như đối với quân nhân đang công tác tại Ban Cơ yếu Chính phủ; học viên cơ yếu hưởng sinh hoạt phí từ ngân sách Nhà nước theo chế độ, chính sách như đối với học viên Quân đội',
    meaningEn:
      "Active-duty members of the People's Army; cipher staff of the Government Cipher Board paid as military; state-funded cipher students",
    benefitLevel: 5,
    benefitLevel2015: 5,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'CA',
    meaningVi:
      'Sỹ quan, hạ sỹ quan nghiệp vụ và sỹ quan, hạ sỹ quan chuyên môn kỹ thuật, hạ sỹ quan, chiến sỹ nghĩa vụ đang công tác trong lực lượng công an nhân dân, học viên công an nhân dân hưởng sinh hoạt phí từ ngân sách Nhà nước',
    meaningEn:
      "Serving members of the People's Public Security forces and state-funded police students",
    benefitLevel: 5,
    benefitLevel2015: 5,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'CY',
    meaningVi:
      'Người làm công tác cơ yếu hưởng lương như đối với quân nhân đang công tác tại các tổ chức cơ yếu thuộc các Bộ, ngành, địa phương',
    meaningEn:
      'Cipher staff paid as military in ministries, sectors and localities',
    benefitLevel: 5,
    benefitLevel2015: 5,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'XN',
    meaningVi:
      'Cán bộ xã, phường, thị trấn đã nghỉ việc đang hưởng trợ cấp hàng tháng từ ngân sách Nhà nước',
    meaningEn:
      'Retired commune/ward officials receiving a monthly state-budget allowance',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'MS',
    meaningVi:
      'Người đã thôi hưởng trợ cấp mất sức lao động đang hưởng trợ cấp hàng tháng từ ngân sách Nhà nước',
    meaningEn:
      'Former incapacity-allowance recipients now on a monthly state-budget allowance',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'CC',
    meaningVi:
      'Người có công với cách mạng, bao gồm: Người hoạt động cách mạng trước ngày 01/01/1945; người hoạt động cách mạng từ ngày 01/01/1945 đến ngày khởi nghĩa tháng 8/1945; Bà mẹ Việt Nam anh hùng; thương binh, người hưởng chính sách như thương binh, thương binh loại B, bệnh binh suy giảm khả năng lao động từ 81% trở lên',
    meaningEn:
      'People with meritorious service to the revolution (pre-1945 revolutionaries, Heroic Vietnamese Mothers, war invalids/sick soldiers with >=81% incapacity)',
    benefitLevel: 1,
    benefitLevel2015: 1,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'CK',
    meaningVi:
      'Người có công với cách mạng theo quy định pháp luật về người có công với cách mạng, trừ các đối tượng được cấp mã CC',
    meaningEn:
      'Other people with meritorious service to the revolution (not coded CC)',
    benefitLevel: 2,
    benefitLevel2015: 2,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'CB',
    meaningVi: 'Cựu chiến binh theo quy định pháp luật về cựu chiến binh',
    meaningEn: 'Veterans',
    benefitLevel: 2,
    benefitLevel2015: 2,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'KC',
    meaningVi:
      'Người trực tiếp tham gia kháng chiến chống Mỹ cứu nước; người tham gia chiến tranh bảo vệ Tổ quốc, làm nhiệm vụ quốc tế ở Căm-pu-chia, giúp bạn Lào sau ngày 30/4/1975; thanh niên xung phong thời kỳ kháng chiến chống Pháp và thanh niên xung phong đã hoàn thành nhiệm vụ trong kháng chiến; dân công hỏa tuyến tham gia kháng chiến chống Pháp, chống Mỹ, chiến tranh bảo vệ Tổ quốc và làm nhiệm vụ quốc tế theo quy định tại các Quyết định của Thủ tướng Chính phủ, trừ các đối tượng được cấp mã CC, CK và CB',
    meaningEn:
      'Resistance / national-defence participants, youth volunteers and front-line labourers (not coded CC, CK, CB)',
    benefitLevel: 2,
    benefitLevel2015: 2,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'HD',
    meaningVi:
      'Đại biểu Quốc hội, đại biểu Hội đồng nhân dân các cấp đương nhiệm',
    meaningEn:
      "Incumbent National Assembly deputies and People's Council deputies",
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'TE',
    meaningVi:
      'Trẻ em dưới 6 tuổi, kể cả trẻ đủ 72 tháng tuổi mà trong năm đó chưa đến kỳ nhập học',
    meaningEn:
      'Children under 6 (incl. 72-month-olds not yet enrolled that year)',
    benefitLevel: 1,
    benefitLevel2015: 1,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'BT',
    meaningVi:
      'Người thuộc diện hưởng trợ cấp bảo trợ xã hội hàng tháng theo quy định của pháp luật',
    meaningEn: 'Recipients of monthly social-protection allowance',
    benefitLevel: 2,
    benefitLevel2015: 2,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'HN',
    meaningVi: 'Người thuộc hộ gia đình nghèo',
    meaningEn: 'Members of poor households',
    benefitLevel: 2,
    benefitLevel2015: 2,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'DT',
    meaningVi:
      'Người dân tộc thiểu số đang sinh sống tại vùng có điều kiện kinh tế xã hội khó khăn, đặc biệt khó khăn',
    meaningEn:
      'Ethnic-minority people living in socio-economically disadvantaged areas',
    benefitLevel: 2,
    benefitLevel2015: 2,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'DK',
    meaningVi:
      'Người đang sinh sống tại vùng có điều kiện kinh tế xã hội đặc biệt khó khăn',
    meaningEn: 'People living in extremely disadvantaged areas',
    benefitLevel: 2,
    benefitLevel2015: 2,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'XD',
    meaningVi: 'Người đang sinh sống tại xã đảo, huyện đảo',
    meaningEn: 'People living in island communes/districts',
    benefitLevel: 2,
    benefitLevel2015: 2,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'TS',
    meaningVi:
      'Thân nhân của người có công với cách mạng là cha đẻ, mẹ đẻ, vợ hoặc chồng, con của liệt sỹ; người có công nuôi dưỡng liệt sỹ',
    meaningEn:
      'Relatives of martyrs (parents, spouse, children) and people who raised martyrs',
    benefitLevel: 2,
    benefitLevel2015: 2,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'TC',
    meaningVi:
      'Thân nhân của người có công với cách mạng, bao gồm: cha đẻ, mẹ đẻ, vợ hoặc chồng, con từ trên 6 tuổi đến dưới 18 tuổi hoặc từ đủ 18 tuổi trở lên nếu còn tiếp tục đi học hoặc bị khuyết tật nặng, khuyết tật đặc biệt nặng của các đối tượng: Người hoạt động cách mạng trước ngày 01/01/1945; người hoạt động cách mạng từ ngày 01/01/1945 đến ngày khởi nghĩa tháng Tám năm 1945; Anh hùng Lực lượng vũ trang nhân dân, Anh hùng Lao động trong thời kỳ kháng chiến; thương binh, bệnh binh suy giảm khả năng lao động từ 61% trở lên; người hoạt động kháng chiến bị nhiễm chất độc hóa học suy giảm khả năng lao động từ 61% trở lên; con đẻ từ trên 6 tuổi của người hoạt động kháng chiến bị nhiễm chất độc hóa học bị dị dạng, dị tật do hậu quả của chất độc hóa học không tự lực được trong sinh hoạt hoặc suy giảm khả năng tự lực trong sinh hoạt, trừ các đối tượng được cấp mã TS',
    meaningEn:
      'Relatives of certain people with meritorious service (not coded TS)',
    benefitLevel: 3,
    benefitLevel2015: 3,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'TQ',
    meaningVi: 'Thân nhân của đối tượng được cấp mã QN',
    meaningEn: 'Relatives of people coded QN',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'TA',
    meaningVi: 'Thân nhân của đối tượng được cấp mã CA',
    meaningEn: 'Relatives of people coded CA',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'TY',
    meaningVi: 'Thân nhân của đối tượng được cấp mã CY',
    meaningEn: 'Relatives of people coded CY',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'HG',
    meaningVi: 'Người đã hiến bộ phận cơ thể người theo quy định của pháp luật',
    meaningEn: 'Organ donors',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'LS',
    meaningVi:
      'Người nước ngoài đang học tập tại Việt Nam được cấp học bổng từ ngân sách của Nhà nước Việt Nam',
    meaningEn: 'Foreign students in Vietnam on Vietnamese state scholarships',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'PV',
    meaningVi:
      'Người phục vụ người có công với cách mạng, bao gồm: người phục vụ Bà mẹ Việt Nam anh hùng sống ở gia đình; người phục vụ thương binh, bệnh binh suy giảm khả năng lao động từ 81% trở lên ở gia đình; người phục vụ người hoạt động kháng chiến bị nhiễm chất độc hóa học suy giảm khả năng lao động từ 81% trở lên sống ở gia đình',
    meaningEn: 'Carers of people with meritorious service living at home',
    benefitLevel: 3,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text; level 4 -> 3 in the later grouping attributed to QĐ 1018/QĐ-BHXH (2024) [secondary sources, not verified against the decision]',
  },
  {
    code: 'CN',
    meaningVi: 'Người thuộc hộ gia đình cận nghèo',
    meaningEn: 'Members of near-poor households',
    benefitLevel: 2,
    benefitLevel2015: 3,
    note: 'QĐ 1351/QĐ-BHXH (2015) text; level 3 -> 2 from 01/01/2026 (NQ 261/2025/QH15, CV 38/BYT-BH) [secondary sources]',
  },
  {
    code: 'HS',
    meaningVi:
      'Học sinh đang theo học tại các cơ sở giáo dục và đào tạo thuộc hệ thống giáo dục quốc dân',
    meaningEn: 'School pupils',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'SV',
    meaningVi:
      'Sinh viên đang theo học tại các cơ sở giáo dục và đào tạo, cơ sở dạy nghề thuộc hệ thống giáo dục quốc dân',
    meaningEn: 'Students (higher / vocational education)',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'GB',
    meaningVi:
      'Người thuộc hộ gia đình làm nông nghiệp, lâm nghiệp, ngư nghiệp và diêm nghiệp có mức sống trung bình theo quy định của pháp luật',
    meaningEn:
      'Members of average-income farming, forestry, fishery and salt-making households',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'GD',
    meaningVi:
      'Người tham gia BHYT theo hộ gia đình gồm những người thuộc hộ gia đình',
    meaningEn: 'People insured through household (family) enrolment',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'QĐ 1351/QĐ-BHXH (2015) text',
  },
  {
    code: 'TV',
    meaningVi:
      'Thân nhân CNVC quốc phòng (short label, single third-party source)',
    meaningEn:
      'Relatives of defence workers/public employees (unverified gloss)',
    benefitLevel: 4,
    benefitLevel2015: 4,
    note: 'Listed in the brief; level 4 in the 2015 grouping of one codebase (PHP migration) and in both current-grouping codebases; valid prefix in medconnect; official wording NOT found',
  },
  {
    code: 'BA',
    meaningVi:
      'Người tham gia lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở',
    meaningEn: 'Members of grassroots security and order protection forces',
    benefitLevel: 4,
    benefitLevel2015: null,
    note: 'Added by QĐ 1018/QĐ-BHXH (2024), level 4 from 01/07/2024 [press page yeah1.com; 2 codebases]',
  },
  {
    code: 'LH',
    meaningVi:
      'Người cao tuổi từ đủ 75 tuổi trở lên đang hưởng trợ cấp hưu trí xã hội',
    meaningEn: 'People aged 75+ receiving the social pension allowance',
    benefitLevel: 2,
    benefitLevel2015: null,
    note: 'Post-2024 code; level 4 until 31/12/2025, 2 from 01/01/2026 (NQ 261/2025/QH15, CV 38/BYT-BH) [secondary: luatvietnam via a vendor knowledge card]',
  },
  {
    code: 'AK',
    meaningVi:
      'Dân cư xã An toàn khu (label from one vendor rule; official wording not found)',
    meaningEn:
      "Residents of 'safe-zone' (An toàn khu) communes (unverified gloss)",
    benefitLevel: 2,
    benefitLevel2015: null,
    note: 'Post-2024 code (NĐ 188/2025?); level 2 in 2 codebases; meaning unverified',
  },
  {
    code: 'TG',
    meaningVi: null,
    meaningEn: null,
    benefitLevel: 3,
    benefitLevel2015: null,
    note: 'Valid prefix in 2 independent codebases (level 3); meaning NOT found - verify with BHXH',
  },
  {
    code: 'DS',
    meaningVi: null,
    meaningEn: null,
    benefitLevel: 3,
    benefitLevel2015: null,
    note: 'Valid prefix in 2 independent codebases (level 3); meaning NOT found - verify with BHXH',
  },
  {
    code: 'HK',
    meaningVi: null,
    meaningEn: null,
    benefitLevel: 3,
    benefitLevel2015: null,
    note: 'Valid prefix in 2 independent codebases (level 3); meaning NOT found - verify with BHXH',
  },
  {
    code: 'ND',
    meaningVi: null,
    meaningEn: null,
    benefitLevel: 4,
    benefitLevel2015: null,
    note: 'Valid prefix in 2 independent codebases (level 4); meaning NOT found - verify with BHXH',
  },
  {
    code: 'TH',
    meaningVi: null,
    meaningEn: null,
    benefitLevel: 4,
    benefitLevel2015: null,
    note: 'Valid prefix in 2 independent codebases (level 4); meaning NOT found - verify with BHXH',
  },
  {
    code: 'TD',
    meaningVi: null,
    meaningEn: null,
    benefitLevel: 4,
    benefitLevel2015: null,
    note: 'Valid prefix in 2 independent codebases (level 4); meaning NOT found - verify with BHXH',
  },
  {
    code: 'TU',
    meaningVi: null,
    meaningEn: null,
    benefitLevel: 4,
    benefitLevel2015: null,
    note: 'Valid prefix in 2 independent codebases (level 4); meaning NOT found - verify with BHXH',
  },
] as const satisfies readonly BhytObjectCode[];

export type BhytObjectCodeValue = (typeof BHYT_OBJECT_CODES)[number]['code'];
