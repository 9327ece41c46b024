import { startSmtpSink } from '../../main/mail-catcher';
import { freePort } from './ports';

export interface CapturedMail { to: string[]; raw: string; subject: string; text: string; html: string }

/** A real SMTP server in this process that keeps what it receives, for asserting on e-mails. */
export async function startTestSmtp() {
  const received: CapturedMail[] = [];
  const port = await freePort();
  const listen = () => startSmtpSink({
    port,
    onMessage: (buffer, to) => {
      const raw = buffer.toString('utf8');
      received.push({ to, raw, subject: decodeSubject(raw), ...decodeParts(raw) });
    },
  });
  let sink: Awaited<ReturnType<typeof listen>> | undefined = await listen();
  const stop = async () => { const s = sink; sink = undefined; await s?.stop(); };
  /** `stop` then `start` is the mail server going down and coming back on the same port. */
  return { port, received, stop, async start() { if (!sink) sink = await listen(); } };
}

/** Decodes RFC 2047 encoded-words in the Subject header. */
function decodeSubject(raw: string): string {
  const m = /^Subject: (.*(?:\r\n[ \t].*)*)/im.exec(raw);
  if (!m) return '';
  return m[1].replace(/\r\n[ \t]/g, ' ').replace(/=\?utf-8\?([BQ])\?([^?]*)\?=\s*/gi, (_s, enc: string, data: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQ(data.replace(/_/g, ' ')));
}

/** The plain-text and HTML parts of a message (a single body, or multipart/alternative as nodemailer writes it). */
function decodeParts(raw: string): { text: string; html: string } {
  const [head] = raw.split(/\r\n\r\n/);
  const boundary = /Content-Type: multipart\/[a-z]+;[\s\S]*?boundary="?([^"\r\n;]+)"?/i.exec(head)?.[1];
  if (!boundary) return /Content-Type: text\/html/i.test(head) ? { text: '', html: decodeBody(raw) } : { text: decodeBody(raw), html: '' };
  const parts = raw.split(`--${boundary}`).slice(1, -1).map((p) => p.replace(/^\r\n/, ''));
  const find = (type: string) => parts.find((p) => new RegExp(`Content-Type: ${type}`, 'i').test(p.split(/\r\n\r\n/)[0]));
  const text = find('text/plain');
  const html = find('text/html');
  return { text: text ? decodeBody(text).replace(/\r\n$/, '') : '', html: html ? decodeBody(html).replace(/\r\n$/, '') : '' };
}

/** The body of a message or a part, decoded from quoted-printable or base64. */
function decodeBody(raw: string): string {
  const [head, ...rest] = raw.split(/\r\n\r\n/);
  const body = rest.join('\r\n\r\n');
  if (/Content-Transfer-Encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) return decodeQ(body.replace(/=\r\n/g, ''));
  return body;
}

const decodeQ = (s: string) => Buffer.from(s.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
