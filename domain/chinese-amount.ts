/**
 * 大写金额: an amount of yuan in Chinese capital numerals as written on cheques and vouchers
 * (《正确填写票据和结算凭证的基本规定》): 1234.56 → 壹仟贰佰叁拾肆元伍角陆分, 1000.00 → 壹仟元整.
 * Worked from the decimal string digit by digit, so no float ever rounds an amount.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
/** units of the 4-digit groups: 万 (10^4), 亿 (10^8), 万 again for 万亿 (10^12) */
const GROUP_UNITS = ['', '万', '亿', '万'];
const AMOUNT = /^(-)?(\d{1,16})(?:\.(\d{1,2}))?$/;

/** The capitals of a whole number of yuan without the 元 ("" for zero). */
function integerCapitals(digits: string): string {
  const trimmed = digits.replace(/^0+/, '');
  let out = '';
  let zeroPending = false;
  for (let i = 0; i < trimmed.length; i++) {
    const p = trimmed.length - 1 - i;
    const d = Number(trimmed[i]);
    if (d === 0) zeroPending = out !== '';
    else {
      if (zeroPending) out += '零';
      out += DIGITS[d] + SMALL_UNITS[p % 4];
      zeroPending = false;
    }
    if (p % 4 === 0 && p > 0) {
      const group = trimmed.slice(Math.max(0, i - 3), i + 1);
      const g = p / 4;
      if (/[1-9]/.test(group)) out += GROUP_UNITS[g];
      // 10^12 and up: "壹万亿" when the 亿 group under it is all zeros
      if (g === 3 && /[1-9]/.test(group) && !/[1-9]/.test(trimmed.slice(i + 1, i + 5))) out += '亿';
    }
  }
  return out;
}

/**
 * 大写金额 of a decimal string of yuan ("1234.56", "1000", "0.5", "-12.00"). Throws on anything
 * else, including more than two decimals: an amount that cannot be written exactly is not written.
 */
export function chineseAmount(yuan: string): string {
  const m = AMOUNT.exec(yuan.trim().replace(/,/g, ''));
  if (!m) throw new Error(`not an amount of yuan with at most two decimals: ${yuan}`);
  const [, minus, whole, frac = ''] = m;
  const jiao = Number(frac.padEnd(2, '0')[0]);
  const fen = Number(frac.padEnd(2, '0')[1]);
  const int = integerCapitals(whole);
  const sign = minus && (int || jiao || fen) ? '负' : '';
  if (!jiao && !fen) return `${sign}${int || '零'}元整`;
  let out = int ? `${int}元` : '';
  // 1680.32 → 壹仟陆佰捌拾元零叁角贰分: a zero in the yuan's units place before the 角 is written
  if (jiao) out += `${int && whole.endsWith('0') ? '零' : ''}${DIGITS[jiao]}角`;
  if (fen) out += `${int && !jiao ? '零' : ''}${DIGITS[fen]}分`;
  return sign + out;
}
