import type { AccountState, BrandState } from '../../../../engine/world/index.js';
import { telnyxIds } from '../ids.js';
import { cspIdOf, iso, recordIds, str, type Records } from './common.js';

export type BrandStatusT = 'OK' | 'REGISTRATION_PENDING' | 'REGISTRATION_FAILED';
export type IdentityStatusT = 'VERIFIED' | 'UNVERIFIED' | 'SELF_DECLARED' | 'VETTED_VERIFIED';
type EntityTypeT = 'PRIVATE_PROFIT' | 'PUBLIC_PROFIT' | 'NON_PROFIT' | 'GOVERNMENT' | 'SOLE_PROPRIETOR';

/** The brand's face-only fields Telnyx takes and shows as given. */
export const BRAND_FACE_FIELDS = [
  'displayName',
  'companyName',
  'firstName',
  'lastName',
  'phone',
  'mobilePhone',
  'street',
  'city',
  'state',
  'postalCode',
  'website',
  'businessContactEmail',
  'ipAddress',
  'webhookURL',
  'webhookFailoverURL',
] as const;

export interface BrandView {
  brandId: string;
  tcrBrandId: string;
  brandRelationship: 'BASIC_ACCOUNT';
  country: string;
  displayName: string;
  email: string;
  entityType: EntityTypeT;
  vertical: string;
  status: BrandStatusT;
  identityStatus?: IdentityStatusT;
  failureReasons?: string;
  ein?: string;
  stockSymbol?: string;
  companyName?: string;
  cspId: string;
  mock: boolean;
  isReseller: boolean;
  createdAt: string;
  updatedAt: string;
  assignedCampaignsCount: number;
  /** The brand's trust score (0–100): tendlc's addition, which sets its throughput tier. */
  trustScore: number;
  [field: string]: unknown;
}

/** Brand `status` and `identityStatus` from the engine's brand status. */
export function brandStatuses(brand: BrandState): { status: BrandStatusT; identityStatus?: IdentityStatusT } {
  switch (brand.status) {
    case 'pending':
      return { status: 'REGISTRATION_PENDING' };
    case 'verified':
      return {
        status: 'OK',
        identityStatus: brand.vetted
          ? 'VETTED_VERIFIED'
          : brand.entityType === 'SOLE_PROPRIETOR'
            ? 'SELF_DECLARED'
            : 'VERIFIED',
      };
    case 'unverified':
      return { status: 'OK', identityStatus: 'UNVERIFIED' };
    case 'suspended':
      return { status: 'REGISTRATION_FAILED', identityStatus: 'UNVERIFIED' };
  }
}

export function brandView(account: AccountState, brand: BrandState, records: Records): BrandView {
  const record = records[recordIds.brand(brand.id)];
  const data = record?.data;
  const face: Record<string, unknown> = {};
  for (const key of BRAND_FACE_FIELDS) if (str(data, key) !== undefined) face[key] = str(data, key);
  const statuses = brandStatuses(brand);
  return {
    ...face,
    brandId: telnyxIds.brand(brand.id),
    tcrBrandId: telnyxIds.tcrBrand(brand.id),
    brandRelationship: 'BASIC_ACCOUNT',
    country: brand.country ?? 'US',
    displayName: str(data, 'displayName') ?? brand.name,
    email: brand.email ?? '',
    entityType: brand.entityType,
    vertical: brand.vertical ?? '',
    ...statuses,
    ...(brand.status === 'suspended' ? { failureReasons: 'the brand is suspended' } : {}),
    ...(brand.ein === undefined ? {} : { ein: brand.ein }),
    ...(brand.stockSymbol === undefined ? {} : { stockSymbol: brand.stockSymbol }),
    ...(brand.stockExchange === undefined ? {} : { stockExchange: brand.stockExchange }),
    cspId: cspIdOf(account),
    mock: false,
    isReseller: false,
    createdAt: iso(brand.createdAt),
    updatedAt: iso(record?.updatedAt ?? brand.createdAt),
    assignedCampaignsCount: Object.values(account.campaigns).filter((c) => c.brand === brand.id).length,
    trustScore: brand.trustScore,
  };
}

/** A brand in a list: the fields of Telnyx's list item. */
export function brandListItem(account: AccountState, brand: BrandState, records: Records) {
  const v = brandView(account, brand, records);
  return {
    brandId: v.brandId,
    tcrBrandId: v.tcrBrandId,
    displayName: v.displayName,
    companyName: typeof v.companyName === 'string' ? v.companyName : v.displayName,
    email: v.email,
    entityType: v.entityType,
    status: v.status,
    ...(v.identityStatus === undefined ? {} : { identityStatus: v.identityStatus }),
    ...(v.failureReasons === undefined ? {} : { failureReasons: v.failureReasons }),
    ...(typeof v.website === 'string' ? { website: v.website } : {}),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
    assignedCampaingsCount: v.assignedCampaignsCount,
  };
}

/** A brand's external vetting, as Telnyx's externalVetting answers it. */
export function vettingView(account: AccountState, brand: string) {
  const record = account.records[recordIds.vetting(brand)];
  const state = account.brands[brand];
  const done = state?.vetting === 'done';
  return {
    evpId: String(record?.data.evpId ?? 'AEGIS'),
    vettingClass: String(record?.data.vettingClass ?? 'STANDARD'),
    vettingId: telnyxIds.vetting(brand),
    createDate: new Date(record?.createdAt ?? 0).toISOString(),
    ...(done && state
      ? { vettedDate: new Date(record?.updatedAt ?? 0).toISOString(), vettingScore: state.trustScore }
      : {}),
  };
}
