import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../engine/phone.js';

describe('normalizePhone (recipient-us-10-digit)', () => {
  it.each([
    ['2065550100', '+12065550100'],
    ['206-555-0100', '+12065550100'],
    ['(206) 555-0100', '+12065550100'],
    ['206.555.0100', '+12065550100'],
    ['206 555 0100', '+12065550100'],
    ['+1 206 555 0100', '+12065550100'],
    ['1-206-555-0100', '+12065550100'],
    ['+12065550100', '+12065550100'],
  ])('normalises %s to %s', (input, e164) => {
    expect(normalizePhone(input)).toEqual({ ok: true, e164 });
  });

  it.each([
    ['', 'empty'],
    ['555-0100', '10 digits'],
    ['+44 20 7946 0958', 'not a US number'],
    ['106-555-0100', 'area code 106'],
    ['206-155-0100', 'exchange 155'],
    ['206-555-01OO', 'characters other than digits'],
    ['206+5550100', "'+' that is not at the start"],
    ['12345678901234', 'not a US number'],
  ])('refuses %j with a reason', (input, reason) => {
    const result = normalizePhone(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  it('refuses values that are not text', () => {
    expect(normalizePhone(null)).toMatchObject({ ok: false, reason: expect.stringContaining('null') });
    expect(normalizePhone(['+12065550100'])).toMatchObject({
      ok: false,
      reason: expect.stringContaining('list'),
    });
  });

  const digit = (from: number) => fc.integer({ min: from, max: 9 }).map(String);
  const usNumber = fc.tuple(
    digit(2),
    digit(0),
    digit(0),
    digit(2),
    fc.array(digit(0), { minLength: 6, maxLength: 6 }),
  );
  const separator = fc.constantFrom('', '-', ' ', '.');

  it('is idempotent, and every written form of one number gives one E.164', () => {
    fc.assert(
      fc.property(
        usNumber,
        separator,
        fc.constantFrom('', '+1', '1', '+1 '),
        fc.boolean(),
        ([a, b, c, d, rest], sep, prefix, parens) => {
          const area = `${a}${b}${c}`;
          const written = `${prefix}${parens ? `(${area})` : area}${sep}${d}${rest.slice(0, 2).join('')}${sep}${rest.slice(2).join('')}`;
          const once = normalizePhone(written);
          expect(once.ok).toBe(true);
          if (!once.ok) return;
          expect(once.e164).toBe(`+1${area}${d}${rest.join('')}`);
          expect(normalizePhone(once.e164)).toEqual(once);
        },
      ),
    );
  });
});
