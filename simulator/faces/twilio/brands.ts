import type { BrandState, FaceRecord } from '../../../engine/world/index.js';
import type { EntityType } from '../../../engine/account-config.js';
import { providerCode } from '../provider-ids.js';
import {
  ORIGIN,
  bool,
  iso,
  pageV1,
  pathParam,
  required,
  str,
  type TwilioCall,
  type TwilioContext,
} from './context.js';
import { TwilioError, badParam, notFound } from './errors.js';
import { PREFIX, brandOfSid, brandSid } from './sids.js';
import { KIND, attributesOf } from './trusthub.js';

/**
 * `messaging.twilio.com/v1/a2p/BrandRegistrations`: a brand registered from a customer profile
 * and an A2P trust product. The bundles' end users give the brand's fields; the engine's
 * `register_brand` checks them (`brand-required-fields`) and reviews the brand on the virtual
 * clock (`brand-lifecycle`): PENDING, then APPROVED (verified) or FAILED (unverified). The brand
 * keeps the native id; its SID is derived from it, and a record under the SID keeps what only
 * Twilio has (the bundles, the brand type).
 */

const COMPANY_TYPES: Record<string, EntityType> = {
  private: 'PRIVATE_PROFIT',
  public: 'PUBLIC_PROFIT',
  'non-profit': 'NON_PROFIT',
  government: 'GOVERNMENT',
};

/** Twilio's brand status for the engine's. */
export function brandStatus(brand: BrandState): string {
  switch (brand.status) {
    case 'pending':
      return 'PENDING';
    case 'verified':
      return 'APPROVED';
    case 'unverified':
      return 'FAILED';
    case 'suspended':
      return 'SUSPENDED';
  }
}

function identityStatus(brand: BrandState): string {
  if (brand.status === 'pending') return 'SELF_DECLARED';
  if (brand.status === 'unverified') return 'UNVERIFIED';
  return brand.vetted ? 'VETTED_VERIFIED' : 'VERIFIED';
}

export function brandView(ctx: TwilioContext, call: TwilioCall, brand: BrandState): Record<string, unknown> {
  const sid = brandSid(brand.id);
  const record = ctx.account(call).records[sid];
  const data = record?.data ?? {};
  const url = `${ORIGIN.messaging}/v1/a2p/BrandRegistrations/${sid}`;
  const failed = brand.status === 'unverified';
  return {
    sid,
    account_sid: call.accountSid,
    customer_profile_bundle_sid: data.customer_profile_bundle_sid ?? null,
    a2p_profile_bundle_sid: data.a2p_profile_bundle_sid ?? null,
    date_created: iso(brand.createdAt),
    date_updated: iso(record?.updatedAt ?? brand.createdAt),
    brand_type: data.brand_type ?? (brand.entityType === 'SOLE_PROPRIETOR' ? 'SOLE_PROPRIETOR' : 'STANDARD'),
    status: brandStatus(brand),
    tcr_id: providerCode('B', brand.id),
    failure_reason: failed ? 'The registry could not verify the business identity (EIN)' : null,
    errors: failed ? [{ code: 30991, message: 'Brand identity could not be verified' }] : [],
    url,
    brand_score: brand.status === 'pending' ? null : brand.trustScore,
    brand_feedback: failed ? ['TAX_ID'] : null,
    identity_status: identityStatus(brand),
    russell_3000: false,
    government_entity: brand.entityType === 'GOVERNMENT',
    tax_exempt_status: null,
    skip_automatic_sec_vet: data.skip_automatic_sec_vet ?? false,
    mock: data.mock ?? false,
    links: {
      brand_vettings: `${url}/Vettings`,
      brand_registration_otps: `${url}/SmsOtp`,
    },
  };
}

/** The brand a `BN…` SID names, or Twilio's 404. */
export function brandOf(ctx: TwilioContext, call: TwilioCall, sid: string): BrandState {
  const account = ctx.account(call);
  const id = brandOfSid(account, sid);
  const brand = id === undefined ? undefined : account.brands[id];
  if (!brand) throw notFound(call.path);
  return brand;
}

export function mountBrands(ctx: TwilioContext): void {
  ctx.route('messaging', 'post', '/a2p/BrandRegistrations', (req, call) => {
    const profileSid = required(req, 'CustomerProfileBundleSid');
    const a2pSid = required(req, 'A2PProfileBundleSid');
    const records = ctx.account(call).records;
    if (records[profileSid]?.kind !== KIND.customerProfile)
      throw badParam('CustomerProfileBundleSid', `'${profileSid}' is not a customer profile of this account`);
    if (records[a2pSid]?.kind !== KIND.trustProduct)
      throw badParam('A2PProfileBundleSid', `'${a2pSid}' is not a trust product of this account`);
    const brandType = str(req, 'BrandType') ?? 'STANDARD';
    const business = attributesOf(ctx, call, profileSid, 'customer_profile_business_information');
    const a2p = attributesOf(ctx, call, a2pSid, 'us_a2p_messaging_profile_information');
    const soleProprietor =
      brandType === 'SOLE_PROPRIETOR' || /sole/iu.test(String(business.business_type ?? ''));
    const entityType: EntityType = soleProprietor
      ? 'SOLE_PROPRIETOR'
      : (COMPANY_TYPES[String(a2p.company_type ?? 'private').toLowerCase()] ?? 'PRIVATE_PROFIT');
    const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
    const fields = {
      name: text(business.business_name) ?? '',
      entityType,
      country: 'US',
      email: text(records[profileSid]?.data.email) ?? '',
      vertical: text(business.business_industry) ?? '',
      ein: text(business.business_registration_number),
      stockSymbol: text(a2p.stock_ticker),
      stockExchange: text(a2p.stock_exchange),
    };
    const brand = ctx.run<BrandState>(call, {
      action: 'register_brand',
      ...(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as typeof fields),
    });
    ctx.putRecord(call, brandSid(brand.id), 'brand-registration', {
      customer_profile_bundle_sid: profileSid,
      a2p_profile_bundle_sid: a2pSid,
      brand_type: brandType,
      mock: bool(req, 'Mock') ?? false,
      skip_automatic_sec_vet: bool(req, 'SkipAutomaticSecVet') ?? false,
    });
    return { status: 201, body: brandView(ctx, call, brandOf(ctx, call, brandSid(brand.id))) };
  });
  ctx.route('messaging', 'get', '/a2p/BrandRegistrations', (req, call) => {
    const brands = Object.values(ctx.account(call).brands).map((b) => brandView(ctx, call, b));
    return { status: 200, body: pageV1(req, 'messaging', '/v1/a2p/BrandRegistrations', 'data', brands) };
  });
  ctx.route('messaging', 'get', '/a2p/BrandRegistrations/{Sid}', (req, call) => ({
    status: 200,
    body: brandView(ctx, call, brandOf(ctx, call, pathParam(req, 'Sid'))),
  }));
}

export const VETTING_KIND = 'brand-vetting';

/** A vetting's status: the brand's secondary vetting in the engine (`pending` → `done`). */
function vettingView(ctx: TwilioContext, call: TwilioCall, v: FaceRecord): Record<string, unknown> {
  const brandSidValue = String(v.data.brand_sid);
  const brand = brandOf(ctx, call, brandSidValue);
  return {
    account_sid: call.accountSid,
    brand_sid: brandSidValue,
    brand_vetting_sid: v.id,
    date_updated: iso(v.updatedAt),
    date_created: iso(v.createdAt),
    vetting_id: v.data.vetting_id ?? null,
    vetting_class: 'STANDARD',
    vetting_status: brand.vetting === 'done' ? 'SUCCESS' : 'PENDING',
    vetting_provider: v.data.vetting_provider,
    url: `${ORIGIN.messaging}/v1/a2p/BrandRegistrations/${brandSidValue}/Vettings/${v.id}`,
  };
}

/** `…/BrandRegistrations/{BrandSid}/Vettings`: secondary vetting (Aegis), the engine's `request_vetting`. */
export function mountVettings(ctx: TwilioContext): void {
  const base = '/a2p/BrandRegistrations/{BrandSid}/Vettings';
  ctx.route('messaging', 'post', base, (req, call) => {
    const brand = brandOf(ctx, call, pathParam(req, 'BrandSid'));
    const provider = required(req, 'VettingProvider');
    if (provider !== 'aegis')
      throw new TwilioError(
        400,
        20001,
        `Invalid parameter VettingProvider: the simulator vets with 'aegis' (secondary vetting); '${provider}' is not supported`,
      );
    ctx.run(call, { action: 'request_vetting', brand: brand.id });
    const sid = ctx.newSid(call, PREFIX.vetting, VETTING_KIND);
    const v = ctx.putRecord(call, sid, VETTING_KIND, {
      brand_sid: brandSid(brand.id),
      vetting_provider: provider,
      vetting_id: str(req, 'VettingId') ?? null,
    });
    return { status: 201, body: vettingView(ctx, call, v) };
  });
  const ofBrand = (call: TwilioCall, brand: string): FaceRecord[] =>
    ctx.records(call, VETTING_KIND).filter((v) => v.data.brand_sid === brand);
  ctx.route('messaging', 'get', base, (req, call) => {
    const brand = brandSid(brandOf(ctx, call, pathParam(req, 'BrandSid')).id);
    const provider = str(req, 'VettingProvider');
    const items = ofBrand(call, brand)
      .filter((v) => provider === undefined || v.data.vetting_provider === provider)
      .map((v) => vettingView(ctx, call, v));
    return {
      status: 200,
      body: pageV1(req, 'messaging', `/v1/a2p/BrandRegistrations/${brand}/Vettings`, 'data', items, {
        VettingProvider: provider,
      }),
    };
  });
  ctx.route('messaging', 'get', `${base}/{BrandVettingSid}`, (req, call) => {
    const brand = brandSid(brandOf(ctx, call, pathParam(req, 'BrandSid')).id);
    const v = ofBrand(call, brand).find((r) => r.id === pathParam(req, 'BrandVettingSid'));
    if (!v) throw notFound(call.path);
    return { status: 200, body: vettingView(ctx, call, v) };
  });
}
