import { startSmtpSink } from '../../main/mail-catcher';
import { freePort } from './ports';

export interface CapturedAttachment { filename: string; contentType: string; content: Buffer }
export interface CapturedMail { to: string[]; raw: string; subject: string; text: string; html: string; attachments: CapturedAttachment[] }

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

/** A message's or part's header and body. */
const split = (raw: string): [string, string] => {
  const at = raw.indexOf('\r\n\r\n');
  return at < 0 ? [raw, ''] : [raw.slice(0, at), raw.slice(at + 4)];
};

/** The leaf parts of a message, multipart/mixed and multipart/alternative opened (nodemailer nests them when a file is attached). */
function leaves(raw: string): string[] {
  const [head] = split(raw);
  const boundary = /Content-Type: multipart\/[a-z]+;[\s\S]*?boundary="?([^"\r\n;]+)"?/i.exec(head)?.[1];
  if (!boundary) return [raw];
  return raw.split(`--${boundary}`).slice(1, -1).map((p) => p.replace(/^\r\n/, '')).flatMap(leaves);
}

/** The plain-text and HTML parts of a message, and its attached files. */
function decodeParts(raw: string): { text: string; html: string; attachments: CapturedAttachment[] } {
  const parts = leaves(raw);
  if (parts.length === 1 && parts[0] === raw) {
    return /Content-Type: text\/html/i.test(split(raw)[0]) ? { text: '', html: decodeBody(raw), attachments: [] } : { text: decodeBody(raw), html: '', attachments: [] };
  }
  const isFile = (p: string) => /Content-Disposition: attachment/i.test(split(p)[0]);
  const find = (type: string) => parts.find((p) => !isFile(p) && new RegExp(`Content-Type: ${type}`, 'i').test(split(p)[0]));
  const text = find('text/plain');
  const html = find('text/html');
  const attachments = parts.filter(isFile).map((p) => {
    const [head, body] = split(p);
    const unfolded = head.replace(/\r\n[ \t]/g, ' ');
    return {
      contentType: /Content-Type: ([^;\r\n]+)/i.exec(unfolded)?.[1] ?? '',
      filename: decodeFilename(unfolded),
      content: /Content-Transfer-Encoding: base64/i.test(head) ? Buffer.from(body.replace(/\s+/g, ''), 'base64') : Buffer.from(body, 'latin1'),
    };
  });
  return { text: text ? decodeBody(text).replace(/\r\n$/, '') : '', html: html ? decodeBody(html).replace(/\r\n$/, '') : '', attachments };
}

/** An attached file's name: RFC 2231 (filename*0*=utf-8''…) or a plain filename. */
function decodeFilename(head: string): string {
  const pieces = [...head.matchAll(/filename\*(\d+)?\*?=(?:utf-8'')?"?([^";\r\n]+)"?/gi)].map((m) => m[2]);
  if (pieces.length) return decodeURIComponent(pieces.join(''));
  return /filename="?([^";\r\n]+)"?/i.exec(head)?.[1] ?? '';
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
