import type { AccountConfig } from '../account-config.js';
import { refuse, type Refusal } from '../refusal.js';
import type { Query } from './query.js';
import type { Command } from './types.js';

/**
 * The world keeps its records in plain objects keyed by id, so an id that names a property of
 * every object (`__proto__`, `constructor`, `toString`…) would read or write the prototype. Such
 * ids are refused where they enter: commands, queries and account configs.
 */
export function isReservedKey(value: unknown): boolean {
  return typeof value === 'string' && RESERVED.has(value);
}

const RESERVED: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

const KEY_FIELDS = [
  'id',
  'from',
  'to',
  'brand',
  'campaign',
  'subgroup',
  'owner',
  'outreach',
  'account',
  'message',
  'number',
  'rep',
  'e164',
];
const KEY_LISTS = ['agents', 'numbers'];

/** The first id-like field of a command or query that names a prototype property, as a refusal. */
export function reservedKeyRefusal(input: Command | Query): Refusal | undefined {
  const record = input as unknown as Record<string, unknown>;
  for (const field of KEY_FIELDS) if (isReservedKey(record[field])) return reserved(field, record[field]);
  for (const field of KEY_LISTS) {
    const list = record[field];
    if (Array.isArray(list)) for (const item of list) if (isReservedKey(item)) return reserved(field, item);
  }
  return undefined;
}

/** The same check over every id of an account config. */
export function reservedConfigRefusal(config: AccountConfig): Refusal | undefined {
  const ids: Array<[string, unknown]> = [['account.id', config.account.id]];
  for (const [list, items] of Object.entries(config))
    if (Array.isArray(items))
      for (const item of items as Array<Record<string, unknown>>)
        for (const key of ['id', 'e164', 'brand', 'campaign', 'subgroup', 'owner', 'rep'])
          if (item && typeof item === 'object') ids.push([`${list}[].${key}`, item[key]]);
  for (const [field, value] of ids) if (isReservedKey(value)) return reserved(field, value);
  return undefined;
}

function reserved(field: string, value: unknown): Refusal {
  return refuse('invalid', undefined, `${field} '${String(value)}' is a reserved name; choose another id`, {
    field,
  });
}
