import { connect } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { startMailCatcher, startSmtpSink } from '../../main/mail-catcher';
import { freePort } from '../support/ports';

/** Opens an SMTP session, starts a message and resets the connection (TCP RST) in the middle of it. */
async function resetMidSession(port: number): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  await new Promise<void>((resolve) => socket.once('data', () => resolve())); // the 220 greeting
  socket.write('EHLO client.test\r\nMAIL FROM:<a@client.test>\r\nRCPT TO:<b@county.test>\r\nDATA\r\nSubject: half\r\n\r\nhalf a mess');
  await new Promise((r) => setTimeout(r, 100));
  socket.resetAndDestroy();
  await new Promise((r) => setTimeout(r, 100));
}

const send = (port: number, subject: string) => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, tls: { rejectUnauthorized: false } })
  .sendMail({ from: 'approvals@county.test', to: 'clerk@county.test', subject, text: '请审批 / please decide' });

describe('the mail catcher of npm start', () => {
  it('survives connections reset mid-session and still accepts mail', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mail-catcher-'));
    const port = await freePort();
    const catcher = await startMailCatcher({ port, dir });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      for (let i = 0; i < 3; i++) await resetMidSession(port);
      await send(port, '追加预算待审批');
      const files = readdirSync(catcher.dir);
      expect(files).toHaveLength(1); // the reset halves were never delivered
      expect(readFileSync(join(catcher.dir, files[0]), 'utf8')).toContain('Subject:');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('still accepting mail'));
    } finally {
      warn.mockRestore();
      await catcher.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hands each connection error to the caller and goes on', async () => {
    const port = await freePort();
    const errors: Error[] = [];
    const received: string[] = [];
    const sink = await startSmtpSink({ port, onMessage: (raw) => received.push(raw.toString('utf8')), onConnectionError: (e) => errors.push(e) });
    try {
      await resetMidSession(port);
      await send(port, 'after the reset');
      expect(errors.map((e) => (e as { code?: string }).code)).toContain('ECONNRESET');
      expect(received).toHaveLength(1);
    } finally {
      await sink.stop();
    }
  });
});
