import type { Request } from 'express';
import { durationMs } from '../../../engine/duration.js';
import type { FaceRecord } from '../../../engine/world/index.js';
import {
  ORIGIN,
  iso,
  pageV1,
  pathParam,
  required,
  str,
  type TwilioCall,
  type TwilioContext,
} from './context.js';
import { badParam, notFound } from './errors.js';
import { PREFIX } from './sids.js';

/**
 * TrustHub (trusthub.twilio.com/v1): the business behind the messages, as Twilio's A2P 10DLC
 * guide builds it. A customer profile (the Secondary Customer Profile) and a trust product (the
 * A2P messaging profile) are bundles; end users carry the business's attributes and are
 * assigned to bundles; an evaluation checks a bundle against what Twilio requires; a bundle
 * submitted (`Status=pending-review`) is reviewed on the virtual clock, with the minimum of the
 * latency profile's brand review, and ends `twilio-approved` or `twilio-rejected` with the
 * evaluation's reasons. All of it is the face's own records: the world has no such concepts;
 * the brand registration turns them into a brand.
 */

/** The policies of Twilio's documents for the two bundles of A2P 10DLC. */
export const POLICY = {
  customerProfile: 'RNdfbf3fae0e1107f8aded0e7cead80bf5',
  a2pProfile: 'RNb0d4771c2c98518d916a3d4cd70a8f8b',
} as const;

export const KIND = {
  customerProfile: 'customer-profile',
  trustProduct: 'trust-product',
  endUser: 'end-user',
  assignment: 'entity-assignment',
  evaluation: 'evaluation',
  document: 'supporting-document',
} as const;

type BundleKind = typeof KIND.customerProfile | typeof KIND.trustProduct;

const BUNDLES: Record<BundleKind, { path: string; sidField: string; policy: string }> = {
  'customer-profile': {
    path: '/CustomerProfiles',
    sidField: 'customer_profile_sid',
    policy: POLICY.customerProfile,
  },
  'trust-product': { path: '/TrustProducts', sidField: 'trust_product_sid', policy: POLICY.a2pProfile },
};

/** A requirement of a bundle's policy: a field of an assigned end user (or of the bundle). */
interface Requirement {
  endUserType?: string;
  /** A supporting document of this type, naming an address of the account (`address_sids`). */
  document?: string;
  attribute?: string;
  what: string;
  /** Only when the business is not a sole proprietor. */
  companyOnly?: boolean;
}

const REQUIREMENTS: Record<BundleKind, Requirement[]> = {
  'customer-profile': [
    { attribute: 'email', what: 'the profile email' },
    {
      endUserType: 'customer_profile_business_information',
      attribute: 'business_name',
      what: 'legal business name',
    },
    {
      endUserType: 'customer_profile_business_information',
      attribute: 'business_type',
      what: 'business type',
    },
    {
      endUserType: 'customer_profile_business_information',
      attribute: 'business_registration_number',
      what: 'business registration number (EIN)',
      companyOnly: true,
    },
    {
      endUserType: 'customer_profile_business_information',
      attribute: 'business_industry',
      what: 'industry',
    },
    { endUserType: 'customer_profile_business_information', attribute: 'website_url', what: 'website' },
    {
      endUserType: 'authorized_representative_1',
      attribute: 'last_name',
      what: 'an authorized representative',
    },
    {
      endUserType: 'authorized_representative_1',
      attribute: 'email',
      what: "the authorized representative's email",
    },
    { document: 'customer_profile_address', what: 'a business address' },
  ],
  'trust-product': [
    { attribute: 'email', what: 'the profile email' },
    { endUserType: 'us_a2p_messaging_profile_information', attribute: 'company_type', what: 'company type' },
  ],
};

/** The end users assigned to a bundle, by type. */
export function assignedEndUsers(
  ctx: TwilioContext,
  call: TwilioCall,
  bundle: string,
): Map<string, FaceRecord> {
  const users = new Map<string, FaceRecord>();
  const all = ctx.account(call).records;
  for (const a of ctx.records(call, KIND.assignment)) {
    if (a.data.bundle_sid !== bundle) continue;
    const user = all[String(a.data.object_sid)];
    if (user?.kind === KIND.endUser) users.set(String(user.data.type), user);
  }
  return users;
}

/** The attributes of a bundle's end users of a type. */
export function attributesOf(
  ctx: TwilioContext,
  call: TwilioCall,
  bundle: string,
  type: string,
): Record<string, unknown> {
  return (assignedEndUsers(ctx, call, bundle).get(type)?.data.attributes ?? {}) as Record<string, unknown>;
}

/** Whether a supporting document of the type, naming an existing address, is assigned to the bundle. */
function hasAddressDocument(ctx: TwilioContext, call: TwilioCall, bundle: string, type: string): boolean {
  const records = ctx.account(call).records;
  return ctx.records(call, KIND.assignment).some((a) => {
    if (a.data.bundle_sid !== bundle) return false;
    const doc = records[String(a.data.object_sid)];
    if (doc?.kind !== KIND.document || doc.data.type !== type) return false;
    const sids = (doc.data.attributes as Record<string, unknown> | undefined)?.address_sids;
    return [sids].flat().some((sid) => typeof sid === 'string' && records[sid]?.kind === 'address');
  });
}

/** What a bundle lacks of its policy's requirements: Twilio's evaluation `results`. */
function evaluate(ctx: TwilioContext, call: TwilioCall, bundle: FaceRecord): string[] {
  const users = assignedEndUsers(ctx, call, bundle.id);
  const business = (users.get('customer_profile_business_information')?.data.attributes ?? {}) as Record<
    string,
    unknown
  >;
  const soleProprietor = /sole/iu.test(String(business.business_type ?? ''));
  const missing: string[] = [];
  for (const req of REQUIREMENTS[bundle.kind as BundleKind]) {
    if (req.companyOnly && soleProprietor) continue;
    if (req.document !== undefined) {
      if (!hasAddressDocument(ctx, call, bundle.id, req.document)) missing.push(req.what);
      continue;
    }
    const value =
      req.endUserType === undefined
        ? bundle.data.email
        : (users.get(req.endUserType)?.data.attributes as Record<string, unknown> | undefined)?.[
            req.attribute ?? ''
          ];
    if (value === undefined || value === null || value === '') missing.push(req.what);
  }
  return missing;
}

/** The time a submitted bundle's review takes: the brand review's minimum in the latency profile. */
function reviewMs(ctx: TwilioContext): number {
  const sim = ctx.service.sim;
  return durationMs(sim.profile.latency[sim.latency].brandReview[0]);
}

/** A bundle's status now: a submitted one is reviewed once the review time has passed. */
export function bundleStatus(ctx: TwilioContext, bundle: FaceRecord): string {
  const status = String(bundle.data.status);
  const submitted = bundle.data.submitted_at as number | undefined;
  if (status !== 'pending-review' || submitted === undefined) return status;
  if (ctx.now() < submitted + reviewMs(ctx)) return status;
  return (bundle.data.missing as string[] | undefined)?.length ? 'twilio-rejected' : 'twilio-approved';
}

function bundleView(ctx: TwilioContext, call: TwilioCall, b: FaceRecord): Record<string, unknown> {
  const kind = b.kind as BundleKind;
  const url = `${ORIGIN.trusthub}/v1${BUNDLES[kind].path}/${b.id}`;
  const status = bundleStatus(ctx, b);
  const missing = (b.data.missing as string[] | undefined) ?? [];
  return {
    sid: b.id,
    account_sid: call.accountSid,
    policy_sid: b.data.policy_sid,
    friendly_name: b.data.friendly_name,
    status,
    valid_until: null,
    email: b.data.email ?? null,
    status_callback: b.data.status_callback ?? null,
    date_created: iso(b.createdAt),
    date_updated: iso(b.updatedAt),
    url,
    links: {
      [kind === KIND.customerProfile
        ? 'customer_profiles_entity_assignments'
        : 'trust_products_entity_assignments']: `${url}/EntityAssignments`,
      [kind === KIND.customerProfile ? 'customer_profiles_evaluations' : 'trust_products_evaluations']:
        `${url}/Evaluations`,
      [kind === KIND.customerProfile
        ? 'customer_profiles_channel_endpoint_assignment'
        : 'trust_products_channel_endpoint_assignment']: `${url}/ChannelEndpointAssignments`,
    },
    errors:
      status === 'twilio-rejected'
        ? missing.map((what) => ({ code: 22214, message: `The bundle lacks ${what}` }))
        : null,
  };
}

function endUserView(call: TwilioCall, u: FaceRecord): Record<string, unknown> {
  return {
    sid: u.id,
    account_sid: call.accountSid,
    friendly_name: u.data.friendly_name,
    type: u.data.type,
    attributes: u.data.attributes ?? {},
    date_created: iso(u.createdAt),
    date_updated: iso(u.updatedAt),
    url: `${ORIGIN.trusthub}/v1/EndUsers/${u.id}`,
  };
}

/** `Attributes` is a JSON object in a form field. */
function attributesParam(req: Request): Record<string, unknown> | undefined {
  const text = str(req, 'Attributes');
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw badParam('Attributes', 'it must be a JSON object');
}

function mountBundle(ctx: TwilioContext, kind: BundleKind): void {
  const { path, sidField, policy } = BUNDLES[kind];
  const prefix = kind === KIND.customerProfile ? PREFIX.customerProfile : PREFIX.trustProduct;
  const sidParam = kind === KIND.customerProfile ? 'CustomerProfileSid' : 'TrustProductSid';

  ctx.route('trusthub', 'post', path, (req, call) => {
    const policySid = required(req, 'PolicySid');
    if (policySid !== policy) throw badParam('PolicySid', `this bundle's policy is ${policy}`);
    const sid = ctx.newSid(call, prefix, kind);
    const record = ctx.putRecord(call, sid, kind, {
      friendly_name: required(req, 'FriendlyName'),
      email: required(req, 'Email'),
      policy_sid: policySid,
      status: 'draft',
      ...(str(req, 'StatusCallback') === undefined ? {} : { status_callback: str(req, 'StatusCallback') }),
    });
    return { status: 201, body: bundleView(ctx, call, record) };
  });
  ctx.route('trusthub', 'get', path, (req, call) => {
    const status = str(req, 'Status');
    const name = str(req, 'FriendlyName');
    const items = ctx
      .records(call, kind)
      .filter(
        (b) =>
          (status === undefined || bundleStatus(ctx, b) === status) &&
          (name === undefined || b.data.friendly_name === name),
      )
      .map((b) => bundleView(ctx, call, b));
    return {
      status: 200,
      body: pageV1(req, 'trusthub', `/v1${path}`, 'results', items, { Status: status, FriendlyName: name }),
    };
  });
  ctx.route('trusthub', 'get', `${path}/{Sid}`, (req, call) => ({
    status: 200,
    body: bundleView(ctx, call, ctx.record(call, kind, pathParam(req, 'Sid'))),
  }));
  ctx.route('trusthub', 'post', `${path}/{Sid}`, (req, call) => {
    const b = ctx.record(call, kind, pathParam(req, 'Sid'));
    const data: Record<string, unknown> = { ...b.data, status: bundleStatus(ctx, b) };
    for (const [param, field] of [
      ['FriendlyName', 'friendly_name'],
      ['Email', 'email'],
      ['StatusCallback', 'status_callback'],
    ] as const) {
      const v = str(req, param);
      if (v !== undefined) data[field] = v;
    }
    const status = str(req, 'Status');
    if (status !== undefined) {
      if (status !== 'draft' && status !== 'pending-review')
        throw badParam('Status', `'${status}' cannot be set; a bundle is submitted with pending-review`);
      if (status === 'pending-review' && data.status !== 'pending-review') {
        data.missing = evaluate(ctx, call, { ...b, data });
        data.submitted_at = ctx.now();
      }
      if (status === 'draft') {
        delete data.submitted_at;
        delete data.missing;
      }
      data.status = status;
    }
    return { status: 200, body: bundleView(ctx, call, ctx.putRecord(call, b.id, kind, data)) };
  });
  ctx.route('trusthub', 'delete', `${path}/{Sid}`, (req, call) => {
    const b = ctx.record(call, kind, pathParam(req, 'Sid'));
    ctx.run(call, { action: 'delete_record', id: b.id });
    return { status: 204 };
  });

  // Entity assignments: end users (and documents) in the bundle.
  const assignmentView = (call: TwilioCall, a: FaceRecord): Record<string, unknown> => ({
    sid: a.id,
    [sidField]: a.data.bundle_sid,
    account_sid: call.accountSid,
    object_sid: a.data.object_sid,
    date_created: iso(a.createdAt),
    url: `${ORIGIN.trusthub}/v1${path}/${String(a.data.bundle_sid)}/EntityAssignments/${a.id}`,
  });
  const assignments = `${path}/{${sidParam}}/EntityAssignments`;
  ctx.route('trusthub', 'post', assignments, (req, call) => {
    const bundle = ctx.record(call, kind, pathParam(req, sidParam));
    const objectSid = required(req, 'ObjectSid');
    const object = ctx.account(call).records[objectSid];
    if (!object || ![KIND.endUser, KIND.customerProfile, KIND.document].includes(object.kind as 'end-user'))
      throw badParam(
        'ObjectSid',
        `'${objectSid}' is not an end user, a supporting document or a customer profile of this account`,
      );
    const sid = ctx.newSid(call, PREFIX.entityAssignment, KIND.assignment);
    const a = ctx.putRecord(call, sid, KIND.assignment, { bundle_sid: bundle.id, object_sid: objectSid });
    return { status: 201, body: assignmentView(call, a) };
  });
  ctx.route('trusthub', 'get', assignments, (req, call) => {
    const bundle = ctx.record(call, kind, pathParam(req, sidParam));
    const items = ctx
      .records(call, KIND.assignment)
      .filter((a) => a.data.bundle_sid === bundle.id)
      .map((a) => assignmentView(call, a));
    return {
      status: 200,
      body: pageV1(req, 'trusthub', `/v1${path}/${bundle.id}/EntityAssignments`, 'results', items),
    };
  });
  const assignmentOf = (req: Request, call: TwilioCall): FaceRecord => {
    const bundle = ctx.record(call, kind, pathParam(req, sidParam));
    const a = ctx.record(call, KIND.assignment, pathParam(req, 'Sid'));
    if (a.data.bundle_sid !== bundle.id) throw notFound(call.path);
    return a;
  };
  ctx.route('trusthub', 'get', `${assignments}/{Sid}`, (req, call) => ({
    status: 200,
    body: assignmentView(call, assignmentOf(req, call)),
  }));
  ctx.route('trusthub', 'delete', `${assignments}/{Sid}`, (req, call) => {
    ctx.run(call, { action: 'delete_record', id: assignmentOf(req, call).id });
    return { status: 204 };
  });

  // Evaluations: the bundle checked against its policy, now.
  const evaluationView = (call: TwilioCall, e: FaceRecord): Record<string, unknown> => ({
    sid: e.id,
    account_sid: call.accountSid,
    policy_sid: e.data.policy_sid,
    [sidField]: e.data.bundle_sid,
    status: e.data.status,
    results: e.data.results,
    date_created: iso(e.createdAt),
    url: `${ORIGIN.trusthub}/v1${path}/${String(e.data.bundle_sid)}/Evaluations/${e.id}`,
  });
  const evaluations = `${path}/{${sidParam}}/Evaluations`;
  ctx.route('trusthub', 'post', evaluations, (req, call) => {
    const bundle = ctx.record(call, kind, pathParam(req, sidParam));
    const policySid = required(req, 'PolicySid');
    const missing = evaluate(ctx, call, bundle);
    const sid = ctx.newSid(call, PREFIX.evaluation, KIND.evaluation);
    const e = ctx.putRecord(call, sid, KIND.evaluation, {
      bundle_sid: bundle.id,
      policy_sid: policySid,
      status: missing.length === 0 ? 'compliant' : 'noncompliant',
      results: missing.map((what) => ({
        friendly_name: what,
        passed: false,
        failure_reason: `The bundle lacks ${what}`,
        error_code: 22214,
      })),
    });
    return { status: 201, body: evaluationView(call, e) };
  });
  ctx.route('trusthub', 'get', evaluations, (req, call) => {
    const bundle = ctx.record(call, kind, pathParam(req, sidParam));
    const items = ctx
      .records(call, KIND.evaluation)
      .filter((e) => e.data.bundle_sid === bundle.id)
      .map((e) => evaluationView(call, e));
    return {
      status: 200,
      body: pageV1(req, 'trusthub', `/v1${path}/${bundle.id}/Evaluations`, 'results', items),
    };
  });
  ctx.route('trusthub', 'get', `${evaluations}/{Sid}`, (req, call) => {
    const bundle = ctx.record(call, kind, pathParam(req, sidParam));
    const e = ctx.record(call, KIND.evaluation, pathParam(req, 'Sid'));
    if (e.data.bundle_sid !== bundle.id) throw notFound(call.path);
    return { status: 200, body: evaluationView(call, e) };
  });
}

function documentView(call: TwilioCall, d: FaceRecord): Record<string, unknown> {
  return {
    sid: d.id,
    account_sid: call.accountSid,
    friendly_name: d.data.friendly_name,
    mime_type: null,
    status: 'DRAFT',
    type: d.data.type,
    attributes: d.data.attributes ?? {},
    date_created: iso(d.createdAt),
    date_updated: iso(d.updatedAt),
    url: `${ORIGIN.trusthub}/v1/SupportingDocuments/${d.id}`,
  };
}

/** `SupportingDocuments`: the business address (`customer_profile_address`, `address_sids`) and other documents. */
function mountDocuments(ctx: TwilioContext): void {
  ctx.route('trusthub', 'post', '/SupportingDocuments', (req, call) => {
    const sid = ctx.newSid(call, PREFIX.supportingDocument, KIND.document);
    const d = ctx.putRecord(call, sid, KIND.document, {
      friendly_name: required(req, 'FriendlyName'),
      type: required(req, 'Type'),
      attributes: attributesParam(req) ?? {},
    });
    return { status: 201, body: documentView(call, d) };
  });
  ctx.route('trusthub', 'get', '/SupportingDocuments', (req, call) => ({
    status: 200,
    body: pageV1(
      req,
      'trusthub',
      '/v1/SupportingDocuments',
      'results',
      ctx.records(call, KIND.document).map((d) => documentView(call, d)),
    ),
  }));
  ctx.route('trusthub', 'get', '/SupportingDocuments/{Sid}', (req, call) => ({
    status: 200,
    body: documentView(call, ctx.record(call, KIND.document, pathParam(req, 'Sid'))),
  }));
  ctx.route('trusthub', 'post', '/SupportingDocuments/{Sid}', (req, call) => {
    const d = ctx.record(call, KIND.document, pathParam(req, 'Sid'));
    const data = { ...d.data };
    const name = str(req, 'FriendlyName');
    if (name !== undefined) data.friendly_name = name;
    const attributes = attributesParam(req);
    if (attributes !== undefined) data.attributes = attributes;
    return { status: 200, body: documentView(call, ctx.putRecord(call, d.id, KIND.document, data)) };
  });
  ctx.route('trusthub', 'delete', '/SupportingDocuments/{Sid}', (req, call) => {
    ctx.run(call, { action: 'delete_record', id: ctx.record(call, KIND.document, pathParam(req, 'Sid')).id });
    return { status: 204 };
  });
}

/** `trusthub.twilio.com/v1`: CustomerProfiles, TrustProducts, EndUsers, SupportingDocuments, their assignments and evaluations. */
export function mountTrustHub(ctx: TwilioContext): void {
  mountBundle(ctx, KIND.customerProfile);
  mountBundle(ctx, KIND.trustProduct);
  mountDocuments(ctx);

  ctx.route('trusthub', 'post', '/EndUsers', (req, call) => {
    const sid = ctx.newSid(call, PREFIX.endUser, KIND.endUser);
    const u = ctx.putRecord(call, sid, KIND.endUser, {
      friendly_name: required(req, 'FriendlyName'),
      type: required(req, 'Type'),
      attributes: attributesParam(req) ?? {},
    });
    return { status: 201, body: endUserView(call, u) };
  });
  ctx.route('trusthub', 'get', '/EndUsers', (req, call) => ({
    status: 200,
    body: pageV1(
      req,
      'trusthub',
      '/v1/EndUsers',
      'results',
      ctx.records(call, KIND.endUser).map((u) => endUserView(call, u)),
    ),
  }));
  ctx.route('trusthub', 'get', '/EndUsers/{Sid}', (req, call) => ({
    status: 200,
    body: endUserView(call, ctx.record(call, KIND.endUser, pathParam(req, 'Sid'))),
  }));
  ctx.route('trusthub', 'post', '/EndUsers/{Sid}', (req, call) => {
    const u = ctx.record(call, KIND.endUser, pathParam(req, 'Sid'));
    const data = { ...u.data };
    const name = str(req, 'FriendlyName');
    if (name !== undefined) data.friendly_name = name;
    const attributes = attributesParam(req);
    if (attributes !== undefined) data.attributes = attributes;
    return { status: 200, body: endUserView(call, ctx.putRecord(call, u.id, KIND.endUser, data)) };
  });
  ctx.route('trusthub', 'delete', '/EndUsers/{Sid}', (req, call) => {
    ctx.run(call, { action: 'delete_record', id: ctx.record(call, KIND.endUser, pathParam(req, 'Sid')).id });
    return { status: 204 };
  });
}
