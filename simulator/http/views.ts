import type { SimulatorService } from '../service.js';
import type { Caller } from './app.js';
import { httpError, type ErrorBody } from './errors.js';

// The world's own bookkeeping, never part of a resource (a stale propagation timer's guard).
const INTERNAL = new Set(['assignmentVersion']);

/**
 * A resource as the API shows it: times as ISO 8601 (the world keeps epoch milliseconds), and a
 * number's port-out PIN only to owners, admins and the control plane.
 */
export function view(value: unknown, caller: Caller, service: SimulatorService): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (INTERNAL.has(key) || (key === 'portPin' && !seesPins(caller, service))) continue;
    out[key] =
      (key === 'at' || key.endsWith('At')) && typeof v === 'number' && Number.isFinite(v)
        ? new Date(v).toISOString()
        : v;
  }
  return out;
}

function seesPins(caller: Caller, service: SimulatorService): boolean {
  if (caller.admin) return true;
  const actor = caller.actor && service.actor(caller.actor);
  return actor?.role === 'owner' || actor?.role === 'admin';
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

/** `?limit=` and `?cursor=` over a list; the cursor is opaque to callers. */
export function paginate(
  items: readonly unknown[],
  query: Record<string, unknown>,
): { data: unknown[]; next: string | null } | { error: { status: number; body: ErrorBody } } {
  const limit = query.limit === undefined ? DEFAULT_LIMIT : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)
    return {
      error: httpError(400, `limit must be a whole number from 1 to ${String(MAX_LIMIT)}`, {
        field: 'limit',
      }),
    };
  const start = query.cursor === undefined ? 0 : Number(query.cursor);
  if (!Number.isInteger(start) || start < 0)
    return { error: httpError(400, 'cursor is not one this server gave', { field: 'cursor' }) };
  const data = items.slice(start, start + limit);
  return { data, next: start + limit < items.length ? String(start + limit) : null };
}
