import { normalizeYuan } from '../domain';

/** "1,234,567.50 元": grouped for reading, one currency mark only (never "¥… 元"). */
export function yuanText(amount: { toString(): string }): string {
  const [whole, frac] = normalizeYuan(amount).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac} 元`;
}

/** How long a task has waited, both languages: "已等待 3 天 5 小时 / waiting for 3 d 5 h". */
export function waitedText(openedAt: Date, now: number): string {
  const hours = Math.max(0, Math.floor((now - openedAt.getTime()) / 3_600_000));
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return `已等待 ${d ? `${d} 天 ` : ''}${h} 小时 / waiting for ${d ? `${d} d ` : ''}${h} h`;
}

/** The reminder's opening lines: that the task is still open, and since when. */
export function reminderLines(openedAt: Date | undefined, now: number): string {
  const waited = openedAt ? waitedText(openedAt, now).split(' / ') : null;
  return waited
    ? `提醒：以下待办尚未办理，${waited[0]}。\nReminder: this task is still open, ${waited[1]}.`
    : '提醒：以下待办尚未办理。\nReminder: this task is still open.';
}
