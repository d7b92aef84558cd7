import express from 'express';
import { catalog, ruleById } from '../../engine/catalog.js';
import { ruleJson } from '../../engine/rule-json.js';
import { didYouMean } from '../../engine/text/did-you-mean.js';
import { httpError } from './errors.js';
import { operation } from './operations.js';
import { paginate } from './views.js';

const RULES = catalog.map(ruleJson);

/**
 * `GET /v1/rules` and `GET /v1/rules/:id`: the catalog, as `tendlc rules --format json` prints
 * it. They need no key: a rule id appears in every refusal, and anyone reading one may look it up
 * (the console renders a rule's page from here).
 */
export function rulesRoutes(): express.Router {
  const r = express.Router({ strict: true });
  r.get('/rules', operation('listRules'), (_req, res) => {
    const page = paginate(RULES, res.locals.params);
    if ('error' in page) return void res.status(page.error.status).json(page.error.body);
    res.json(page);
  });
  r.get('/rules/:id', operation('getRule'), (_req, res) => {
    const id = String(res.locals.params.id);
    const rule = ruleById(id);
    if (rule) return void res.json(ruleJson(rule));
    const close = didYouMean(
      id,
      catalog.map((c) => c.id),
    );
    const error = httpError(
      404,
      `rule '${id}' does not exist${close === undefined ? '' : ` (did you mean '${close}'?)`}; GET /v1/rules lists them`,
    );
    res.status(error.status).json(error.body);
  });
  return r;
}
