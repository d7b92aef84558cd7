import type { AccountConfig } from './account-config.js';
import { pointer } from './finding.js';

/** A duplicate id or a reference to an id the config does not define. */
export interface ReferenceProblem {
  ruleId: 'duplicate-id' | 'unknown-reference';
  path: string;
  message: string;
  hint: string;
}

type Lists = 'subgroups' | 'users' | 'brands' | 'campaigns' | 'numbers' | 'outreach';

function idsOf(config: AccountConfig, list: Lists, problems: ReferenceProblem[]): Set<string> {
  const ids = new Set<string>();
  const key = list === 'numbers' ? 'e164' : 'id';
  (config[list] ?? []).forEach((item, i) => {
    const id = (item as unknown as Record<string, unknown>)[key];
    if (typeof id !== 'string') return;
    if (ids.has(id))
      problems.push({
        ruleId: 'duplicate-id',
        path: pointer(list, i, key),
        message: `${list} has '${id}' twice`,
        hint: `give each item of ${list} its own ${key}`,
      });
    ids.add(id);
  });
  return ids;
}

/**
 * Duplicate ids within each list, and references to ids the config does not define: a brand
 * of a campaign, a campaign, subgroup, rep or agent of a number, the numbers and owner of an
 * outreach. Numbers are compared in E.164, so `206-555-0100` and `+12065550100` are one number.
 */
export function checkReferences(config: AccountConfig): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const ids = {
    subgroups: idsOf(config, 'subgroups', problems),
    users: idsOf(config, 'users', problems),
    brands: idsOf(config, 'brands', problems),
    campaigns: idsOf(config, 'campaigns', problems),
    numbers: idsOf(config, 'numbers', problems),
  };
  idsOf(config, 'outreach', problems);
  const ref = (value: unknown, list: keyof typeof ids, path: string, what: string): void => {
    if (typeof value === 'string' && !ids[list].has(value))
      problems.push({
        ruleId: 'unknown-reference',
        path,
        message: `${what} '${value}' is not defined in ${list}`,
        hint: `add it to ${list}, or correct the reference`,
      });
  };
  (config.users ?? []).forEach((u, i) =>
    (Array.isArray(u.subgroups) ? u.subgroups : []).forEach((s, j) =>
      ref(s, 'subgroups', pointer('users', i, 'subgroups', j), 'subgroup'),
    ),
  );
  (config.campaigns ?? []).forEach((c, i) =>
    ref(c.brand, 'brands', pointer('campaigns', i, 'brand'), 'brand'),
  );
  (config.numbers ?? []).forEach((n, i) => {
    ref(n.campaign, 'campaigns', pointer('numbers', i, 'campaign'), 'campaign');
    ref(n.subgroup, 'subgroups', pointer('numbers', i, 'subgroup'), 'subgroup');
    ref(n.rep, 'users', pointer('numbers', i, 'rep'), 'user');
    (Array.isArray(n.inbox?.agents) ? n.inbox.agents : []).forEach((a, j) =>
      ref(a, 'users', pointer('numbers', i, 'inbox', 'agents', j), 'user'),
    );
  });
  (config.outreach ?? []).forEach((o, i) => {
    ref(o.campaign, 'campaigns', pointer('outreach', i, 'campaign'), 'campaign');
    ref(o.subgroup, 'subgroups', pointer('outreach', i, 'subgroup'), 'subgroup');
    ref(o.owner, 'users', pointer('outreach', i, 'owner'), 'user');
    (Array.isArray(o.numbers) ? o.numbers : []).forEach((e, j) =>
      ref(e, 'numbers', pointer('outreach', i, 'numbers', j), 'number'),
    );
  });
  return problems;
}
