/** Display helpers. Money stays a string of yuan: it is only grouped for reading, never turned into a float. */

/** "1234567.5" → "1,234,567.5": groups the whole part of a decimal string, leaves anything else as it is. */
export function groupDigits(s: string): string {
  const m = /^(-?)(\d+)(\.\d*)?$/.exec(s);
  return m ? `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}` : s;
}

export function yuan(amount: string | null | undefined): string {
  if (!amount) return '';
  const [whole, frac] = amount.split('.');
  const neg = whole.startsWith('-');
  const digits = neg ? whole.slice(1) : whole;
  return `${neg ? '-' : ''}¥${groupDigits(digits)}.${frac ?? '00'}`;
}

/**
 * An amount in 万元 with two decimals, rounded half up from the exact fen ("12345678.90" → "1,234.57万").
 * Only for reading overviews: every figure keeps its exact yuan in the title attribute.
 */
export function wan(amount: string | null | undefined): string {
  if (!amount) return '';
  const neg = amount.startsWith('-');
  const [whole, frac = '00'] = (neg ? amount.slice(1) : amount).split('.');
  const fen = BigInt(whole) * 100n + BigInt(frac.padEnd(2, '0').slice(0, 2));
  const hundredths = (fen + 5000n) / 10000n; // 0.01 万元 = 100 元 = 10000 fen
  const text = `${groupDigits((hundredths / 100n).toString())}.${(hundredths % 100n).toString().padStart(2, '0')}`;
  return `${neg ? '-' : ''}¥${text}万`;
}

/** The China offset: China has no daylight saving, so every time is UTC+8 whatever the browser's zone. */
const CHINA_OFFSET_MS = 8 * 3_600_000;
/** The label every shown time carries, so nobody reads it in their own zone. */
export const CHINA_TIME = '北京时间';

/** "2026-05-01 08:30 (北京时间)": a timestamp in China time, labelled, regardless of the browser's zone. */
export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return `${new Date(t + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')} (${CHINA_TIME})`;
}

/** "3天5小时" / "3 d 5 h" from hours. */
export function age(hours: number | null | undefined, lang: 'zh' | 'en'): string {
  if (hours === null || hours === undefined) return '—';
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  if (lang === 'zh') return d ? `${d}天${h}小时` : `${h}小时`;
  return d ? `${d} d ${h} h` : `${h} h`;
}

/** "1000" or "1000.5" becomes "1000.00" / "1000.50" (when an amount field loses focus); anything else stays as typed. */
export const twoDecimals = (s?: string): string => {
  const x = (s ?? '').trim().replace(/,/g, '');
  if (/^\d+$/.test(x)) return `${x}.00`;
  if (/^\d+\.\d$/.test(x)) return `${x}0`;
  return x;
};
