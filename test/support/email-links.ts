/** Helpers for tests of the e-mail decision links: find a task e-mail, read its links, open and confirm them. */
import { createHash } from 'node:crypto';
import { DECISION_ACTIONS } from '../../domain';
import type { CapturedMail } from './smtp';
import type { Stack } from './stack';

/** The first e-mail to `username` whose subject names `number` and the step, waiting for the workflow to send it. */
export async function mailFor(stack: Stack, username: string, number: string, stepZh: string): Promise<CapturedMail> {
  for (let i = 0; i < 200; i++) {
    const mail = stack.smtp.received.find((m) => m.to.includes(`${username}@county.local`) && m.subject.includes(number) && m.subject.includes(stepZh));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no e-mail to ${username} about ${number} at ${stepZh}`);
}

/** The first e-mail to `username` whose subject starts with `prefix` (【催办】, 【抄送】, …) and names `number`, waiting for the worker to send it. */
export async function mailTo(stack: Pick<Stack, 'smtp'>, username: string, number: string, prefix = ''): Promise<CapturedMail> {
  for (let i = 0; i < 200; i++) {
    const mail = stack.smtp.received.find((m) => m.to.includes(`${username}@county.local`) && m.subject.startsWith(prefix) && m.subject.includes(number));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no e-mail ${prefix} to ${username} about ${number}`);
}

const actionByEnglish = new Map<string, string>(Object.entries(DECISION_ACTIONS).map(([k, v]) => [v.en, k]));

/** The decision links of an e-mail by action, pointed at this test's server instead of the public URL. */
export function linksOf(stack: Stack, mail: CapturedMail): Record<string, string> {
  const links: Record<string, string> = {};
  for (const m of mail.text.matchAll(/^\s+\S+ \/ (.+?): (\S+\/email-actions\/\S+)$/gm)) {
    links[actionByEnglish.get(m[1]) ?? m[1]] = m[2].replace(stack.publicUrl, stack.origin);
  }
  return links;
}

/** GET a link, as a mail scanner or a click would. */
export const open = async (url: string) => { const r = await fetch(url, { redirect: 'manual' }); return { status: r.status, html: await r.text() }; };

/** POST the confirmation form behind a link. */
export const confirm = async (url: string, form: Record<string, string> = {}) => {
  const r = await fetch(url, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
  return { status: r.status, html: await r.text() };
};

export const tokenOf = (url: string) => url.split('/').pop()!;
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
