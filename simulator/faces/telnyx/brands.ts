import type { BrandState } from '../../../engine/world/index.js';
import type { TelnyxContext } from './context.js';
import { faceError, sendTelnyxError } from './errors.js';
import { findBrand } from './ids.js';
import { body, pick, sendPerPage, wrongType, type Body, type FieldType } from './requests.js';
import { BRAND_FACE_FIELDS, brandListItem, brandView, recordIds, vettingView } from './views.js';

/** 10DLC brands: registration, the face-only fields, and external vetting. */

/** POST, GET and PUT /v2/10dlc/brand. */
export function mountBrands(ctx: TelnyxContext): void {
  const { r, accountOf, exec, putRecord, refuse, notFound } = ctx;
  r.post('/v2/10dlc/brand', (req, res) => {
    const b = body(req);
    const typeProblem = wrongType(b, BRAND_TYPES);
    if (typeProblem) return sendTelnyxError(res, typeProblem);
    const outcome = exec(res, {
      action: 'register_brand',
      name: b.displayName as string,
      entityType: b.entityType as never,
      ...pick(b, ['ein', 'country', 'email', 'vertical', 'stockSymbol', 'stockExchange']),
    });
    if (refuse(res, outcome, BRAND_FIELDS)) return;
    const created = (outcome as { result: { id: string; status: BrandState['status'] } }).result;
    putRecord(res, recordIds.brand(created.id), 'brand', pick(b, [...BRAND_FACE_FIELDS]));
    const account = accountOf(res);
    // As the command left it (pending), before a review due now moved it on.
    res.json(brandView(account, { ...account.brands[created.id]!, status: created.status }, account.records));
  });
  r.get('/v2/10dlc/brand', (req, res) => {
    const account = accountOf(res);
    sendPerPage(
      req,
      res,
      Object.values(account.brands).map((b) => brandListItem(account, b, account.records)),
    );
  });
  r.get('/v2/10dlc/brand/:id', (req, res) => {
    const account = accountOf(res);
    const brand = findBrand(account, String(req.params.id));
    if (!brand) return notFound(res, `brand '${String(req.params.id)}'`);
    res.json(brandView(account, brand, account.records));
  });
  r.put('/v2/10dlc/brand/:id', (req, res) => {
    const brand = findBrand(accountOf(res), String(req.params.id));
    if (!brand) return notFound(res, `brand '${String(req.params.id)}'`);
    const b = body(req);
    const typeProblem = wrongType(b, BRAND_TYPES);
    if (typeProblem) return sendTelnyxError(res, typeProblem);
    const changed = BRAND_ENGINE_FIELDS.find(
      (f) => b[f] !== undefined && b[f] !== (brand as unknown as Body)[f],
    );
    if (changed !== undefined)
      return sendTelnyxError(
        res,
        faceError(
          422,
          'unprocessable',
          `${changed} is part of the brand's registration and cannot change; register a new brand`,
          `/${changed}`,
        ),
      );
    const before = accountOf(res).records[recordIds.brand(brand.id)]?.data ?? {};
    putRecord(res, recordIds.brand(brand.id), 'brand', { ...before, ...pick(b, [...BRAND_FACE_FIELDS]) });
    const account = accountOf(res);
    res.json(brandView(account, account.brands[brand.id]!, account.records));
  });
}

/** A brand's external vetting. */
export function mountVettings(ctx: TelnyxContext): void {
  const { r, accountOf, exec, putRecord, refuse, notFound } = ctx;
  r.post('/v2/10dlc/brand/:id/externalVetting', (req, res) => {
    const brand = findBrand(accountOf(res), String(req.params.id));
    if (!brand) return notFound(res, `brand '${String(req.params.id)}'`);
    const b = body(req);
    if (typeof b.evpId !== 'string' || typeof b.vettingClass !== 'string')
      return sendTelnyxError(
        res,
        faceError(
          400,
          'missingParameter',
          'evpId and vettingClass are required',
          typeof b.evpId === 'string' ? '/vettingClass' : '/evpId',
        ),
      );
    if (refuse(res, exec(res, { action: 'request_vetting', brand: brand.id }))) return;
    putRecord(res, recordIds.vetting(brand.id), 'vetting', { evpId: b.evpId, vettingClass: b.vettingClass });
    res.json(vettingView(accountOf(res), brand.id));
  });
  r.get('/v2/10dlc/brand/:id/externalVetting', (req, res) => {
    const account = accountOf(res);
    const brand = findBrand(account, String(req.params.id));
    if (!brand) return notFound(res, `brand '${String(req.params.id)}'`);
    res.json(account.records[recordIds.vetting(brand.id)] ? [vettingView(account, brand.id)] : []);
  });
}

/** How the engine's field names read in Telnyx's requests, for an error's `source.pointer`. */
const BRAND_FIELDS: Record<string, string> = { name: '/displayName' };

/** The registry's fields of a brand: set at registration, not changed by an update. */
const BRAND_ENGINE_FIELDS = [
  'entityType',
  'ein',
  'country',
  'email',
  'vertical',
  'stockSymbol',
  'stockExchange',
];

/** The JSON type each brand field takes, as the SDK's types say. */
const BRAND_TYPES: Record<string, FieldType> = Object.fromEntries(
  [...BRAND_FACE_FIELDS, ...BRAND_ENGINE_FIELDS].map((k) => [k, 'string' as const]),
);
