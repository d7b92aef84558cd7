import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium, type Chromium } from '../helpers/browser.js';
import { startTestServer, type TestServer } from '../helpers/simulator.js';

// The console in a real browser (R9): Debian's Chromium driven by playwright-core, offline. The
// README's journey by clicking; each role's view against the API's; axe-core on every page.
// Screenshots go to TENDLC_SCREENSHOTS (docs/console/ for the docs), else to a temporary folder.

if (!hasChromium) {
  describe('the console in a real browser', () => {
    it(`runs where Chromium is installed (${CHROMIUM}): apt-get install -y chromium, then npm test or npm run test:browser`, () => {
      console.info(
        `The console's browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH), then npm run test:browser.`,
      );
      expect(hasChromium).toBe(false);
    });
  });
} else {
  browserSuite();
}

const SOUTH = ['+15035550110', '+15035550111'];
const NORTH = ['+12065550100', '+12065550101'];
const PAGES = [
  'numbers',
  'brands',
  'messages',
  'inbox',
  'journey',
  'throughput',
  'events',
  'webhooks',
  'clock',
  'rules',
];

function browserSuite(): void {
  let t: TestServer;
  let chrome: Chromium;
  const shots = process.env.TENDLC_SCREENSHOTS
    ? resolve(process.env.TENDLC_SCREENSHOTS)
    : mkdtempSync(join(tmpdir(), 'tendlc-shots-'));
  mkdirSync(shots, { recursive: true });
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

  beforeAll(async () => {
    t = await startTestServer({ latency: 'fast' });
    chrome = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await chrome?.close();
    await t?.stop();
  });

  /** A new tab signed in with a user's key, as a user would paste it. */
  async function signInWithKey(key: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await chrome.tab(viewport);
    await page.goto(`${t.url}/`);
    await page.getByLabel('Key or admin token').fill(key);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('table.numbers tbody tr').first().waitFor();
    return page;
  }

  async function go(page: Page, hash: string): Promise<void> {
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
    await page.locator('main:not([aria-busy])').waitFor();
  }

  /** axe-core's serious and critical violations on the page as it is now. */
  async function axe(page: Page): Promise<string[]> {
    // Evaluated through the DevTools protocol: the page's own policy refuses inline scripts.
    await page.evaluate(axeSource);
    const found = await page.evaluate(async () => {
      const w = globalThis as unknown as {
        document: unknown;
        axe: {
          run: (ctx: unknown) => Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
          }>;
        };
      };
      const result = await w.axe.run(w.document);
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        where: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
      }));
    });
    return found
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} at ${v.where.join(', ')}`);
  }

  describe('the journey of the README, by clicking', { timeout: 60_000 }, () => {
    let page: Page;
    let number = '';

    beforeAll(async () => {
      page = await chrome.tab();
      await page.goto(`${t.url}/`);
      await page.getByLabel('Key or admin token').fill(t.server.adminToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Open as olga' }).click();
      await page.locator('table.numbers tbody tr').first().waitFor();
    });

    const advance = async (by: string): Promise<void> => {
      await go(page, '#/clock');
      await page.getByRole('button', { name: `Advance ${by}` }).click();
      await page.locator('.result').first().waitFor({ state: 'attached' });
    };

    it("shows the example account's numbers, with the gauges, and saves a screenshot", async () => {
      const rows = await page.locator('table.numbers tbody tr th').allTextContents();
      expect(rows.sort()).toEqual([...NORTH, ...SOUTH].sort());
      await expect.poll(() => page.locator('.gauge').first().textContent()).toContain('3 of 5');
      await page.screenshot({ path: join(shots, 'numbers.png') });
    });

    it('registers a brand, which the registry verifies in virtual time', async () => {
      await go(page, '#/journey');
      const form = page.locator('#form-brand');
      await form.getByLabel('Legal name').fill('Zed Homes LLC');
      await form.getByLabel('EIN').fill('12-3456789');
      await form.getByLabel('Email').fill('a@zed.example');
      await form.getByRole('button', { name: 'Register' }).click();
      await expect.poll(() => form.locator('.ok').textContent()).toMatch(/Registered brand-\d+ \(pending\)/u);
      await advance('1m');
      await go(page, '#/brands');
      await expect
        .poll(() => page.locator('table', { hasText: 'Zed Homes LLC' }).textContent())
        .toContain('verified');
    });

    it('submits a campaign, approved after the review', async () => {
      await go(page, '#/brands');
      const form = page.locator('#form-campaign');
      await form.getByLabel('Brand').selectOption({ label: 'Zed Homes LLC (verified)' });
      await form.getByLabel('Use case').selectOption('CUSTOMER_CARE');
      await form
        .getByLabel('Description')
        .fill('Answers to buyers about showings and offers on our listings');
      await form
        .getByLabel('Message flow')
        .fill('Clients text our listing numbers from yard signs and agree to replies');
      await form
        .getByLabel('Sample message 1')
        .fill('Zed Homes: your showing is confirmed for 3pm. Reply STOP to opt out');
      await form
        .getByLabel('Sample message 2')
        .fill('Zed Homes: your agent will call you back today. Reply STOP to opt out');
      await form
        .getByLabel('Opt-out message')
        .fill('Zed Homes: you are unsubscribed. No more messages will be sent.');
      await form
        .getByLabel('Help message')
        .fill('Zed Homes: help at help@zed.example. Reply STOP to opt out.');
      await form.getByRole('button', { name: 'Submit' }).click();
      await expect
        .poll(() => form.locator('.ok').textContent())
        .toMatch(/Submitted campaign-\d+ \(pending\)/u);
      await advance('1h');
      await go(page, '#/brands');
      await expect
        .poll(() => page.locator('tr', { hasText: 'CUSTOMER_CARE' }).last().textContent())
        .toContain('approved');
      await page.screenshot({
        path: join(shots, 'brands.png'),
        clip: { x: 0, y: 0, width: 1280, height: 420 },
      });
    });

    it('orders a number for it, which provisions, is assigned, and propagates live on the page', async () => {
      await go(page, '#/numbers');
      await page.locator('summary', { hasText: 'Order a number' }).click();
      const form = page.locator('#form-order');
      await form.getByLabel('Area code').fill('971');
      const campaign = await page
        .locator('#form-order select[name=campaign] option', { hasText: 'pending' })
        .count();
      expect(campaign).toBe(0);
      const options = await form.locator('select[name=campaign] option').allTextContents();
      const mine = options.find((o) => /^campaign-\d+ \(approved\)$/u.test(o));
      expect(mine).toBeDefined();
      await form.getByLabel('Campaign').selectOption({ label: mine! });
      await form.getByRole('button', { name: 'Order' }).click();
      await expect
        .poll(() => form.locator('.ok').textContent())
        .toMatch(/Ordered \+1971\d{7} \(provisioning\)/u);
      number = /\+1971\d{7}/u.exec((await form.locator('.ok').textContent()) ?? '')![0];
      const row = page.locator(`tr[data-e164="${number}"]`);
      await expect.poll(() => row.textContent()).toContain('provisioning');
      // The clock moves in the API (another client): the page follows on the event stream.
      await t.as('admin').post('/v1/sim/clock', { advance: '1h' });
      await expect.poll(() => row.textContent()).toContain('active');
      await expect.poll(() => row.textContent()).toContain('effective');
    });

    it('refuses an order the rules forbid, with the rule id, its statement and fix, linked to its page', async () => {
      const form = page.locator('#form-order');
      await form.getByLabel('Area code').fill('603');
      await form.getByRole('button', { name: 'Order' }).click();
      const alert = form.getByRole('alert');
      await expect.poll(() => alert.textContent()).toContain('area-code-excluded');
      await expect.poll(() => alert.textContent()).toContain('Fix:');
      await page.locator('#form-order').screenshot({ path: join(shots, 'refusal.png') });
      await alert.getByRole('link', { name: 'area-code-excluded' }).click();
      await page.getByRole('heading', { level: 1, name: 'area-code-excluded' }).waitFor();
      expect(await page.locator('main').textContent()).toContain('Examples');
    });

    it('sends, and the thread shows the message delivered', async () => {
      await go(page, '#/messages');
      const form = page.locator('#form-send');
      await form.getByLabel('From').selectOption(number);
      await form.getByLabel('To').fill('+12065550123');
      await form
        .getByLabel('Text')
        .fill('Zed Homes: your showing is confirmed for Tue 3pm. Reply STOP to opt out');
      await form.getByRole('button', { name: 'Send' }).click();
      await expect.poll(() => form.locator('.ok').textContent()).toContain('queued');
      await form.getByRole('link', { name: 'to +12065550123' }).click();
      await page.getByRole('heading', { name: 'Thread with +12065550123' }).waitFor();
      await t.as('admin').post('/v1/sim/clock', { advance: '1m' });
      await expect.poll(() => page.locator('.bubble.out').last().textContent()).toContain('delivered');
    });

    it('replies STOP from the handset, and the next send fails with 21610, explained', async () => {
      await page.getByRole('button', { name: 'Reply STOP' }).click();
      await expect.poll(() => page.locator('.bubble.in').last().textContent()).toContain('STOP');
      await expect.poll(() => page.locator('.bubble.out').last().textContent()).toContain('unsubscribed');
      const form = page.locator('#form-send');
      await form.getByLabel('From').selectOption(number);
      await form.getByLabel('Text').fill('Zed Homes: one more thing');
      await form.getByRole('button', { name: 'Send' }).click();
      await t.as('admin').post('/v1/sim/clock', { advance: '1m' });
      const last = page.locator('.bubble.out').last();
      await expect.poll(() => last.textContent()).toContain('failed');
      expect(await last.textContent()).toContain('21610: the recipient opted out');
      expect(await last.getByRole('link').textContent()).toBe('opt-out-honored');
      await page.locator('.phone').screenshot({ path: join(shots, 'thread.png') });
    });

    it('launches an outreach from the Journey page, which sends to its recipients at the tier’s rate', async () => {
      await go(page, '#/journey');
      const form = page.locator('#form-outreach');
      const campaigns = await form.locator('select[name=campaign] option').allTextContents();
      await form
        .getByLabel('Campaign')
        .selectOption({ label: campaigns.find((c) => /^campaign-\d+ /u.test(c))! });
      await form.getByLabel('Number', { exact: true }).selectOption(number);
      await form.getByLabel('Recipients').fill('+12065557001, Pat\n+12065557002');
      await form.getByLabel('Text').fill('Zed Homes: open house Sun 1-3pm. Reply STOP to opt out');
      await form.getByRole('button', { name: 'Launch' }).click();
      await expect
        .poll(() => form.locator('.ok').textContent())
        .toMatch(/Launched outreach outreach-\d+ \(active\)/u);
      await t.as('admin').post('/v1/sim/clock', { advance: '1m' });
      const sent = await t
        .as('olga')
        .get<{ data: Array<{ status: string }> }>('/v1/messages?to=%2B12065557002');
      expect(sent.body.data.map((m) => m.status)).toEqual(['delivered']);
    });

    it('shows the events live, each linking to its resource', async () => {
      await go(page, '#/events');
      await t.as('olga').patch(`/v1/numbers/${number}`, { name: 'Zed showings' });
      const renamed = page.locator('.events li', { hasText: 'number.renamed' }).first();
      await renamed.waitFor();
      expect(await renamed.getByRole('link').textContent()).toBe(number);
      await page.getByLabel('Show types starting with').fill('message.');
      expect(await page.locator('.events li', { hasText: 'number.' }).count()).toBe(0);
      await page.getByLabel('Show types starting with').fill('');
      await page.screenshot({
        path: join(shots, 'events.png'),
        clip: { x: 0, y: 0, width: 1280, height: 480 },
      });
    });

    it('passes axe-core on every page (0 serious or critical), and at a phone’s width', async () => {
      const found: string[] = [];
      for (const p of [
        ...PAGES,
        `numbers/${number}`,
        'messages/+12065550123',
        'rules/opt-out-honored',
        'brands/acme-brand',
        'campaigns/acme-mkt',
        'signin',
      ]) {
        await go(page, `#/${p}`);
        for (const v of await axe(page)) found.push(`#/${p}: ${v}`);
      }
      const phone = await signInWithKey(t.keyOf('olga'), { width: 390, height: 844 });
      for (const p of ['numbers', 'messages/+12065550123', 'clock']) {
        await go(phone, `#/${p}`);
        for (const v of await axe(phone)) found.push(`phone #/${p}: ${v}`);
      }
      await go(phone, '#/numbers');
      // Usable at a phone's width: nothing wider than the screen but the tables, which scroll.
      const overflow = (await phone.evaluate(
        'document.documentElement.scrollWidth - window.innerWidth',
      )) as number;
      expect(overflow).toBeLessThanOrEqual(0);
      await phone.screenshot({
        path: join(shots, 'phone.png'),
        clip: { x: 0, y: 0, width: 390, height: 640 },
      });
      expect(found).toEqual([]);
    });

    it('is used by keyboard alone: the skip link, the navigation and a form', async () => {
      const tab = await chrome.tab();
      await tab.goto(`${t.url}/`);
      await tab.keyboard.press('Tab');
      expect(await tab.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
      await tab.keyboard.press('Enter');
      expect(await tab.evaluate('document.activeElement?.id')).toBe('main');
      const field = tab.getByLabel('Key or admin token');
      await field.focus();
      await tab.keyboard.type(t.keyOf('olga'));
      await tab.keyboard.press('Enter');
      await tab.locator('table.numbers tbody tr').first().waitFor();
      // Focus lands on the page's heading, so a screen reader starts there.
      expect(await tab.evaluate('document.activeElement?.tagName')).toBe('H1');
    });

    it('loaded nothing from anywhere but the simulator', () => {
      expect(chrome.offsite).toEqual([]);
    });
  });

  describe("each role's view is the API's (R9)", { timeout: 60_000 }, () => {
    beforeAll(async () => {
      // A message in each subgroup, so that a leak would have something to show.
      const sent = await t.as('sam').post('/v1/messages', {
        from: SOUTH[1],
        to: '+15035550177',
        body: 'Acme Realty: your showing is confirmed for 3pm. Reply STOP to opt out',
      });
      expect(sent.status).toBe(202);
      const north = await t.as('ana').post('/v1/messages', {
        from: NORTH[0],
        to: '+12065550178',
        body: 'Acme Realty: open house Sat 1-3pm. Reply STOP to opt out',
      });
      expect(north.status).toBe(202);
      // A contact texts Ana's one-to-one line, whose inbox lists ana and lee: Needs Attention.
      const text = await t.as('admin').post('/v1/sim/handsets/+12065550155/messages', {
        to: NORTH[1],
        body: 'Hi, is the Elm St house still for sale?',
      });
      expect(text.status).toBe(201);
      await t.as('admin').post('/v1/sim/clock', { advance: '1m' });
    });

    it.each([
      ['lee', 'limited, north', NORTH, [...SOUTH, '+15035550177']],
      ['sam', 'standard, south', SOUTH, [...NORTH, '+12065550178', '+12065550155']],
    ])(
      '%s (%s) sees exactly the numbers the API gives, and nothing of the other subgroup on any page',
      async (user, _role, mine, theirs) => {
        const page = await signInWithKey(t.keyOf(user));
        const api = await t.as(user).get<{ data: Array<{ e164: string }> }>('/v1/numbers?limit=1000');
        const shown = await page.locator('table.numbers tbody tr th').allTextContents();
        expect(shown.sort()).toEqual(api.body.data.map((n) => n.e164).sort());
        for (const n of mine) expect(shown).toContain(n);
        for (const p of PAGES) {
          await go(page, `#/${p}`);
          const text = (await page.locator('body').textContent()) ?? '';
          for (const n of theirs) expect(text, `${user} on #/${p}`).not.toContain(n);
        }
        // The 1:1 inbox as the API gives it to this user, tab by tab.
        for (const tab of ['participating', 'needs-attention']) {
          const inbox = await t
            .as(user)
            .get<{ data: Array<{ contact: string }> }>(`/v1/conversations?tab=${tab}`);
          await go(page, `#/inbox/${tab}`);
          const listed = await page.locator('#inbox-panel li a').allTextContents();
          expect(listed.length, `${user} ${tab}`).toBe(inbox.body.data.length);
          if (user === 'lee' && tab === 'needs-attention') expect(listed).toEqual(['+12065550155']);
        }
        // Asked for by address, the other subgroup's number and thread are not there, as in the API.
        await go(page, `#/numbers/${theirs[0]!}`);
        await page.getByText('No such number in your view.').waitFor();
        await go(page, `#/messages/${theirs.at(-1)!}`);
        await page.getByText('No messages with this contact in your view.').waitFor();
      },
    );
  });
}
