/** Display helpers. Money stays a string of yuan: it is only grouped for reading, never turned into a float. */

export function yuan(amount: string | null | undefined): string {
  if (!amount) return '';
  const [whole, frac] = amount.split('.');
  const neg = whole.startsWith('-');
  const digits = neg ? whole.slice(1) : whole;
  return `${neg ? '-' : ''}¥${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac ?? '00'}`;
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
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
