#!/usr/bin/env node
// `npm run check:twilio -- <folder>` (or `node scripts/check-twilio-contract.mjs <folder>`): checks
// the Twilio face against Twilio's own OpenAPI documents in <folder> (twilio_api_v2010.json,
// twilio_messaging_v1.json, twilio_trusthub_v1.json). It starts the simulator (from dist/: build
// first), walks the whole registration journey through twilio-node, and checks every response
// against the schema of the matching path, method and status of the documents (OpenAPI 3.0,
// `nullable` included): every documented field present and of its type. A field the documents do
// not list (twilio-node's types know some the documents lack) is printed as a note.
// It also checks that every route the face serves exists in the documents. Prints each
// disagreement; exit 1 if any, 0 if none.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: check-twilio-contract.mjs <folder with Twilio OpenAPI documents>');
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const twilio = require('twilio');
const { startSimulator, twilioHttpClient } = await import(join(root, 'dist/index.js'));
const { twilioServedRoutes } = await import(join(root, 'dist/simulator/faces/twilio/index.js'));

// ── the documents ──────────────────────────────────────────────────────────────────────────
const HOSTS = {
  api: 'twilio_api_v2010.json',
  messaging: 'twilio_messaging_v1.json',
  trusthub: 'twilio_trusthub_v1.json',
};
const docs = {};
for (const [host, file] of Object.entries(HOSTS)) {
  const doc = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  const templates = Object.keys(doc.paths).map((path) => {
    const literal = path.replace(/\{\w+\}/gu, '');
    const source = path
      .split(/(\{\w+\})/u)
      .map((part) => (/^\{\w+\}$/u.test(part) ? '([^/]+?)' : part.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')))
      .join('');
    return { path, re: new RegExp(`^${source}$`, 'u'), weight: literal.length };
  });
  docs[host] = { doc, templates, schemas: openapiToJsonSchema(doc.components?.schemas ?? {}) };
}

/** OpenAPI 3.0's schemas as JSON Schema: `nullable` as a null type; every documented field required, no other. */
function openapiToJsonSchema(schemas) {
  const convert = (s) => {
    if (Array.isArray(s)) return s.map(convert);
    if (!s || typeof s !== 'object') return s;
    const out = {};
    for (const [k, v] of Object.entries(s)) {
      if (k === 'nullable' || k.startsWith('x-') || k === 'example' || k === 'description') continue;
      out[k] =
        k === 'properties'
          ? Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, convert(ps)]))
          : convert(v);
    }
    if (s.nullable) {
      if (out.$ref) return { anyOf: [{ $ref: out.$ref }, { type: 'null' }] };
      if (typeof out.type === 'string') out.type = [out.type, 'null'];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    }
    if (out.properties && !out.additionalProperties) {
      out.required = Object.keys(out.properties);
      out.additionalProperties = false;
    }
    return out;
  };
  return Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, convert(s)]));
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat(
  'date-time-rfc-2822',
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/u,
);
// Twilio writes `uri` fields of api.twilio.com as paths (`/2010-04-01/Accounts/…`): a URI reference.
ajv.addFormat('uri', ajv.formats['uri-reference']);
// A phone number as Twilio writes one: E.164, or a US number's friendly form `(425) 555-0123`.
ajv.addFormat('phone-number', /^(\+[1-9]\d{1,14}|\(\d{3}\) \d{3}-\d{4})$/u);
ajv.addFormat('http-method', /^(GET|POST|PUT|DELETE|HEAD|PATCH)$/u);
ajv.addFormat('iso-country-code', /^[A-Z]{2}$/u);
for (const loose of ['uri-map', 'phone-number-capabilities', 'currency', 'decimal', 'sid', 'uri-template'])
  ajv.addFormat(loose, () => true);
const validators = new Map();

function operationOf(host, method, path) {
  const match = docs[host].templates
    .filter((t) => t.re.test(path) && docs[host].doc.paths[t.path][method])
    .sort((a, b) => b.weight - a.weight)[0];
  return match && { path: match.path, op: docs[host].doc.paths[match.path][method] };
}

function validatorFor(host, path, method, status, schema) {
  const key = `${host} ${method} ${path} ${status}`;
  if (!validators.has(key)) {
    const converted = openapiToJsonSchema({ s: schema }).s;
    validators.set(key, ajv.compile({ ...converted, components: { schemas: docs[host].schemas } }));
  }
  return validators.get(key);
}

// ── the face, driven through twilio-node ──────────────────────────────────────────────────────
const problems = [];
const notes = new Set();
const exercised = new Set();
let checked = 0;

function record(opts, res) {
  const url = new URL(opts.uri);
  const host = url.hostname.split('.')[0];
  const method = String(opts.method).toLowerCase();
  if (!docs[host])
    return problems.push(`${method.toUpperCase()} ${opts.uri}: not one of Twilio's three hosts`);
  const found = operationOf(host, method, url.pathname);
  const where = `${method.toUpperCase()} ${host} ${url.pathname} → ${res.statusCode}`;
  if (!found) return problems.push(`${where}: no such path and method in ${HOSTS[host]}`);
  exercised.add(`${host} ${method} ${found.path}`);
  if (res.statusCode >= 400) return; // errors: Twilio's envelope, not in the documents
  const response = found.op.responses?.[String(res.statusCode)];
  if (!response) {
    const documented = Object.keys(found.op.responses ?? {}).join(', ');
    return problems.push(`${where}: status ${res.statusCode} is not documented (${documented})`);
  }
  const schema = response.content?.['application/json']?.schema;
  if (!schema) return;
  const body = typeof res.body === 'string' ? JSON.parse(res.body) : res.body;
  const validate = validatorFor(host, found.path, method, res.statusCode, schema);
  checked++;
  if (!validate(body))
    for (const e of validate.errors) {
      // A field the documents lack (twilio-node's types may know it): a note, not a disagreement.
      if (e.keyword === 'additionalProperties') {
        notes.add(
          `${method.toUpperCase()} ${host} ${found.path}: ${e.instancePath || '/'} has ${e.params.additionalProperty}, which the document does not list`,
        );
        continue;
      }
      problems.push(`${where}: ${e.instancePath || '/'} ${e.message}`);
    }
}

const sim = await startSimulator({ config: 'acme', latency: 'realistic', seed: 7 });
try {
  const { accountSid, authToken } = sim.providers.acme.twilio;
  const inner = twilioHttpClient(sim.url);
  const httpClient = Object.create(inner);
  httpClient.request = async (opts) => {
    const res = await inner.request(opts);
    record(opts, res);
    return res;
  };
  const client = twilio(accountSid, authToken, { httpClient });
  await journey(client, sim);
} catch (error) {
  problems.push(`the journey stopped: ${error.message}`);
} finally {
  await sim.stop();
}

// Every route the face serves is in the documents, and was checked.
const unexercised = [];
for (const route of twilioServedRoutes()) {
  if (!docs[route.host].doc.paths[route.path]?.[route.method])
    problems.push(
      `the face serves ${route.method.toUpperCase()} ${route.host} ${route.path}, which ${HOSTS[route.host]} does not have`,
    );
  else if (!exercised.has(`${route.host} ${route.method} ${route.path}`))
    unexercised.push(`${route.method.toUpperCase()} ${route.host} ${route.path}`);
}

for (const p of problems) console.log(`✗ ${p}`);
for (const u of unexercised) console.log(`· not exercised by the journey (not checked): ${u}`);
for (const n of notes) console.log(`· ${n}`);
console.log(
  `${checked} responses checked against Twilio's documents, ${twilioServedRoutes().length} routes served; ${problems.length} disagreement(s)`,
);
process.exit(problems.length > 0 ? 1 : 0);

/** Twilio's A2P 10DLC journey: every registration and number route, through the SDK. */
async function journey(client, sim) {
  const trusthub = client.trusthub.v1;
  const messaging = client.messaging.v1;
  const profile = await trusthub.customerProfiles.create({
    friendlyName: 'Contract Bakery',
    email: 'compliance@bakery.example.com',
    policySid: 'RNdfbf3fae0e1107f8aded0e7cead80bf5',
  });
  const info = await trusthub.endUsers.create({
    friendlyName: 'business info',
    type: 'customer_profile_business_information',
    attributes: {
      business_name: 'Contract Bakery LLC',
      business_type: 'Limited Liability Corporation',
      business_registration_number: '12-3456789',
      business_industry: 'RETAIL',
      website_url: 'https://bakery.example.com',
    },
  });
  const rep = await trusthub.endUsers.create({
    friendlyName: 'Ada Baker',
    type: 'authorized_representative_1',
    attributes: { first_name: 'Ada', last_name: 'Baker', email: 'ada@bakery.example.com' },
  });
  const spare = await trusthub.endUsers.create({
    friendlyName: 'spare',
    type: 'authorized_representative_2',
  });
  await trusthub.endUsers(spare.sid).update({ friendlyName: 'spare 2' });
  await trusthub.endUsers(spare.sid).fetch();
  await trusthub.endUsers.list();
  const address = await client.addresses.create({
    customerName: 'Contract Bakery LLC',
    street: '1 Main St',
    city: 'Seattle',
    region: 'WA',
    postalCode: '98101',
    isoCountry: 'US',
  });
  await client.addresses(address.sid).update({ friendlyName: 'head office' });
  await client.addresses(address.sid).fetch();
  await client.addresses.list();
  const document = await trusthub.supportingDocuments.create({
    friendlyName: 'address',
    type: 'customer_profile_address',
    attributes: { address_sids: address.sid },
  });
  await trusthub.supportingDocuments(document.sid).update({ friendlyName: 'proof of address' });
  await trusthub.supportingDocuments(document.sid).fetch();
  await trusthub.supportingDocuments.list();
  const cpa = trusthub.customerProfiles(profile.sid);
  for (const objectSid of [info.sid, rep.sid, document.sid])
    await cpa.customerProfilesEntityAssignments.create({ objectSid });
  const extra = await cpa.customerProfilesEntityAssignments.create({ objectSid: spare.sid });
  await cpa.customerProfilesEntityAssignments(extra.sid).fetch();
  await cpa.customerProfilesEntityAssignments(extra.sid).remove();
  await cpa.customerProfilesEntityAssignments.list();
  await trusthub.endUsers(spare.sid).remove();
  const ev = await cpa.customerProfilesEvaluations.create({
    policySid: 'RNdfbf3fae0e1107f8aded0e7cead80bf5',
  });
  await cpa.customerProfilesEvaluations(ev.sid).fetch();
  await cpa.customerProfilesEvaluations.list();
  await cpa.update({ status: 'pending-review' });
  await trusthub.customerProfiles.list();

  const product = await trusthub.trustProducts.create({
    friendlyName: 'Contract Bakery A2P',
    email: 'compliance@bakery.example.com',
    policySid: 'RNb0d4771c2c98518d916a3d4cd70a8f8b',
  });
  const a2p = await trusthub.endUsers.create({
    friendlyName: 'messaging profile',
    type: 'us_a2p_messaging_profile_information',
    attributes: { company_type: 'private' },
  });
  const tp = trusthub.trustProducts(product.sid);
  const a = await tp.trustProductsEntityAssignments.create({ objectSid: a2p.sid });
  await tp.trustProductsEntityAssignments.create({ objectSid: profile.sid });
  await tp.trustProductsEntityAssignments(a.sid).fetch();
  await tp.trustProductsEntityAssignments.list();
  const tev = await tp.trustProductsEvaluations.create({ policySid: 'RNb0d4771c2c98518d916a3d4cd70a8f8b' });
  await tp.trustProductsEvaluations(tev.sid).fetch();
  await tp.trustProductsEvaluations.list();
  await tp.update({ status: 'pending-review' });
  await trusthub.trustProducts.list();
  sim.clock.advance('1d');
  const reviewed = await cpa.fetch();
  if (reviewed.status !== 'twilio-approved') throw new Error(`the customer profile is ${reviewed.status}`);
  await tp.fetch();

  const brand = await messaging.brandRegistrations.create({
    customerProfileBundleSid: profile.sid,
    a2PProfileBundleSid: product.sid,
  });
  sim.clock.advance('3d');
  await messaging.brandRegistrations(brand.sid).fetch();
  await messaging.brandRegistrations.list();
  const vetting = await messaging
    .brandRegistrations(brand.sid)
    .brandVettings.create({ vettingProvider: 'aegis' });
  sim.clock.advance('3d');
  await messaging.brandRegistrations(brand.sid).brandVettings(vetting.brandVettingSid).fetch();
  await messaging.brandRegistrations(brand.sid).brandVettings.list();
  await messaging.usecases.fetch();

  const service = await messaging.services.create({
    friendlyName: 'Contract',
    statusCallback: 'https://example.com/s',
  });
  await messaging.services(service.sid).update({ inboundRequestUrl: 'https://example.com/in' });
  await messaging.services(service.sid).fetch();
  await messaging.services.list();
  await messaging.services(service.sid).usAppToPersonUsecases.fetch({ brandRegistrationSid: brand.sid });

  const available = await client.availablePhoneNumbers('US').local.list({ areaCode: 425, limit: 2 });
  const bought = await client.incomingPhoneNumbers.create({
    phoneNumber: available[0].phoneNumber,
    smsUrl: 'https://example.com/sms',
  });
  const other = await client.incomingPhoneNumbers.create({ areaCode: '425' });
  await client.incomingPhoneNumbers(bought.sid).update({ friendlyName: 'main' });
  await client.incomingPhoneNumbers(bought.sid).fetch();
  await client.incomingPhoneNumbers.list({ pageSize: 2 });
  const svcNumbers = messaging.services(service.sid).phoneNumbers;
  await svcNumbers.create({ phoneNumberSid: bought.sid });
  await svcNumbers.create({ phoneNumberSid: other.sid });
  await svcNumbers(other.sid).fetch();
  await svcNumbers(other.sid).remove();
  await svcNumbers.list();
  await client.incomingPhoneNumbers(other.sid).remove();

  const campaign = await messaging.services(service.sid).usAppToPerson.create({
    brandRegistrationSid: brand.sid,
    description: 'Order updates and pickup reminders for customers of Contract Bakery LLC who opted in.',
    messageFlow:
      'Customers opt in by ticking a box at online checkout on bakery.example.com, with terms shown.',
    messageSamples: [
      'Contract Bakery LLC: your order 1234 is ready for pickup today. Reply STOP to opt out.',
      'Contract Bakery LLC: your cake order is confirmed for Saturday. Reply STOP to opt out.',
    ],
    usAppToPersonUsecase: 'ACCOUNT_NOTIFICATION',
    hasEmbeddedLinks: false,
    hasEmbeddedPhone: false,
    optOutMessage: 'You are unsubscribed from Contract Bakery LLC texts. No more messages will be sent.',
    helpMessage: 'Contract Bakery LLC: for help call 206-555-0100 or visit bakery.example.com.',
  });
  sim.clock.advance('16d');
  await messaging.services(service.sid).usAppToPerson(campaign.sid).fetch();
  await messaging.services(service.sid).usAppToPerson.list();

  // Messages: sent through the service, fetched, listed, one scheduled and canceled.
  sim.clock.advance('10m');
  const sent = await client.messages.create({
    messagingServiceSid: service.sid,
    to: '+12065550177',
    body: 'Contract Bakery LLC: your order is ready. Reply STOP to opt out.',
  });
  sim.clock.advance('1m');
  await client.messages(sent.sid).fetch();
  await client.messages.list({ to: '+12065550177', limit: 5 });
  const later = await client.messages.create({
    messagingServiceSid: service.sid,
    to: '+12065550178',
    body: 'Contract Bakery LLC: see you tomorrow. Reply STOP to opt out.',
    scheduleType: 'fixed',
    sendAt: new Date(sim.clock.now().getTime() + 3_600_000),
  });
  await client.messages(later.sid).update({ status: 'canceled' });
  await messaging.services(service.sid).usAppToPerson(campaign.sid).remove();

  const scratch = await messaging.services.create({ friendlyName: 'scratch' });
  await messaging.services(scratch.sid).remove();
  const draft = await trusthub.customerProfiles.create({
    friendlyName: 'scratch',
    email: 'x@example.com',
    policySid: 'RNdfbf3fae0e1107f8aded0e7cead80bf5',
  });
  await trusthub.customerProfiles(draft.sid).remove();
  const draftProduct = await trusthub.trustProducts.create({
    friendlyName: 'scratch',
    email: 'x@example.com',
    policySid: 'RNb0d4771c2c98518d916a3d4cd70a8f8b',
  });
  await tp.trustProductsEntityAssignments(a.sid).remove();
  await trusthub.trustProducts(draftProduct.sid).remove();
  const spareAddress = await client.addresses.create({
    customerName: 'x',
    street: '2 Main St',
    city: 'Seattle',
    region: 'WA',
    postalCode: '98101',
    isoCountry: 'US',
  });
  await client.addresses(spareAddress.sid).remove();
  const spareDocument = await trusthub.supportingDocuments.create({
    friendlyName: 'x',
    type: 'business_registration',
  });
  await trusthub.supportingDocuments(spareDocument.sid).remove();
}
