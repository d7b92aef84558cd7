import { describe, expect, it } from 'vitest';
import twilio from 'twilio';
import { twilioSignature, twimlMessages } from '../../simulator/faces/twilio/callbacks.js';

// The TwiML an integrator's webhook answers with, as twilio-node's MessagingResponse writes it and
// as people write it by hand; and the signature, as twilio-node checks it.
describe('a TwiML answer', () => {
  it('gives each <Message> of what twilio-node’s MessagingResponse writes', () => {
    const response = new twilio.twiml.MessagingResponse();
    response.message('Thanks & see you <soon>');
    const second = response.message({ to: '+12065550123', from: '+15035550111' }, '');
    second.body('Reply STOP to opt out');
    second.media('https://example.com/a.png');
    expect(twimlMessages(response.toString())).toEqual([
      { body: 'Thanks & see you <soon>' },
      { body: 'Reply STOP to opt out', to: '+12065550123', from: '+15035550111' },
    ]);
  });

  it('reads text, CDATA, comments and character references; sends nothing for none', () => {
    expect(
      twimlMessages(
        '<Response><!-- <Message>no</Message> --><Message> <![CDATA[a < b]]> </Message><Message>&#233;t&#xE9;</Message><Message/></Response>',
      ),
    ).toEqual([{ body: 'a < b' }, { body: 'été' }]);
    expect(twimlMessages('<Response/>')).toEqual([]);
    expect(twimlMessages('<Response></Response>')).toEqual([]);
    expect(twimlMessages('OK')).toEqual([]);
    expect(twimlMessages('{"message":"hi"}')).toEqual([]);
  });
});

describe('X-Twilio-Signature', () => {
  it('is what twilio.validateRequest accepts, and nothing else', () => {
    const url = 'https://example.com/sms?x=1';
    const params = { Body: 'Hi there', From: '+12065550123', To: '+15035550111', MessageSid: 'SM1' };
    const signature = twilioSignature('token', url, params);
    expect(twilio.validateRequest('token', signature, url, params)).toBe(true);
    expect(twilio.validateRequest('other', signature, url, params)).toBe(false);
    expect(twilio.validateRequest('token', signature, url, { ...params, Body: 'Hi' })).toBe(false);
    expect(twilio.getExpectedTwilioSignature('token', url, params)).toBe(signature);
  });
});
