import type { Request } from 'express';
import type { FaceRecord } from '../../../engine/world/index.js';
import {
  page2010,
  pathParam,
  required,
  rfc2822,
  str,
  type TwilioCall,
  type TwilioContext,
} from './context.js';
import { badParam } from './errors.js';
import { PREFIX } from './sids.js';

/**
 * api.twilio.com's `Addresses`: the business address a TrustHub customer profile needs (through a
 * supporting document of type `customer_profile_address` naming it in `address_sids`). Face
 * records under the `AD…` SID; the simulator does not validate or verify an address.
 */
export const ADDRESS_KIND = 'address';

const FIELDS: Array<[param: string, field: string]> = [
  ['CustomerName', 'customer_name'],
  ['Street', 'street'],
  ['StreetSecondary', 'street_secondary'],
  ['City', 'city'],
  ['Region', 'region'],
  ['PostalCode', 'postal_code'],
  ['FriendlyName', 'friendly_name'],
];

function fieldsOf(req: Request, base: Record<string, unknown>): Record<string, unknown> {
  const data = { ...base };
  for (const [param, field] of FIELDS) {
    const v = str(req, param);
    if (v !== undefined) data[field] = v;
  }
  const emergency = str(req, 'EmergencyEnabled');
  if (emergency !== undefined) data.emergency_enabled = /^true$/iu.test(emergency);
  return data;
}

function addressView(call: TwilioCall, a: FaceRecord): Record<string, unknown> {
  const d = a.data;
  return {
    account_sid: call.accountSid,
    city: d.city ?? null,
    customer_name: d.customer_name ?? null,
    date_created: rfc2822(a.createdAt),
    date_updated: rfc2822(a.updatedAt),
    friendly_name: d.friendly_name ?? null,
    iso_country: d.iso_country ?? null,
    postal_code: d.postal_code ?? null,
    region: d.region ?? null,
    sid: a.id,
    street: d.street ?? null,
    uri: `/2010-04-01/Accounts/${call.accountSid}/Addresses/${a.id}.json`,
    emergency_enabled: d.emergency_enabled ?? false,
    validated: false,
    verified: false,
    street_secondary: d.street_secondary ?? null,
  };
}

export function mountAddresses(ctx: TwilioContext): void {
  ctx.route('api', 'post', '/Addresses.json', (req, call) => {
    for (const param of ['CustomerName', 'Street', 'City', 'Region', 'PostalCode']) required(req, param);
    const country = required(req, 'IsoCountry');
    if (!/^[A-Z]{2}$/u.test(country)) throw badParam('IsoCountry', `'${country}' is not an ISO country code`);
    const sid = ctx.newSid(call, PREFIX.address, ADDRESS_KIND);
    const a = ctx.putRecord(call, sid, ADDRESS_KIND, { ...fieldsOf(req, {}), iso_country: country });
    return { status: 201, body: addressView(call, a) };
  });
  ctx.route('api', 'get', '/Addresses.json', (req, call) => {
    const filters = {
      CustomerName: str(req, 'CustomerName'),
      FriendlyName: str(req, 'FriendlyName'),
      IsoCountry: str(req, 'IsoCountry'),
    };
    const items = ctx
      .records(call, ADDRESS_KIND)
      .filter(
        (a) =>
          (filters.CustomerName === undefined || a.data.customer_name === filters.CustomerName) &&
          (filters.FriendlyName === undefined || a.data.friendly_name === filters.FriendlyName) &&
          (filters.IsoCountry === undefined || a.data.iso_country === filters.IsoCountry),
      )
      .map((a) => addressView(call, a));
    const base = `/2010-04-01/Accounts/${call.accountSid}/Addresses.json`;
    return { status: 200, body: page2010(req, base, 'addresses', items, filters) };
  });
  ctx.route('api', 'get', '/Addresses/{Sid}.json', (req, call) => ({
    status: 200,
    body: addressView(call, ctx.record(call, ADDRESS_KIND, pathParam(req, 'Sid'))),
  }));
  ctx.route('api', 'post', '/Addresses/{Sid}.json', (req, call) => {
    const a = ctx.record(call, ADDRESS_KIND, pathParam(req, 'Sid'));
    return {
      status: 200,
      body: addressView(call, ctx.putRecord(call, a.id, ADDRESS_KIND, fieldsOf(req, a.data))),
    };
  });
  ctx.route('api', 'delete', '/Addresses/{Sid}.json', (req, call) => {
    ctx.run(call, { action: 'delete_record', id: ctx.record(call, ADDRESS_KIND, pathParam(req, 'Sid')).id });
    return { status: 204 };
  });
}
