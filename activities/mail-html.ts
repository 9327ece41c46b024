/**
 * The HTML part of an e-mail, made from its plain text so the two never say different things:
 * Chinese first, English lines smaller and grey, addresses as links. Without English (the
 * recipient's preference) the lines that are English only are left out of both parts.
 */
const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;
const LETTERS = /[A-Za-z]/;
const URL = /(https?:\/\/[^\s<]+)/g;

/** A line with English and no Chinese at all (e.g. "Reminder: this task is still open."). */
export const englishOnly = (line: string): boolean => LETTERS.test(line) && !CJK.test(line) && !/^https?:\/\//.test(line.trim());

/** The text as the recipient reads it: without the English-only lines when they asked for Chinese only. */
export function textFor(text: string, english: boolean): string {
  return english ? text : text.split('\n').filter((l) => !englishOnly(l)).join('\n');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** An HTML document of the (already filtered) text. */
export function htmlOf(subject: string, text: string): string {
  const lines = text.split('\n').map((line) => {
    if (!line.trim()) return '<br>';
    const html = esc(line).replace(URL, (u) => `<a href="${u}">${u}</a>`);
    return englishOnly(line) ? `<div style="color:#666;font-size:13px">${html}</div>` : `<div>${html}</div>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>`
    + `<body style="font-family:-apple-system,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif;font-size:15px;line-height:1.6;color:#1f1f1f">`
    + `<div style="max-width:640px">${lines.join('\n')}</div></body></html>`;
}
