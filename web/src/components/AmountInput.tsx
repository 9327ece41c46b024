import { useLayoutEffect, useRef } from 'react';
import { Input } from 'antd';
import type { InputRef } from 'antd';
import { chineseAmount } from '../../../domain/chinese-amount';
import { groupDigits, twoDecimals } from '../format';

/** 大写金额 of what is typed, or nothing while it is not (yet) an amount. */
export function capitalsOf(value: string | undefined): string {
  const v = (value ?? '').trim();
  if (!/^\d{1,16}(\.\d{1,2})?$/.test(v)) return '';
  return chineseAmount(v);
}

/** The amount in Chinese capitals under an amount (大写金额), as on a voucher. */
export function Capitals({ value, testId }: { value?: string; testId?: string }) {
  const text = capitalsOf(value);
  return text ? <div className="amount-capitals" data-testid={testId}>大写：{text}</div> : null;
}

/**
 * An amount of yuan typed with thousands separators shown as you type ("1,250,000.50"); the form
 * keeps the plain decimal ("1250000.50"), the API's format. Leaving the field writes two decimals.
 * The amount in Chinese capitals shows under it.
 */
export function AmountInput({ id, value, onChange, placeholder, testId, style }: {
  id?: string; value?: string; onChange?: (v: string) => void; placeholder?: string; testId?: string; style?: React.CSSProperties;
}) {
  const ref = useRef<InputRef>(null);
  // characters (other than separators) before the caret, so it stays put when separators move
  const caret = useRef<number | null>(null);
  const shown = groupDigits(value ?? '');
  useLayoutEffect(() => {
    const el = ref.current?.input;
    if (!el || caret.current === null || document.activeElement !== el) return;
    let seen = 0;
    let pos = 0;
    while (pos < shown.length && seen < caret.current) { if (shown[pos] !== ',') seen++; pos++; }
    el.setSelectionRange(pos, pos);
    caret.current = null;
  }, [shown]);
  return (
    <div style={style}>
      <Input ref={ref} id={id} inputMode="decimal" placeholder={placeholder} value={shown} data-testid={testId} className="amount-input"
        onChange={(e) => {
          const typed = e.target.value;
          caret.current = typed.slice(0, e.target.selectionStart ?? typed.length).replace(/,/g, '').length;
          onChange?.(typed.replace(/,/g, ''));
        }}
        onBlur={() => { const v = twoDecimals(value); if (v !== (value ?? '')) onChange?.(v); }} />
      <Capitals value={value} testId={id ? `capitals-${id}` : undefined} />
    </div>
  );
}
