import { tierFor, type CarrierProfile } from '../../engine/carrier-profile.js';
import { dayOf } from '../../engine/world/index.js';
import type { ScenarioTarget } from '../scenario/target.js';

interface Sent {
  from: string;
  sentAt: number;
  segments: number;
}

/**
 * What the fuzzer checks of throughput after each step, from the messages as the target shows
 * them: nothing sent faster than the tier's rate (or a one-to-one line's), and no day over its
 * cap, counted in segments. Keyword answers (the STOP confirmation, a HELP answer) go outside the
 * queue and are not counted.
 */
export async function throughputViolations(
  target: ScenarioTarget,
  profile: CarrierProfile,
  account: string,
): Promise<string[]> {
  const [messages, numbers, campaigns, brands] = await Promise.all(
    (['messages', 'numbers', 'campaigns', 'brands'] as const).map((of) =>
      target.query({ of }, undefined, account),
    ),
  );
  if (!messages?.ok || !numbers?.ok || !campaigns?.ok || !brands?.ok) return [];
  const numberOf = new Map(
    (numbers.result as Array<{ e164: string; kind: string; campaign?: string }>).map((n) => [n.e164, n]),
  );
  const campaignOf = new Map(
    (campaigns.result as Array<{ id: string; brand: string; useCase: string }>).map((c) => [c.id, c]),
  );
  const brandOf = new Map(
    (brands.result as Array<{ id: string; trustScore: number; vetted: boolean }>).map((b) => [b.id, b]),
  );
  const byKey = new Map<string, { mps: number; cap: number; sent: Sent[] }>();
  for (const m of messages.result as Array<Record<string, unknown>>) {
    if (m.direction !== 'outbound' || m.sentAt === undefined || m.answers !== undefined) continue;
    const number = numberOf.get(String(m.from));
    if (!number) continue;
    let key: string;
    let mps: number;
    let cap: number;
    if (number.kind === 'one-to-one') {
      key = `num:${number.e164}`;
      ({ mps, dailyCap: cap } = profile.throughput.oneToOne);
    } else {
      const campaign = number.campaign === undefined ? undefined : campaignOf.get(number.campaign);
      const brand = campaign && brandOf.get(campaign.brand);
      if (!campaign || !brand) continue;
      const tier = tierFor(profile, brand.trustScore, brand.vetted);
      key = `brand:${brand.id}`;
      mps = tier.mps;
      // A brand's campaigns may have different caps by use case: the largest bounds them all.
      cap = Math.max(tier.dailyCap, ...Object.values(profile.trust.useCaseDailyCaps));
    }
    const entry = byKey.get(key) ?? { mps, cap, sent: [] };
    entry.sent.push({
      from: number.e164,
      sentAt: typeof m.sentAt === 'string' ? Date.parse(m.sentAt) : Number(m.sentAt),
      segments: Number(m.segments ?? 1),
    });
    byKey.set(key, entry);
  }
  const out: string[] = [];
  for (const [key, { mps, cap, sent }] of byKey) {
    sent.sort((a, b) => a.sentAt - b.sentAt);
    const gap = Math.floor(1000 / mps) - 1;
    for (let i = 1; i < sent.length; i++)
      if (sent[i]!.sentAt - sent[i - 1]!.sentAt < gap) {
        out.push(
          `${key}: two messages sent ${String(sent[i]!.sentAt - sent[i - 1]!.sentAt)} ms apart, faster than ${String(mps)} a second`,
        );
        break;
      }
    const perDay = new Map<string, number>();
    for (const s of sent) {
      const day = dayOf(s.sentAt, profile.throughput.timeZone).key;
      perDay.set(day, (perDay.get(day) ?? 0) + s.segments);
    }
    for (const [day, segments] of perDay)
      if (segments > cap)
        out.push(`${key}: ${String(segments)} segments sent on ${day}, over the daily cap of ${String(cap)}`);
  }
  return out;
}
