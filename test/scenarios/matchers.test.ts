import { describe, expect, it } from 'vitest';
import { describe as say, fieldMismatch, isMatcher, matches } from '../../validator/scenario/matchers.js';

// The comparisons of expectations, as a table: value, expectation, whether it holds.

const cases: Array<[string, unknown, unknown, boolean]> = [
  ['a literal', 'verified', 'verified', true],
  ['a different literal', 'pending', 'verified', false],
  ['null for an absent field', undefined, null, true],
  ['an object field by field (a subset)', { a: 1, b: 2 }, { a: 1 }, true],
  ['a list element by element', [1, 2], [1, 2], true],
  ['a list of another length', [1, 2], [1], false],
  ['not', 'failed', { not: 'delivered' }, true],
  ['not, failing', 'delivered', { not: 'delivered' }, false],
  ['oneOf', 'queued', { oneOf: ['queued', 'sent'] }, true],
  ['oneOf, failing', 'failed', { oneOf: ['queued', 'sent'] }, false],
  ['min and max', 3, { min: 1, max: 3 }, true],
  ['max, failing', 4, { min: 1, max: 3 }, false],
  [
    'a time range on epoch milliseconds',
    Date.parse('2026-11-02T13:00:02Z'),
    { min: '2026-11-02T13:00:00Z', max: '2026-11-02T13:00:05Z' },
    true,
  ],
  ['a time range on ISO times', '2026-11-02T12:59:59.000Z', { min: '2026-11-02T13:00:00Z' }, false],
  [
    'a time literal against epoch milliseconds',
    Date.parse('2026-11-02T13:00:00Z'),
    '2026-11-02T13:00:00Z',
    true,
  ],
  ['a range on something that is no number', 'abc', { min: 1 }, false],
  ['contains in a text', 'open house Sat', { contains: 'house' }, true],
  ['contains in a list, by matcher', ['a', 'bc'], { contains: { matches: '^b' } }, true],
  ['contains, failing', ['a'], { contains: 'b' }, false],
  ['matches', 'msg-12', { matches: '^msg-\\d+$' }, true],
  ['matches on a number', 12, { matches: '12' }, false],
  ['count', [1, 2, 3], { count: { min: 2 } }, true],
  ['count on a non-list', 'abc', { count: 3 }, false],
  ['several keys, all must hold', 5, { min: 1, not: 5 }, false],
  ['not of a matcher', 'x', { not: { oneOf: ['a', 'b'] } }, true],
];

describe('matchers', () => {
  it.each(cases)('%s', (_name, actual, expected, holds) => {
    expect(matches(actual, expected)).toBe(holds);
  });

  it('tells a matcher from a literal object', () => {
    expect(isMatcher({ min: 1 })).toBe(true);
    expect(isMatcher({ min: 1, status: 'x' })).toBe(false);
    expect(isMatcher({})).toBe(false);
  });

  it('says what differs, by field path, times as ISO 8601', () => {
    expect(fieldMismatch({ status: 'pending' }, { status: 'verified' })).toBe(
      'status is "pending", expected "verified"',
    );
    expect(fieldMismatch({ data: { errorCode: 1 } }, { data: { errorCode: { oneOf: [2, 3] } } })).toBe(
      'data.errorCode is 1, expected one of [2, 3]',
    );
    expect(
      fieldMismatch(
        { sentAt: Date.parse('2026-11-02T17:00:00Z') },
        { sentAt: { max: '2026-11-02T16:00:00Z' } },
      ),
    ).toBe('sentAt is "2026-11-02T17:00:00.000Z", expected at most "2026-11-02T16:00:00Z"');
    expect(say({ min: 2, max: 5, not: 3 })).toBe('from 2 to 5 and not 3');
  });
});
