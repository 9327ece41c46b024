import {
  toFen, fromFen, normalizeYuan, addYuan, subYuan, compareYuan, shareOf, percentOf, ZYuan, ZPositiveYuan,
} from '../../domain/money';

describe('toFen / fromFen', () => {
  it('parses two-decimal yuan into fen as a bigint', () => {
    expect(toFen('1234.50')).toBe(123450n);
    expect(toFen('0.01')).toBe(1n);
    expect(toFen('0.00')).toBe(0n);
    expect(toFen('100.00')).toBe(10000n);
  });

  it('parses negative amounts', () => {
    expect(toFen('-0.05')).toBe(-5n);
    expect(toFen('-12.34')).toBe(-1234n);
  });

  it('formats fen as yuan with exactly two decimals', () => {
    expect(fromFen(123450n)).toBe('1234.50');
    expect(fromFen(1n)).toBe('0.01');
    expect(fromFen(0n)).toBe('0.00');
    expect(fromFen(10000n)).toBe('100.00');
  });

  it('formats negative fen with a leading minus, including amounts under one yuan', () => {
    expect(fromFen(-5n)).toBe('-0.05');
    expect(fromFen(-1234n)).toBe('-12.34');
    expect(fromFen(-100n)).toBe('-1.00');
  });

  it('round-trips every amount exactly', () => {
    for (const y of ['0.00', '0.01', '0.10', '0.99', '1.00', '1234.56', '-0.01', '-1234.56', '9999999999999999.99']) {
      expect(fromFen(toFen(y))).toBe(y);
    }
    for (const f of [0n, 1n, -1n, 99n, 100n, 101n, -101n, 123456789012345678n]) {
      expect(toFen(fromFen(f))).toBe(f);
    }
  });

  it('keeps amounts far beyond Number.MAX_SAFE_INTEGER exact', () => {
    expect(toFen('9999999999999999.99')).toBe(999999999999999999n);
    expect(fromFen(999999999999999999n)).toBe('9999999999999999.99');
  });

  it.each(['1.5', '1.555', '1', '01.00', '1,000.00', '', ' 1.00', '1.00 ', '+1.00', '1e3', 'abc', '.50'])(
    'refuses %j, which is not yuan with exactly two decimals',
    (bad) => {
      expect(() => toFen(bad)).toThrow(/not a yuan amount with two decimals/);
    },
  );
});

describe('normalizeYuan (decimals as the database returns them)', () => {
  it("pads '100.1' to '100.10' and '5' to '5.00'", () => {
    expect(normalizeYuan('100.1')).toBe('100.10');
    expect(normalizeYuan('5')).toBe('5.00');
  });

  it('keeps two-decimal input as it is and drops trailing zeros beyond two decimals', () => {
    expect(normalizeYuan('1234.56')).toBe('1234.56');
    expect(normalizeYuan('1.2300')).toBe('1.23');
    expect(normalizeYuan('0')).toBe('0.00');
    expect(normalizeYuan('0.000')).toBe('0.00');
  });

  it('handles negative decimals', () => {
    expect(normalizeYuan('-3.5')).toBe('-3.50');
    expect(normalizeYuan('-0.5')).toBe('-0.50');
    expect(normalizeYuan('-7')).toBe('-7.00');
  });

  it('accepts an object with toString (e.g. a Prisma Decimal)', () => {
    expect(normalizeYuan({ toString: () => '42.1' })).toBe('42.10');
  });

  it("refuses '1.234' rather than rounding it", () => {
    expect(() => normalizeYuan('1.234')).toThrow(/more than two decimals: 1\.234/);
    expect(() => normalizeYuan('1.2340')).toThrow(/more than two decimals/);
    expect(() => normalizeYuan('0.001')).toThrow(/more than two decimals/);
  });

  it.each(['abc', '', '1.', '.5', '1e5', '1,5', '--1'])('refuses %j, which is not a decimal', (bad) => {
    expect(() => normalizeYuan(bad)).toThrow(/not a decimal/);
  });
});

describe('exact arithmetic (no floats)', () => {
  it("adds 0.10 + 0.20 to exactly '0.30' (the float trap 0.1 + 0.2 = 0.30000000000000004)", () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the trap the string/bigint representation avoids
    expect(addYuan('0.10', '0.20')).toBe('0.30');
  });

  it('adds any number of amounts, including none and negatives', () => {
    expect(addYuan()).toBe('0.00');
    expect(addYuan('1.00')).toBe('1.00');
    expect(addYuan('1000.01', '2000.02', '3000.03')).toBe('6000.06');
    expect(addYuan('10.00', '-2.50')).toBe('7.50');
    expect(addYuan('0.01', '0.01', '0.01', '0.01', '0.01', '0.01', '0.01', '0.01', '0.01', '0.01')).toBe('0.10');
  });

  it('subtracts, going negative where the result is negative', () => {
    expect(subYuan('0.30', '0.10')).toBe('0.20');
    expect(subYuan('100.00', '0.01')).toBe('99.99');
    expect(subYuan('1.00', '1.50')).toBe('-0.50');
    expect(subYuan('5.00', '5.00')).toBe('0.00');
  });

  it('compares amounts by value, not as strings', () => {
    expect(compareYuan('9.00', '10.00')).toBe(-1);
    expect(compareYuan('10.00', '9.00')).toBe(1);
    expect(compareYuan('10.00', '10.00')).toBe(0);
    expect(compareYuan('-1.00', '0.00')).toBe(-1);
    expect(compareYuan('100.01', '100.00')).toBe(1);
  });

  it('refuses to compute with malformed amounts', () => {
    expect(() => addYuan('0.1', '0.2')).toThrow(/not a yuan amount/);
    expect(() => subYuan('1.00', '1')).toThrow(/not a yuan amount/);
    expect(() => compareYuan('1.000', '1.00')).toThrow(/not a yuan amount/);
  });
});

describe('shareOf (rounded down to the fen)', () => {
  it('computes an exact share', () => {
    expect(shareOf('100.00', 5n, 100n)).toBe('5.00');
    expect(shareOf('1000000.00', 5n, 100n)).toBe('50000.00');
  });

  it('rounds down, never up, so a cap is never more generous than the rule', () => {
    expect(shareOf('0.99', 5n, 100n)).toBe('0.04'); // 4.95 fen
    expect(shareOf('0.10', 1n, 3n)).toBe('0.03'); // 3.33 fen
    expect(shareOf('0.20', 1n, 3n)).toBe('0.06'); // 6.67 fen, not 0.07
    expect(shareOf('123456.79', 5n, 100n)).toBe('6172.83'); // 617283.95 fen
  });

  it('gives zero for a zero amount', () => {
    expect(shareOf('0.00', 5n, 100n)).toBe('0.00');
  });
});

describe('percentOf (two decimals, rounded down)', () => {
  it('gives a/b as a percentage', () => {
    expect(percentOf('1.00', '28.00')).toBe('3.57'); // 3.5714...
    expect(percentOf('5.00', '100.00')).toBe('5.00');
    expect(percentOf('100.00', '100.00')).toBe('100.00');
    expect(percentOf('0.00', '100.00')).toBe('0.00');
  });

  it('rounds down', () => {
    expect(percentOf('2.00', '3.00')).toBe('66.66'); // 66.666...
    expect(percentOf('1.00', '3.00')).toBe('33.33');
  });

  it("answers '0.00' instead of dividing by zero", () => {
    expect(percentOf('10.00', '0.00')).toBe('0.00');
  });

  it('can exceed 100%', () => {
    expect(percentOf('150.00', '100.00')).toBe('150.00');
  });
});

describe('ZYuan / ZPositiveYuan (zod schemas)', () => {
  const message = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message);

  it('accept strings of yuan with exactly two decimals', () => {
    expect(ZYuan.parse('1234.50')).toBe('1234.50');
    expect(ZYuan.parse('0.00')).toBe('0.00');
    expect(ZYuan.parse('99999999999999.99')).toBe('99999999999999.99');
    expect(ZPositiveYuan.parse('0.01')).toBe('0.01');
    expect(ZPositiveYuan.parse('1.50')).toBe('1.50');
  });

  it.each(['1.5', '1.555', '01.00', '-1.00', '1', '1.', '', 'abc', '1 000.00', '100000000000000.00'])(
    'ZYuan and ZPositiveYuan refuse %j with the two-decimals message',
    (bad) => {
      for (const schema of [ZYuan, ZPositiveYuan]) {
        const r = schema.safeParse(bad);
        expect(r.success).toBe(false);
        expect(message(r)).toEqual(['must be yuan with exactly two decimals, e.g. "1234.50"']);
      }
    },
  );

  it("ZYuan accepts '0.00' but ZPositiveYuan refuses it as not greater than zero", () => {
    expect(ZYuan.safeParse('0.00').success).toBe(true);
    const r = ZPositiveYuan.safeParse('0.00');
    expect(r.success).toBe(false);
    expect(message(r)).toEqual(['must be greater than 0.00']);
  });

  it.each([1.5, 100, 0, null, undefined, { amount: '1.00' }])('refuses %j, which is not a string', (bad) => {
    for (const schema of [ZYuan, ZPositiveYuan]) {
      const r = schema.safeParse(bad);
      expect(r.success).toBe(false);
      expect(message(r)).toEqual(['must be a string of yuan with exactly two decimals, e.g. "1234.50"']);
    }
  });
});
