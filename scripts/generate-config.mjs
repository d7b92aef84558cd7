#!/usr/bin/env node
// Generates a large, seeded account config for benchmarks (P1 of the quality spec).
// Usage: node scripts/generate-config.mjs [--scale 1] [--seed 42] [--out FILE]
// At scale 1: 5,000 numbers, 300 campaigns, 60 brands, 50 subgroups, 400 users, 1,000 outreach;
// every count multiplies by the scale (rounded, at least 1). The output is plain YAML (no anchors,
// so the linter's fast path reads it), valid against schemas/account.schema.json, and lints clean
// with the seed carrier profile at scale 1 (`tendlc lint FILE --now 2026-11-20`).
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const BASE = { numbers: 5000, campaigns: 300, brands: 60, subgroups: 50, users: 400, outreach: 1000 };

/** mulberry32: a small seeded PRNG returning floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// US area codes that are ordinary in the seed profile: not scarce, not excluded (603), not
// non-US, not empty (555).
const AREA_CODES = [
  '201',
  '205',
  '208',
  '209',
  '210',
  '213',
  '214',
  '215',
  '216',
  '217',
  '218',
  '219',
  '224',
  '225',
  '231',
  '234',
  '239',
  '240',
  '248',
  '251',
  '252',
  '253',
  '254',
  '256',
  '260',
  '262',
  '267',
  '269',
  '270',
  '276',
  '281',
  '301',
  '302',
  '303',
  '304',
  '305',
  '307',
  '308',
  '309',
  '310',
  '312',
  '313',
  '314',
  '315',
  '316',
  '317',
  '318',
  '319',
  '320',
  '321',
  '323',
  '325',
  '330',
  '331',
  '334',
  '336',
  '337',
  '339',
  '347',
  '351',
  '352',
  '360',
  '361',
  '385',
  '386',
  '401',
  '402',
  '404',
  '405',
  '407',
  '408',
  '409',
  '410',
  '412',
  '413',
  '414',
  '415',
  '417',
  '419',
  '423',
  '424',
  '425',
  '430',
  '432',
  '434',
  '435',
  '440',
  '442',
  '443',
  '458',
  '469',
  '470',
  '475',
  '478',
  '479',
  '480',
  '484',
  '501',
  '502',
  '503',
  '504',
  '505',
  '507',
  '508',
  '509',
  '510',
  '512',
  '513',
  '515',
  '516',
  '517',
  '518',
  '520',
  '530',
  '531',
  '534',
  '539',
  '540',
  '541',
  '551',
  '559',
  '561',
  '562',
  '563',
  '567',
  '570',
  '571',
  '573',
  '574',
  '575',
  '580',
  '585',
  '586',
  '601',
  '602',
  '605',
  '606',
  '607',
  '608',
  '609',
  '610',
  '612',
  '614',
  '615',
  '616',
  '617',
  '618',
  '619',
  '620',
  '623',
  '626',
  '628',
  '629',
  '630',
  '631',
  '636',
  '641',
  '651',
  '657',
  '660',
  '661',
  '662',
  '667',
  '669',
  '678',
  '681',
  '682',
  '701',
  '702',
  '703',
  '704',
  '706',
  '707',
  '708',
  '712',
  '713',
  '714',
  '715',
  '716',
  '717',
  '718',
  '719',
  '720',
  '724',
  '725',
  '727',
  '731',
  '732',
  '734',
  '737',
  '740',
  '747',
  '754',
  '757',
  '760',
  '762',
  '763',
  '765',
  '769',
  '770',
  '772',
  '773',
  '774',
  '775',
  '779',
  '781',
  '785',
  '786',
  '801',
  '802',
  '803',
  '804',
  '805',
  '806',
  '808',
  '810',
  '812',
  '813',
  '814',
  '815',
  '816',
  '817',
  '818',
  '828',
  '830',
  '831',
  '832',
  '843',
  '845',
  '847',
  '848',
  '850',
  '856',
  '857',
  '858',
  '859',
  '860',
  '862',
  '863',
  '864',
  '865',
  '870',
  '872',
  '878',
  '901',
  '903',
  '904',
  '908',
  '909',
  '910',
  '912',
  '913',
  '914',
  '915',
  '916',
  '918',
  '919',
  '920',
  '925',
  '928',
  '929',
  '931',
  '936',
  '937',
  '938',
  '940',
  '941',
  '947',
  '949',
  '951',
  '952',
  '954',
  '956',
  '970',
  '971',
  '972',
  '973',
  '978',
  '979',
  '980',
  '984',
  '985',
  '989',
];

const ADJECTIVES = [
  'Cedar',
  'Harbor',
  'Summit',
  'Maple',
  'Golden',
  'Silver',
  'Granite',
  'Willow',
  'Meadow',
  'Beacon',
  'Coastal',
  'Prairie',
  'Lakeside',
  'Evergreen',
  'Redwood',
  'Sunrise',
  'Northstar',
  'Bluebird',
  'Oakridge',
  'Riverbend',
];
const NOUNS = [
  ['Realty', 'REAL_ESTATE', 'showing', 'open house'],
  ['Dental', 'HEALTHCARE', 'cleaning', 'checkup'],
  ['Fitness', 'RETAIL', 'class', 'training session'],
  ['Bakery', 'RETAIL', 'order', 'tasting'],
  ['Auto Care', 'AUTOMOTIVE', 'service', 'oil change'],
  ['Insurance', 'INSURANCE', 'policy review', 'renewal'],
  ['Clinic', 'HEALTHCARE', 'appointment', 'visit'],
  ['Plumbing', 'PROFESSIONAL', 'repair visit', 'estimate'],
  ['Books', 'RETAIL', 'pickup', 'reading night'],
  ['Garden Center', 'RETAIL', 'delivery', 'workshop'],
  ['Veterinary', 'HEALTHCARE', 'pet visit', 'vaccination'],
  ['Law Group', 'LEGAL', 'consultation', 'meeting'],
  ['Tutoring', 'EDUCATION', 'lesson', 'session'],
  ['Cleaners', 'PROFESSIONAL', 'cleaning', 'pickup'],
  ['Movers', 'TRANSPORTATION', 'move', 'packing day'],
];
const SUFFIXES = ['LLC', 'Inc', 'Corp', 'Co', 'Ltd'];
const USE_CASES = [
  'MARKETING',
  'CUSTOMER_CARE',
  'ACCOUNT_NOTIFICATION',
  'DELIVERY_NOTIFICATION',
  'MIXED',
  'POLLING_VOTING',
];
const SUB_USE_CASES = ['CUSTOMER_CARE', 'MARKETING', 'ACCOUNT_NOTIFICATION', 'DELIVERY_NOTIFICATION'];
const FIRST = [
  'Ana',
  'Ben',
  'Carla',
  'Dev',
  'Elena',
  'Farid',
  'Grace',
  'Hugo',
  'Ines',
  'Jamal',
  'Kira',
  'Liam',
  'Maya',
  'Noah',
  'Olga',
  'Priya',
  'Quinn',
  'Rosa',
  'Sam',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Yusuf',
];
const LAST = [
  'Berg',
  'Ruiz',
  'Lee',
  'Park',
  'Okafor',
  'Novak',
  'Silva',
  'Chen',
  'Haddad',
  'Kowalski',
  'Moreau',
  'Tanaka',
  'Singh',
  'Jensen',
  'Costa',
  'Ibrahim',
];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const OUTREACH_CAMPAIGN_TYPES = [
  'bulk',
  'bulk',
  'bulk',
  'lead-collector',
  'automation',
  'itr-menu',
  'reply-automation',
];

const q = (s) => JSON.stringify(s);
const pad = (n, width) => String(n).padStart(width, '0');

export function generateConfig({ scale = 1, seed = 42 } = {}) {
  const rand = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const count = (n) => Math.max(1, Math.round(n * scale));
  const n = Object.fromEntries(Object.entries(BASE).map(([k, v]) => [k, count(v)]));
  const out = [];
  const line = (s) => out.push(s);

  line(`# Generated by scripts/generate-config.mjs --scale ${scale} --seed ${seed}`);
  line('version: 1');
  line('account:');
  line('  id: bench');
  line('  name: Bench Agency');
  line('  kind: agency');
  line('  country: US');
  line('  balance: 50000.00');
  line('  goLive: "2027-01-15"');

  // Subgroups.
  const subgroups = Array.from({ length: n.subgroups }, (_, i) => `sg-${pad(i + 1, 4)}`);
  line('subgroups:');
  for (const [i, id] of subgroups.entries()) {
    line(`  - id: ${id}`);
    line(`    name: ${q(`${pick(ADJECTIVES)} Market ${i + 1}`)}`);
  }

  // Users: a few account-wide owners and admins, the rest in one subgroup each.
  const users = [];
  const bySubgroup = new Map(subgroups.map((s) => [s, []]));
  line('users:');
  for (let i = 0; i < n.users; i++) {
    const id = `u-${pad(i + 1, 5)}`;
    const global = i < Math.max(1, Math.round(n.users / 100));
    const role =
      i === 0 ? 'owner' : global ? 'admin' : rand() < 0.2 ? 'limited' : pick(['standard', 'admin']);
    const subgroup = global ? undefined : subgroups[i % subgroups.length];
    const user = { id, role, subgroup };
    users.push(user);
    if (subgroup) bySubgroup.get(subgroup).push(user);
    line(`  - id: ${id}`);
    line(`    name: ${q(`${pick(FIRST)} ${pick(LAST)}`)}`);
    line(`    role: ${role}`);
    if (subgroup) line(`    subgroups: [${subgroup}]`);
  }
  const globalSenders = users.filter((u) => !u.subgroup);
  // Users who may start 1:1 texts in a subgroup (not limited).
  const senders = (subgroup) => {
    const own = (bySubgroup.get(subgroup) ?? []).filter((u) => u.role !== 'limited');
    return own.length > 0 ? own : globalSenders;
  };
  const agentsOf = (subgroup) => {
    const own = bySubgroup.get(subgroup) ?? [];
    return own.length > 0 ? own : globalSenders;
  };

  // Brands.
  const brands = [];
  const combos = ADJECTIVES.length * NOUNS.length;
  line('brands:');
  for (let i = 0; i < n.brands; i++) {
    const id = `b-${pad(i + 1, 4)}`;
    const noun = NOUNS[i % NOUNS.length];
    const adjective = ADJECTIVES[Math.floor(i / NOUNS.length) % ADJECTIVES.length];
    const short = `${adjective} ${noun[0]}${i >= combos ? ` ${Math.floor(i / combos) + 1}` : ''}`;
    const entityType = rand() < 0.8 ? 'PRIVATE_PROFIT' : rand() < 0.5 ? 'PUBLIC_PROFIT' : 'NON_PROFIT';
    const name = entityType === 'NON_PROFIT' ? `${short} Foundation` : `${short} ${pick(SUFFIXES)}`;
    const domain = `${short.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
    const who = entityType === 'NON_PROFIT' ? name : short;
    const brand = { id, short, who, name, domain, noun };
    brands.push(brand);
    line(`  - id: ${id}`);
    line(`    name: ${q(name)}`);
    line(`    entityType: ${entityType}`);
    line(`    ein: "${pad(int(10, 98), 2)}-${pad(int(1000000, 9999999), 7)}"`);
    line('    country: US');
    line(`    email: compliance@${domain}`);
    line(`    vertical: ${noun[1]}`);
    line('    status: verified');
    line(`    trustScore: ${int(75, 100)}`);
    line(`    vetted: ${rand() < 0.7}`);
    if (entityType === 'PUBLIC_PROFIT') {
      line(
        `    stockSymbol: ${q(short.replace(/[^A-Z]/g, '').slice(0, 4) + String.fromCharCode(65 + (i % 26)))}`,
      );
      line(`    stockExchange: ${pick(['NASDAQ', 'NYSE'])}`);
    }
    if (entityType === 'NON_PROFIT') line('    nonprofitType: 501c3');
  }

  // Campaigns: spread over brands; most approved, a few drafts.
  const campaigns = [];
  line('campaigns:');
  for (let i = 0; i < n.campaigns; i++) {
    const id = `c-${pad(i + 1, 5)}`;
    const brand = brands[i % brands.length];
    const approved = i === 0 || rand() < 0.9;
    const useCase = pick(USE_CASES);
    const campaign = { id, brand, approved, useCase, numbers: 0 };
    campaigns.push(campaign);
    const [, , thing, event] = brand.noun;
    const { who } = brand;
    line(`  - id: ${id}`);
    line(`    brand: ${brand.id}`);
    line(`    useCase: ${useCase}`);
    if (useCase === 'MIXED') {
      const subs = [...SUB_USE_CASES].sort(() => rand() - 0.5).slice(0, int(2, 4));
      line(`    subUseCases: [${subs.join(', ')}]`);
    }
    if (approved) {
      line('    status: approved');
      line(`    submittedAt: "2026-10-${pad(int(1, 9), 2)}"`);
      line(`    approvedAt: "2026-10-${pad(int(15, 28), 2)}"`);
    } else {
      line('    status: draft');
    }
    line(
      `    description: ${q(`${who} ${thing} reminders and ${event} announcements for customers who opted in`)}`,
    );
    line(
      `    messageFlow: ${q(`Customers opt in on the ${who} web form or at the front desk and confirm by replying YES`)}`,
    );
    line('    sampleMessages:');
    const samples = int(2, 4);
    for (let s = 0; s < samples; s++) {
      const day = pick(DAYS);
      const text =
        s % 2 === 0
          ? `${who}: your ${thing} is confirmed for ${day} at ${int(9, 17) % 12 || 12}pm. Reply STOP to opt out`
          : `${who}: join our ${event} on ${day}, details at ${brand.domain}/events. Reply STOP to opt out, HELP for help`;
      line(`      - ${q(text)}`);
    }
    line('    optOutKeywords: [STOP]');
    line(`    optOutMessage: ${q(`${who}: you are unsubscribed. No more messages will be sent.`)}`);
    line('    helpKeywords: [HELP]');
    line(`    helpMessage: ${q(`${who}: for help email help@${brand.domain}. Reply STOP to opt out.`)}`);
    line('    embeddedLinks: true');
    line('    embeddedPhone: false');
    line('    ageGated: false');
    line('    directLending: false');
  }
  const approved = campaigns.filter((c) => c.approved);

  // Numbers: a few dedicated campaign numbers, single-use campaign numbers spread over the
  // approved campaigns (under the per-campaign limit), and one-to-one lines for the rest.
  const used = new Set();
  const phone = (npa) => {
    for (;;) {
      const e164 = `+1${npa}${int(200, 999)}${pad(int(0, 9999), 4)}`;
      if (!used.has(e164)) {
        used.add(e164);
        return e164;
      }
    }
  };
  const dedicated = Math.min(5, n.numbers);
  const campaignNumbers = Math.min(Math.round(n.numbers * 0.6), approved.length * 40);
  const numbers = [];
  line('numbers:');
  for (let i = 0; i < n.numbers; i++) {
    const subgroup = subgroups[i % subgroups.length];
    const npa = pick(AREA_CODES);
    const e164 = phone(npa);
    const kind = i < campaignNumbers ? 'campaign' : 'one-to-one';
    const number = { e164, npa, subgroup, kind };
    line(`  - e164: ${q(e164)}`);
    line(`    kind: ${kind}`);
    if (kind === 'campaign') {
      const campaign = approved[i % approved.length];
      campaign.numbers += 1;
      number.campaign = campaign;
      line(`    lifetime: ${i < dedicated ? 'dedicated' : 'single-use'}`);
      line('    status: active');
      line(`    name: ${q(`${campaign.brand.short} ${npa} line ${i + 1}`)}`);
      line(`    subgroup: ${subgroup}`);
      line(`    campaign: ${campaign.id}`);
      if (i < dedicated) line('    portProtected: true');
    } else {
      const released = rand() < 0.02;
      const rep = pick(senders(subgroup));
      const pool = agentsOf(subgroup);
      const agents = [rep.id, ...(rand() < 0.5 ? [pick(pool).id] : [])].filter(
        (a, k, all) => all.indexOf(a) === k,
      );
      number.rep = rep;
      number.agents = agents;
      number.active = !released;
      line('    lifetime: dedicated');
      line(`    status: ${released ? 'released' : 'active'}`);
      line(`    name: ${q(`Direct line ${i + 1}`)}`);
      line(`    subgroup: ${subgroup}`);
      line(`    rep: ${rep.id}`);
      line('    inbox:');
      line(`      mode: ${rand() < 0.8 ? 'agent' : 'bot'}`);
      line(`      agents: [${agents.join(', ')}]`);
    }
    numbers.push(number);
  }
  const campaignPool = numbers.filter((x) => x.kind === 'campaign');
  const linePool = numbers.filter((x) => x.kind === 'one-to-one' && x.active);

  // Outreach: campaign-number outreach, single-use launches, and 1:1 texts.
  line('outreach:');
  for (let i = 0; i < n.outreach; i++) {
    const id = `o-${pad(i + 1, 6)}`;
    const roll = rand();
    line(`  - id: ${id}`);
    if ((roll < 0.5 || linePool.length === 0) && campaignPool.length > 0) {
      const number = pick(campaignPool);
      const owners = senders(number.subgroup);
      line(`    type: ${pick(OUTREACH_CAMPAIGN_TYPES)}`);
      line(`    subgroup: ${number.subgroup}`);
      line(`    campaign: ${number.campaign.id}`);
      line('    numberMode: dedicated');
      line(`    numbers: [${q(number.e164)}]`);
      line(`    status: ${pick(['active', 'active', 'draft', 'completed'])}`);
      line(`    market: "${number.npa}"`);
      line(`    dailyVolume: ${int(1, 40) * 100}`);
      line(`    owner: ${pick(owners).id}`);
    } else if (roll < 0.6 && approved.length > 0) {
      const campaign = pick(approved);
      const subgroup = pick(subgroups);
      line('    type: bulk');
      line(`    subgroup: ${subgroup}`);
      line(`    campaign: ${campaign.id}`);
      line('    numberMode: single-use');
      line(`    status: ${pick(['draft', 'completed'])}`);
      line(`    market: "${pick(AREA_CODES)}"`);
      line(`    dailyVolume: ${int(1, 20) * 100}`);
      line(`    owner: ${pick(senders(subgroup)).id}`);
    } else {
      const number = pick(linePool);
      const owner = number.rep;
      line(`    type: ${rand() < 0.7 ? 'direct' : 'scheduled'}`);
      line(`    subgroup: ${number.subgroup}`);
      line(`    numbers: [${q(number.e164)}]`);
      line(`    status: ${pick(['active', 'draft', 'completed'])}`);
      line(`    owner: ${owner.id}`);
      line('    recipients:');
      line(`      - to: ${q(`+1${pick(AREA_CODES)}${int(200, 999)}${pad(int(0, 9999), 4)}`)}`);
      line(`        name: ${q(`${pick(FIRST)} ${pick(LAST)}`)}`);
      line(`    body: ${q(`Hi, this is ${pick(FIRST)} following up about your ${pick(DAYS)} visit.`)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function main() {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string' },
    },
  });
  const scale = Number(values.scale);
  const seed = Number.parseInt(values.seed, 10);
  if (!(scale > 0) || !Number.isFinite(scale) || !Number.isInteger(seed)) {
    console.error('usage: node scripts/generate-config.mjs [--scale 1] [--seed 42] [--out FILE]');
    process.exit(2);
  }
  const text = generateConfig({ scale, seed });
  if (values.out) writeFileSync(values.out, text);
  else process.stdout.write(text);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
