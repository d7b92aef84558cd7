import { describe, expect, it } from 'vitest';
import { mentionsBrand } from '../../engine/text/brand-name.js';
import { countSegments, encodingOf } from '../../engine/text/segments.js';
import { findShaft } from '../../engine/text/shaft.js';
import { findLinkHosts, findShorteners, hasPhoneNumber } from '../../engine/text/urls.js';
import { findWords } from '../../engine/text/words.js';
import { seedProfile } from '../../simulator/files/profile-file.js';

const profile = seedProfile();

describe('message-segments: counting segments', () => {
  it.each([
    ['', 1, 'gsm7'],
    ['a'.repeat(160), 1, 'gsm7'],
    ['a'.repeat(161), 2, 'gsm7'],
    ['a'.repeat(306), 2, 'gsm7'],
    ['a'.repeat(307), 3, 'gsm7'],
    ['€'.repeat(80), 1, 'gsm7'],
    ['€'.repeat(81), 2, 'gsm7'],
    ['é'.repeat(160), 1, 'gsm7'],
    ['🏠' + 'a'.repeat(68), 1, 'ucs2'],
    ['🏠' + 'a'.repeat(69), 2, 'ucs2'],
    ['ж'.repeat(134), 2, 'ucs2'],
    ['ж'.repeat(135), 3, 'ucs2'],
  ])('%j is %i segment(s) of %s', (body, segments, encoding) => {
    expect(encodingOf(body)).toBe(encoding);
    expect(countSegments(body, profile)).toBe(segments);
  });

  it('reads the segment sizes from the profile', () => {
    const small = {
      ...profile,
      messages: {
        ...profile.messages,
        segments: { gsm7Single: 10, gsm7Part: 5, ucs2Single: 4, ucs2Part: 2 },
      },
    };
    expect(countSegments('a'.repeat(11), small)).toBe(3);
  });
});

describe('links, shorteners and phone numbers in text', () => {
  it.each([
    ['see https://Bit.ly/3xYz now', ['bit.ly']],
    ['see bit.ly/3xYz', ['bit.ly']],
    ['visit www.acme.example', ['www.acme.example']],
    ['Reply STOP.Thanks', []],
    ['acme.example/elm', ['acme.example']],
  ])('%j links to %j', (text, hosts) => {
    expect(findLinkHosts(text)).toEqual(hosts);
  });

  it('finds shorteners by host, not by substring', () => {
    expect(findShorteners('go to bit.ly/x', profile.registration.urlShorteners)).toEqual(['bit.ly']);
    expect(findShorteners('go to https://t.co/x', profile.registration.urlShorteners)).toEqual(['t.co']);
    expect(findShorteners('go to acme.example/t.company', profile.registration.urlShorteners)).toEqual([]);
  });

  it.each([
    ['call 206-555-0100', true],
    ['call (206) 555-0100', true],
    ['call +1 206.555.0100', true],
    ['open 1-3pm at 12 Elm St', false],
  ])('%j carries a phone number: %s', (text, expected) => {
    expect(hasPhoneNumber(text)).toBe(expected);
  });
});

describe('whole words', () => {
  it('matches words and phrases case-insensitively, never inside other words', () => {
    expect(findWords('Gun show Saturday', ['gun'])).toEqual(['gun']);
    expect(findWords('We have begun', ['gun'])).toEqual([]);
    expect(findWords('Get a PAYDAY LOAN', ['payday loan'])).toEqual(['payday loan']);
  });

  it('sorts SHAFT words into prohibited and age-gated', () => {
    expect(findShaft('Wine and cannabis night', profile)).toEqual({
      prohibited: ['cannabis'],
      ageGated: ['wine'],
    });
  });

  it('finds the brand with or without its legal suffix', () => {
    expect(mentionsBrand('ACME REALTY: hi', 'Acme Realty LLC', profile.registration.legalSuffixes)).toBe(
      true,
    );
    expect(mentionsBrand('Acme Realty LLC: hi', 'Acme Realty LLC', profile.registration.legalSuffixes)).toBe(
      true,
    );
    expect(mentionsBrand('Acme: hi', 'Acme Realty LLC', profile.registration.legalSuffixes)).toBe(false);
  });
});
