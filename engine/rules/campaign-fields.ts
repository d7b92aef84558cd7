import type { Brand, Campaign } from '../account-config.js';
import type { CarrierProfile, Range } from '../carrier-profile.js';

/** One problem of a campaign registration: the field concerned (a JSON Pointer below the campaign) and why. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

type TextField = 'description' | 'messageFlow' | 'helpMessage' | 'optOutMessage';
const TEXT_FIELDS: readonly TextField[] = ['description', 'messageFlow', 'helpMessage', 'optOutMessage'];

/** What `campaign-required-fields` finds wrong with a submitted campaign's fields and their lengths. */
export function campaignFieldProblems(campaign: Partial<Campaign>, profile: CarrierProfile): FieldProblem[] {
  const lengths = profile.registration.fieldLengths;
  const problems: FieldProblem[] = [];
  for (const field of TEXT_FIELDS) {
    const problem = lengthProblem(field, campaign[field], lengths[field]);
    if (problem) problems.push(problem);
  }
  const samples = campaign.sampleMessages;
  const count = lengths.sampleMessages;
  if (!samples || samples.length === 0)
    problems.push({ field: '/sampleMessages', message: 'sampleMessages is missing' });
  else if (samples.length < count.min || samples.length > count.max)
    problems.push({
      field: '/sampleMessages',
      message: `sampleMessages has ${String(samples.length)} messages; ${rangeText(count)} are required`,
    });
  (samples ?? []).forEach((sample, j) => {
    const problem = lengthProblem(`sampleMessages/${String(j)}`, sample, lengths.sampleMessage);
    if (problem) problems.push(problem);
  });
  return problems;
}

function lengthProblem(field: string, value: string | undefined, range: Range): FieldProblem | undefined {
  if (value === undefined || value.trim() === '')
    return { field: `/${field}`, message: `${field} is missing` };
  if (value.length >= range.min && value.length <= range.max) return undefined;
  return {
    field: `/${field}`,
    message: `${field} is ${String(value.length)} characters; ${rangeText(range)} are required`,
  };
}

function rangeText(range: Range): string {
  return `${String(range.min)}–${String(range.max)}`;
}

const SUB_USE_CASE_HOSTS = new Set(['MIXED', 'LOW_VOLUME']);

/** What `campaign-use-case` finds wrong with a use case and its sub-use-cases (21720). */
export function useCaseProblems(
  campaign: Pick<Campaign, 'useCase' | 'subUseCases'>,
  profile: CarrierProfile,
): FieldProblem[] {
  const { standardUseCases, specialUseCases, subUseCaseCount } = profile.registration;
  // No use case at all is the schema's to say (a required key): one finding, not two.
  if (typeof campaign.useCase !== 'string') return [];
  if (!standardUseCases.includes(campaign.useCase) && !specialUseCases.includes(campaign.useCase))
    return [
      {
        field: '/useCase',
        message: `useCase '${campaign.useCase}' is not a use case of the registry (21720)`,
      },
    ];
  if (!SUB_USE_CASE_HOSTS.has(campaign.useCase)) return [];
  const subs = campaign.subUseCases ?? [];
  const problems: FieldProblem[] = [];
  if (subs.length < subUseCaseCount.min || subs.length > subUseCaseCount.max)
    problems.push({
      field: '/subUseCases',
      message: `${campaign.useCase} names ${String(subs.length)} sub-use-cases; ${rangeText(subUseCaseCount)} are required`,
    });
  subs.forEach((sub, j) => {
    if (!standardUseCases.includes(sub) || SUB_USE_CASE_HOSTS.has(sub))
      problems.push({
        field: `/subUseCases/${String(j)}`,
        message: `'${sub}' is not a standard sub-use-case`,
      });
  });
  return problems;
}

/** What `campaign-special-eligibility` finds wrong with a special use case for this brand. */
export function eligibilityProblems(
  campaign: Pick<Campaign, 'useCase' | 'campaignVerifyToken'>,
  brand: Pick<Brand, 'entityType' | 'nonprofitType'>,
  profile: CarrierProfile,
): FieldProblem[] {
  const { charityNonprofitTypes, politicalExemptNonprofitTypes } = profile.registration;
  const nonprofit = brand.entityType === 'NON_PROFIT' ? brand.nonprofitType : undefined;
  switch (campaign.useCase) {
    case 'SOLE_PROPRIETOR':
      return brand.entityType === 'SOLE_PROPRIETOR'
        ? []
        : [
            {
              field: '/useCase',
              message: `SOLE_PROPRIETOR is only for sole-proprietor brands, not ${brand.entityType}`,
            },
          ];
    case 'CHARITY':
      return nonprofit !== undefined && charityNonprofitTypes.includes(nonprofit)
        ? []
        : [
            {
              field: '/useCase',
              message: `CHARITY needs a ${charityNonprofitTypes.join(' or ')} non-profit brand`,
            },
          ];
    case 'POLITICAL':
      if (
        campaign.campaignVerifyToken ||
        (nonprofit !== undefined && politicalExemptNonprofitTypes.includes(nonprofit))
      )
        return [];
      return [
        { field: '/useCase', message: 'POLITICAL needs a Campaign Verify token (campaignVerifyToken)' },
      ];
    default:
      return [];
  }
}
