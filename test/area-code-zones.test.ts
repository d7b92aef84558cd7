import { describe, expect, it } from 'vitest';
import { zonesOf } from '../engine/phone.js';

// quiet-hours reads the recipient's time zone from the area code (libphonenumber's table).
describe('the time zones of area codes', () => {
  it.each([
    ['206', ['America/Los_Angeles']],
    ['212', ['America/New_York']],
    ['312', ['America/Chicago']],
    ['602', ['America/Phoenix']],
    ['808', ['Pacific/Honolulu']],
  ])('%s is in %j', (code, zones) => {
    expect(zonesOf(code)).toEqual(zones);
  });

  it('lists both zones of an area code that spans two', () => {
    expect(zonesOf('907')).toEqual(expect.arrayContaining(['America/Anchorage', 'America/Adak']));
  });

  it('knows nothing of an area code not in service', () => {
    expect(zonesOf('211')).toBeUndefined();
    expect(zonesOf('999')).toBeUndefined();
  });
});
