import type { JsonSchema } from '@benhan/shared/contracts';

/**
 * A small form in the shape of the Ministry's record forms (sections, a nested group, a labelled enum, a date,
 * an ICD-10 field, and a repeating group holding another), for the schema-form specs.
 */
export const SAMPLE_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  properties: {
    reason: {
      type: 'object',
      title: 'Lý do vào viện',
      'x-title-en': 'Reason for admission',
      required: ['text'],
      properties: {
        text: { type: 'string', title: 'Lý do', maxLength: 20, 'x-multiline': true },
        dayOfIllness: { type: 'integer', title: 'Vào ngày thứ mấy của bệnh', minimum: 1, 'x-unit': 'ngày' },
      },
    },
    examination: {
      type: 'object',
      title: 'Khám bệnh',
      properties: {
        consciousness: {
          type: 'string',
          title: 'Ý thức',
          oneOf: [
            { const: 'alert', title: 'Tỉnh táo', 'x-title-en': 'Alert' },
            { const: 'drowsy', title: 'Lơ mơ' },
          ],
        },
        vitals: {
          type: 'object',
          title: 'Dấu hiệu sinh tồn',
          properties: {
            pulse: { type: 'integer', title: 'Mạch', minimum: 20, maximum: 250, 'x-unit': 'lần/phút' },
            temperature: { type: 'number', title: 'Nhiệt độ', minimum: 30, maximum: 45, 'x-unit': '°C' },
          },
        },
        examinedOn: { type: 'string', format: 'date', title: 'Ngày khám' },
        allergy: { type: 'boolean', title: 'Có tiền sử dị ứng' },
      },
    },
    diagnosis: {
      type: 'object',
      title: 'Chẩn đoán',
      properties: {
        principal: { type: 'string', title: 'Bệnh chính', 'x-code-system': 'icd10' },
        insuranceCode: { type: 'string', title: 'Mã nơi đăng ký', pattern: '^\\d{5}$' },
        stage: { type: 'string', title: 'Giai đoạn', enum: ['I', 'II', 'III'] },
      },
    },
    orders: {
      type: 'array',
      title: 'Y lệnh',
      items: {
        type: 'object',
        properties: {
          drug: { type: 'string', title: 'Thuốc' },
          doses: {
            type: 'array',
            title: 'Liều',
            items: {
              type: 'object',
              properties: {
                time: { type: 'string', format: 'time', title: 'Giờ' },
                amount: { type: 'number', title: 'Lượng', maximum: 1000, 'x-unit': 'mg' },
              },
            },
          },
        },
      },
    },
  },
};
