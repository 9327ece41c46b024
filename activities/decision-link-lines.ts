import type { ActionLink } from './email-action-links';

/**
 * The decision-links block of a task e-mail (budget or loan), Chinese first: each link opens a
 * confirmation page, nothing is decided by opening it. Empty when the mail has no links.
 */
export function decisionLinkLines(links: ActionLink[], ttlDays?: number): string[] {
  if (!links.length) return [];
  return [
    '',
    '直接在邮件中办理（打开链接后须再次确认）：',
    'Decide from this e-mail (each link asks you to confirm):',
    ...links.map((l) => `  ${l.label.zh} / ${l.label.en}: ${l.url}`),
    `每个链接仅限本人使用一次${ttlDays ? `，${ttlDays}天内有效` : ''}。 / Each link is for you only, works once${ttlDays ? ` and expires after ${ttlDays} days` : ''}.`,
  ];
}
