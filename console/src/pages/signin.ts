import { ApiError, get, listAll } from '../api.js';
import { field, h, replace, select } from '../dom.js';
import type { Page } from '../page.js';
import { attempt } from '../refusal.js';
import { load, save } from '../session.js';
import type { Usage, UserKey } from '../types.js';

/**
 * Sign in with a user's key or the admin token. The key stays in this tab (sessionStorage) and
 * goes to the API as a header. The admin then picks an account's user, whose key the control
 * plane gives, to see the account's pages as that user does.
 */
export async function signInPage(page: Page): Promise<void> {
  const { main } = page;
  const status = h('div');
  const input = h('input', {
    type: 'password',
    name: 'key',
    autocomplete: 'off',
    required: true,
    spellcheck: 'false',
  });
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'signin-title' },
    h('h2', { id: 'signin-title' }, 'Your key'),
    field(
      'Key or admin token',
      input,
      'A user’s key (tdk_…) or the admin token (tda_…) that tendlc serve printed',
    ),
    h('button', { type: 'submit' }, 'Sign in'),
    status,
  );
  const picker = h('section', { 'aria-labelledby': 'pick-title' });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void attempt(status, async () => {
      const token = input.value.trim();
      if (await isAdminToken(token)) {
        save({ admin: token });
        input.value = '';
        await showPicker(picker);
        return;
      }
      const usage = await get<Usage>('/v1/usage', token);
      save({ key: token, account: usage.account, subgroups: usage.subgroups });
      location.hash = '#/numbers';
    });
  });
  main.append(
    page.heading('Sign in'),
    h(
      'p',
      null,
      'The console reads the simulator’s API with your key, and shows exactly what the API shows that key.',
    ),
    form,
    picker,
  );
  if (load().admin !== undefined) await showPicker(picker);
}

async function isAdminToken(token: string): Promise<boolean> {
  try {
    await get('/v1/sim/clock', token);
    return true;
  } catch (error) {
    // A user's key is refused by the control plane with 403; a key that is nobody's with 401.
    if (error instanceof ApiError && error.status === 403) return false;
    throw error;
  }
}

/** The admin's choice: an account, then one of its users. */
async function showPicker(where: HTMLElement): Promise<void> {
  const accounts = await listAll<{ id: string; name?: string }>('/v1/sim/accounts');
  const users = h('div', { class: 'users' });
  const choose = select(
    'account',
    accounts.map((a) => [a.id, a.name === undefined ? a.id : `${a.name} (${a.id})`] as const),
    load().account ?? accounts[0]?.id,
  );
  const showUsers = async (): Promise<void> => {
    const account = choose.value;
    const keys = await listAll<UserKey>(`/v1/sim/accounts/${encodeURIComponent(account)}/keys`);
    replace(
      users,
      h(
        'ul',
        { class: 'user-list' },
        keys.map((k) =>
          h(
            'li',
            null,
            h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  const s = load();
                  save({ ...s, key: k.key, account, user: k.user, role: k.role, subgroups: k.subgroups });
                  location.hash = '#/numbers';
                },
              },
              `Open as ${k.user}`,
            ),
            ` ${k.role}${k.subgroups.length > 0 ? `, subgroups ${k.subgroups.join(', ')}` : ', whole account'}`,
          ),
        ),
      ),
    );
  };
  choose.addEventListener('change', () => void showUsers());
  replace(
    where,
    h('h2', { id: 'pick-title' }, 'Signed in as the admin: pick a user'),
    h(
      'p',
      null,
      'The pages of an account show what one of its users sees. The clock and the handsets are yours.',
    ),
    accounts.length === 0 ? h('p', null, 'No account is loaded.') : field('Account', choose),
    users,
  );
  if (accounts.length > 0) await showUsers();
}
