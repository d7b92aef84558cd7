import type { AccountState, CampaignState, NumberState } from '../../../../engine/world/index.js';
import { telnyxIds } from '../ids.js';
import { cspIdOf, iso, recordIds, str, type Records } from './common.js';

export type CampaignStatusT =
  'TCR_PENDING' | 'TCR_SUSPENDED' | 'TCR_EXPIRED' | 'TCR_ACCEPTED' | 'TCR_FAILED' | 'MNO_PROVISIONED';

/**
 * `campaignStatus` from the engine's status. An approved campaign is `TCR_ACCEPTED` while the
 * carriers provision it (the profile's longest propagation time after approval), then
 * `MNO_PROVISIONED`; numbers can be assigned from approval on, as the engine allows.
 */
export function campaignStatusOf(campaign: CampaignState, now: number, mnoMs: number): CampaignStatusT {
  switch (campaign.status) {
    case 'approved':
      return now >= (campaign.decidedAt ?? campaign.submittedAt) + mnoMs ? 'MNO_PROVISIONED' : 'TCR_ACCEPTED';
    case 'rejected':
      return 'TCR_FAILED';
    case 'suspended':
      return 'TCR_SUSPENDED';
    case 'expired':
      return 'TCR_EXPIRED';
    default:
      return 'TCR_PENDING';
  }
}

export interface CampaignView {
  campaignId: string;
  tcrCampaignId: string;
  brandId: string;
  tcrBrandId: string;
  cspId: string;
  mock: boolean;
  description: string;
  subUsecases: string[];
  termsAndConditions: boolean;
  usecase: string;
  campaignStatus: CampaignStatusT;
  status: 'ACTIVE' | 'EXPIRED';
  submissionStatus: 'CREATED';
  failureReasons?: string;
  createDate: string;
  brandDisplayName?: string;
  assignedPhoneNumbersCount: number;
  embeddedLink: boolean;
  embeddedPhone: boolean;
  ageGated: boolean;
  directLending: boolean;
  numberPool: boolean;
  autoRenewal: boolean;
  subscriberOptin: boolean;
  subscriberOptout: boolean;
  subscriberHelp: boolean;
  messageFlow?: string;
  helpMessage?: string;
  optoutMessage?: string;
  helpKeywords?: string;
  optoutKeywords?: string;
  sample1?: string;
  sample2?: string;
  sample3?: string;
  sample4?: string;
  sample5?: string;
  webhookURL?: string;
  webhookFailoverURL?: string;
  vertical?: string;
}

/** The reasons of a rejection in one text, each with its rule id and its registry code. */
export function failureReasons(campaign: CampaignState): string | undefined {
  if (campaign.reasons.length === 0) return undefined;
  return campaign.reasons
    .map((r) => `${r.message} (${r.rule}${r.errorCode === undefined ? '' : `, ${String(r.errorCode)}`})`)
    .join('; ');
}

export function campaignView(
  account: AccountState,
  campaign: CampaignState,
  records: Records,
  now: number,
  mnoMs: number,
): CampaignView {
  const brand = account.brands[campaign.brand];
  const data = records[recordIds.campaign(campaign.id)]?.data;
  const samples = campaign.sampleMessages ?? [];
  const sample: Record<string, string> = {};
  samples.slice(0, 5).forEach((s, i) => (sample[`sample${String(i + 1)}`] = s));
  const reasons = failureReasons(campaign);
  return {
    campaignId: telnyxIds.campaign(campaign.id),
    tcrCampaignId: telnyxIds.tcrCampaign(campaign.id),
    brandId: telnyxIds.brand(campaign.brand),
    tcrBrandId: telnyxIds.tcrBrand(campaign.brand),
    cspId: cspIdOf(account),
    mock: false,
    description: campaign.description ?? '',
    subUsecases: campaign.subUseCases ?? [],
    termsAndConditions: true,
    usecase: campaign.useCase,
    campaignStatus: campaignStatusOf(campaign, now, mnoMs),
    status: campaign.status === 'expired' ? 'EXPIRED' : 'ACTIVE',
    submissionStatus: 'CREATED',
    ...(reasons === undefined ? {} : { failureReasons: reasons }),
    createDate: iso(campaign.submittedAt),
    ...(brand ? { brandDisplayName: brand.name } : {}),
    ...(brand?.vertical === undefined ? {} : { vertical: brand.vertical }),
    assignedPhoneNumbersCount: Object.values(account.numbers).filter((n) => n.campaign === campaign.id)
      .length,
    embeddedLink: campaign.embeddedLinks ?? false,
    embeddedPhone: campaign.embeddedPhone ?? false,
    ageGated: campaign.ageGated ?? false,
    directLending: campaign.directLending ?? false,
    numberPool: false,
    autoRenewal: true,
    subscriberOptin: true,
    subscriberOptout: true,
    subscriberHelp: true,
    ...(campaign.messageFlow === undefined ? {} : { messageFlow: campaign.messageFlow }),
    ...(campaign.helpMessage === undefined ? {} : { helpMessage: campaign.helpMessage }),
    ...(campaign.optOutMessage === undefined ? {} : { optoutMessage: campaign.optOutMessage }),
    ...(campaign.helpKeywords === undefined ? {} : { helpKeywords: campaign.helpKeywords.join(',') }),
    ...(campaign.optOutKeywords === undefined ? {} : { optoutKeywords: campaign.optOutKeywords.join(',') }),
    ...sample,
    ...(str(data, 'webhookURL') === undefined ? {} : { webhookURL: str(data, 'webhookURL') }),
    ...(str(data, 'webhookFailoverURL') === undefined
      ? {}
      : { webhookFailoverURL: str(data, 'webhookFailoverURL') }),
  };
}

// ── assignments ─────────────────────────────────────────────────────────────────────────────

export type AssignmentStatusT = 'PENDING_ASSIGNMENT' | 'ASSIGNED' | 'FAILED_ASSIGNMENT';

export interface AssignmentView {
  phoneNumber: string;
  campaignId: string;
  tcrCampaignId: string;
  telnyxCampaignId: string;
  brandId: string;
  tcrBrandId: string;
  assignmentStatus: AssignmentStatusT;
  createdAt: string;
  updatedAt: string;
  failureReasons?: string;
}

/** A number's campaign as Telnyx's phone-number campaign: pending while it propagates, then assigned. */
export function assignmentView(
  account: AccountState,
  number: NumberState,
  records: Records,
): AssignmentView | undefined {
  const campaign = number.campaign === undefined ? undefined : account.campaigns[number.campaign];
  if (!campaign) return undefined;
  const record = records[recordIds.assignment(number.e164)];
  const approved = campaign.status === 'approved';
  return {
    phoneNumber: number.e164,
    campaignId: telnyxIds.campaign(campaign.id),
    telnyxCampaignId: telnyxIds.campaign(campaign.id),
    tcrCampaignId: telnyxIds.tcrCampaign(campaign.id),
    brandId: telnyxIds.brand(campaign.brand),
    tcrBrandId: telnyxIds.tcrBrand(campaign.brand),
    assignmentStatus: !approved
      ? 'FAILED_ASSIGNMENT'
      : number.assignment === 'effective'
        ? 'ASSIGNED'
        : 'PENDING_ASSIGNMENT',
    ...(approved
      ? {}
      : { failureReasons: `campaign is ${campaign.status} (assignment-needs-approved-campaign)` }),
    createdAt: iso(record?.createdAt ?? number.orderedAt),
    updatedAt: iso(record?.updatedAt ?? number.orderedAt),
  };
}
