import { post } from '../api.js';
import { field, h, replace, select } from '../dom.js';
import { time } from '../format.js';
import { refreshClock } from '../header-clock.js';
import type { Page } from '../page.js';
import { attempt } from '../refusal.js';
import { isAdmin } from '../session.js';
import type { Clock } from '../types.js';

const SNAPSHOTS = 'tendlc.snapshots';

function snapshots(): Array<{ id: string; at: string }> {
  try {
    return JSON.parse(sessionStorage.getItem(SNAPSHOTS) ?? '[]') as Array<{ id: string; at: string }>;
  } catch {
    return [];
  }
}

/**
 * The clock: virtual now, mode and the next timed event; for the admin, buttons to advance it
 * (each fires everything due on the way, in order), to switch modes, and to snapshot, restore and
 * reset the whole simulator.
 */
export async function clockPage(page: Page): Promise<void> {
  const { main } = page;
  main.append(page.heading('Clock'));
  if (!isAdmin()) {
    main.append(
      h(
        'p',
        null,
        'The clock belongs to the simulator’s admin: sign in with the admin token to move it. Virtual time is in the header.',
      ),
    );
    return;
  }
  const facts = h('dl', { class: 'facts', 'aria-live': 'polite' });
  const out = h('div', { class: 'result' });
  const show = (clock: Clock | undefined): void => {
    if (!clock) return;
    replace(
      facts,
      h('dt', null, 'Now'),
      h('dd', null, time(clock.now)),
      h('dt', null, 'Mode'),
      h('dd', null, clock.mode === 'scale' ? `scale ×${String(clock.scale)}` : clock.mode),
      h('dt', null, 'Next timed event'),
      h('dd', null, time(clock.nextDue)),
    );
  };
  const run = (body: unknown, path = '/v1/sim/clock'): void =>
    void attempt(out, async () => {
      await post(path, body);
      show(await refreshClock());
    });
  const mode = select('mode', [
    ['manual', 'manual: moves only when advanced'],
    ['realtime', 'realtime'],
    ['scale', 'scale: 60 virtual seconds a second'],
  ]);
  const snapList = h('ul', { class: 'snapshots' });
  const renderSnaps = (): void => {
    replace(
      snapList,
      snapshots().map((s) =>
        h(
          'li',
          null,
          h('code', null, s.id),
          ' taken at ',
          time(s.at),
          ' ',
          h(
            'button',
            { type: 'button', class: 'secondary', onclick: () => run({ id: s.id }, '/v1/sim/restore') },
            `Restore ${s.id}`,
          ),
        ),
      ),
    );
  };
  let resetArmed = false;
  const reset = h('button', { type: 'button', class: 'danger' }, 'Reset to the loaded config');
  reset.addEventListener('click', () => {
    if (!resetArmed) {
      resetArmed = true;
      reset.textContent = 'Confirm: reset everything';
      return;
    }
    resetArmed = false;
    reset.textContent = 'Reset to the loaded config';
    run({}, '/v1/sim/reset');
  });
  main.append(
    h('section', { class: 'card' }, h('h2', null, 'Virtual time'), facts),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'advance-title' },
      h('h2', { id: 'advance-title' }, 'Advance'),
      h(
        'div',
        { class: 'actions' },
        ['1m', '1h', '1d', '16d'].map((d) =>
          h('button', { type: 'button', onclick: () => run({ advance: d }) }, `Advance ${d}`),
        ),
      ),
      h(
        'form',
        {
          class: 'inline',
          onsubmit: (e: Event) => {
            e.preventDefault();
            run(mode.value === 'scale' ? { mode: 'scale', scale: 60 } : { mode: mode.value });
          },
        },
        field('Mode', mode),
        h('button', { type: 'submit' }, 'Set mode'),
      ),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'state-title' },
      h('h2', { id: 'state-title' }, 'Snapshots'),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            onclick: () =>
              void attempt(out, async () => {
                const snap = await post<{ id: string; at: string }>('/v1/sim/snapshot');
                sessionStorage.setItem(SNAPSHOTS, JSON.stringify([...snapshots(), snap]));
                renderSnaps();
              }),
          },
          'Take a snapshot',
        ),
        reset,
      ),
      snapList,
    ),
    out,
  );
  renderSnaps();
  show(await refreshClock());
  page.every(2000, () => void refreshClock().then(show));
}
