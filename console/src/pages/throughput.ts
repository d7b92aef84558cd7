import { get } from '../api.js';
import { h, replace } from '../dom.js';
import { count, gauge, when } from '../format.js';
import type { Page } from '../page.js';
import type { Usage } from '../types.js';

interface Sample {
  at: number;
  segments: number;
  queued: number;
}

const KEEP = 60;
const SVG = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/**
 * Throughput: per brand, segments a second and messages queued against the tier's rate, as a
 * small live chart over virtual time. Each point is a read of `GET /v1/usage` (at most one a
 * second, when messages move, and every 2 s), the rate the segments sent between two reads.
 */
export async function throughputPage(page: Page): Promise<void> {
  const { main } = page;
  const cards = h('div', { class: 'charts' });
  main.append(
    page.heading('Throughput'),
    h(
      'p',
      null,
      'Segments a second sent by each brand, and messages waiting for their slot, against the tier’s rate (dashed), in virtual time.',
    ),
    cards,
  );
  const history = new Map<string, Sample[]>();
  const sample = async (): Promise<void> => {
    const [usage, health] = await Promise.all([get<Usage>('/v1/usage'), get<{ now: string }>('/healthz')]);
    if (!page.active) return;
    const at = Date.parse(health.now);
    replace(
      cards,
      usage.brands.length === 0 ? h('p', null, 'No brand yet.') : null,
      usage.brands.map((b) => {
        const samples = history.get(b.brand) ?? [];
        const last = samples.at(-1);
        if (!last || at > last.at || b.segmentsToday !== last.segments || b.queued !== last.queued)
          samples.push({ at, segments: b.segmentsToday, queued: b.queued });
        if (samples.length > KEEP) samples.splice(0, samples.length - KEEP);
        history.set(b.brand, samples);
        const rates = ratesOf(samples);
        const rate = rates.at(-1)?.rate ?? 0;
        return h(
          'section',
          { class: 'card chart-card', 'aria-labelledby': `tp-${b.brand}` },
          h(
            'h2',
            { id: `tp-${b.brand}` },
            h('a', { href: `#/brands/${b.brand}` }, b.brand),
            ` · ${b.tier} tier`,
          ),
          chart(rates, samples, b.mps, `${b.brand}: segments a second and queued messages over virtual time`),
          h(
            'p',
            { class: 'figures' },
            `${rate.toFixed(1)} segments/s of ${String(b.mps)} · ${count(b.queued)} queued · since ${samples[0] ? when(new Date(samples[0].at).toISOString()) : '—'}`,
          ),
          gauge('Segments today', b.segmentsToday, b.dailyCap),
        );
      }),
    );
  };
  const again = page.throttle(sample);
  page.live((e) => {
    if (e.type.startsWith('message.')) again();
  });
  page.every(2000, again);
  await sample();
}

function ratesOf(samples: Sample[]): Array<{ at: number; rate: number; queued: number }> {
  const out: Array<{ at: number; rate: number; queued: number }> = [];
  for (let i = 1; i < samples.length; i += 1) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    const seconds = (b.at - a.at) / 1000;
    const sent = b.segments - a.segments;
    out.push({ at: b.at, rate: seconds > 0 && sent > 0 ? sent / seconds : 0, queued: b.queued });
  }
  return out;
}

function chart(
  rates: Array<{ at: number; rate: number; queued: number }>,
  samples: Sample[],
  mps: number,
  label: string,
): SVGElement {
  const W = 480;
  const H = 140;
  const root = svg('svg', {
    viewBox: `0 0 ${String(W)} ${String(H)}`,
    role: 'img',
    'aria-label': label,
    class: 'chart',
  });
  const top = Math.max(mps * 1.25, ...rates.map((r) => r.rate), 1);
  const qTop = Math.max(1, ...samples.map((s) => s.queued));
  const t0 = samples[0]?.at ?? 0;
  const t1 = Math.max(samples.at(-1)?.at ?? 1, t0 + 1);
  const x = (at: number): number => 4 + ((at - t0) / (t1 - t0)) * (W - 8);
  const y = (v: number, max: number): number => H - 14 - (v / max) * (H - 24);
  root.append(svg('line', { x1: 0, x2: W, y1: y(mps, top), y2: y(mps, top), class: 'limit' }));
  const cap = svg('text', { x: 6, y: y(mps, top) - 4, class: 'limit-label' });
  cap.textContent = `tier rate ${String(mps)}/s`;
  root.append(cap);
  if (samples.length > 1)
    root.append(
      svg('polyline', {
        points: samples.map((s) => `${x(s.at).toFixed(1)},${y(s.queued, qTop).toFixed(1)}`).join(' '),
        class: 'queued',
      }),
    );
  if (rates.length > 0)
    root.append(
      svg('polyline', {
        points: [
          `${x(t0).toFixed(1)},${y(0, top).toFixed(1)}`,
          ...rates.map((r) => `${x(r.at).toFixed(1)},${y(r.rate, top).toFixed(1)}`),
        ].join(' '),
        class: 'rate',
      }),
    );
  const legend = svg('text', { x: W - 6, y: H - 2, class: 'legend', 'text-anchor': 'end' });
  legend.textContent = `solid: segments/s · thin: queued (max ${String(qTop)})`;
  root.append(legend);
  return root;
}
