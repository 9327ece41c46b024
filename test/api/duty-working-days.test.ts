/** Duty deadlines counted in Chinese working days (DUTIES_FILE), over 国庆 2026, with the real API, worker and PostgreSQL. */
import { until } from '../support/until';
import { startStack, Stack } from '../support/stack';
import { chinaTime, DEFAULT_DUTY_SETTINGS, DutySettings } from '../../domain';

// R-B7: the onward days and the transfer report's deadline in working days (the shipped 2026 calendar: 国庆 1–7 October, 调休 Saturday 10 October)
const duties: DutySettings = {
  ...DEFAULT_DUTY_SETTINGS,
  transferOnwardDays: '3 working days',
  remindDaysBefore: '1 工作日',
  reports: { ...DEFAULT_DUTY_SETTINGS.reports, transfer: { ...DEFAULT_DUTY_SETTINGS.reports.transfer, dueDays: '3 工作日' } },
};

let stack: Stack;
beforeAll(async () => { stack = await startStack({ duties }); });
afterAll(async () => { await stack?.stop(); });

describe('duty deadlines in Chinese working days', () => {
  it('R-B7: a large transfer received on 30 September 2026 is due onward, and its report due, after 国庆, on the 调休 Saturday 10 October', async () => {
    const reviewer = await stack.as('reviewer');
    const res = await reviewer.post('/transfers', { documentNumber: '甘财教〔2026〕93号', issuingLevel: 'provincial', amount: '6000000.00', purpose: '学前教育发展资金', receivedOn: '2026-09-30' });
    expect(res.status).toBe(201);
    // 8, 9 and 10 October are the three working days after 30 September: the holiday does not count, the 调休 Saturday does
    expect(res.body.transfer).toMatchObject({ onwardDeadline: '2026-10-10', deadlineFromDocument: false, large: true });

    const report = await until(() => stack.prisma.report.findUnique({ where: { id: `transfer:${res.body.transfer.id}` } }), (r) => r !== null);
    // due at the end (24:00 China time) of its third working day
    expect(report!.dueAt.getTime()).toBe(chinaTime('2026-10-11'));
  });
});
