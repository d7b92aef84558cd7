import type { NextFunction, Request, Response } from 'express';
import type { FaultState } from '../../engine/world/index.js';
import { seededRandom } from '../random.js';
import type { SimulatorService } from '../service.js';
import { httpError } from './errors.js';

/** Whether an `http-error` fault's route (`POST /v1/messages`, `GET /v1/numbers*`) covers a request. */
export function routeMatches(route: string, method: string, path: string): boolean {
  const [m, pattern = ''] = route.split(' ');
  if (m !== method) return false;
  return pattern.endsWith('*') ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
}

/**
 * `http-error` faults: the routes they name answer with their status instead of being served, at
 * their rate. The draws come from a source of their own, so that an injected error never changes
 * the world's history. The control plane is never hit, so a fault can always be cleared.
 */
export function injectedHttpErrors(service: SimulatorService) {
  const random = seededRandom(0x5eed);
  return (req: Request, res: Response, next: NextFunction): void => {
    const faults = Object.values(service.sim.inspect().faults).filter(
      (f: FaultState) =>
        f.type === 'http-error' && f.route && routeMatches(f.route, req.method, req.baseUrl + req.path),
    );
    const fault = faults.find((f) => random.next() < (f.rate ?? 1));
    if (!fault) return next();
    const status = fault.status ?? 503;
    const answer = httpError(status, `injected fault '${fault.id}' (${fault.route ?? ''})`, {
      fault: fault.id,
    });
    answer.body.error.code = 'injected_fault';
    res.status(status).json(answer.body);
  };
}

/**
 * `--rate-limit N`: at most N requests a second per key, as a token bucket on the wall clock;
 * past it, 429 with `Retry-After`. Off by default: a simulator is usually hit hardest by tests.
 */
export function rateLimit(perSecond: number | undefined, wall: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!perSecond) return next();
    const key = req.headers.authorization ?? String(req.socket.remoteAddress ?? '');
    const now = wall();
    const bucket = buckets.get(key) ?? { tokens: perSecond, at: now };
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return next();
    }
    const wait = Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
    res.set('Retry-After', String(wait));
    const answer = httpError(
      429,
      `more than ${String(perSecond)} requests a second with this key; retry in ${String(wait)} s`,
    );
    res.status(429).json(answer.body);
  };
}
