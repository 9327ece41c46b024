import { createTransport } from '../../main/runtime';
import { startTestSmtp } from '../support/smtp';
import { freePort } from '../support/ports';

const settings = (port: number) => ({ host: '127.0.0.1', port, secure: false, from: 'approvals@county.test' });

describe('the SMTP transport the worker and the API send with', () => {
  it('delivers one message after another on its pooled connections, and on a connection of its own', async () => {
    const smtp = await startTestSmtp();
    const pooled = createTransport(settings(smtp.port), { pooled: true });
    const single = createTransport(settings(smtp.port));
    try {
      for (let i = 0; i < 5; i++) await pooled.sendMail({ from: 'approvals@county.test', to: `leader${i}@county.test`, subject: `【待办】第${i}件`, text: `请审批 ${i} / please decide ${i}` });
      await single.sendMail({ from: 'approvals@county.test', to: 'clerk@county.test', subject: '【结果】已批准', text: '已批准 / approved' });
      expect(smtp.received.map((m) => m.subject)).toEqual([0, 1, 2, 3, 4].map((i) => `【待办】第${i}件`).concat('【结果】已批准'));
      expect(smtp.received[4].text).toContain('请审批 4 / please decide 4');
    } finally {
      pooled.close();
      single.close();
      await smtp.stop();
    }
  });

  it('fails the send, naming the cause, when the mail server is down (the activity then retries)', async () => {
    const pooled = createTransport(settings(await freePort()), { pooled: true });
    try {
      await expect(pooled.sendMail({ from: 'approvals@county.test', to: 'clerk@county.test', subject: 'x', text: 'x' })).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      pooled.close();
    }
  });

  it('keeps sending after the mail server refused more connections than the pool holds, once it is back', async () => {
    const smtp = await startTestSmtp();
    await smtp.stop();
    const pooled = createTransport(settings(smtp.port), { pooled: true });
    const send = (i: number) => pooled.sendMail({ from: 'approvals@county.test', to: `leader${i}@county.test`, subject: `【待办】第${i}件`, text: `请审批 ${i}` });
    try {
      // more refusals than the pool's three connections, some of them while another message waits
      for (const batch of [[0, 1], [2], [3, 4, 5]]) {
        const sent = await Promise.allSettled(batch.map(send));
        expect(sent.map((r) => r.status)).toEqual(batch.map(() => 'rejected'));
      }
      await smtp.start();
      await send(6);
      await Promise.all([send(7), send(8)]);
      expect(smtp.received.map((m) => m.subject).sort()).toEqual([6, 7, 8].map((i) => `【待办】第${i}件`));
    } finally {
      pooled.close();
      await smtp.stop();
    }
  });
});
