import type { FaceRecord } from '../../../../engine/world/index.js';
import { telnyxIds } from '../ids.js';
import { iso, str } from './common.js';

export interface ProfileView {
  id: string;
  record_type: 'messaging_profile';
  name: string;
  enabled: boolean;
  webhook_url: string | null;
  webhook_failover_url: string | null;
  webhook_api_version: '2';
  whitelisted_destinations: string[];
  number_pool_settings: null;
  url_shortener_settings: null;
  alpha_sender: string | null;
  created_at: string;
  updated_at: string;
}

export function profileView(pool: string, record: FaceRecord | undefined, fallbackAt: number): ProfileView {
  const data = record?.data;
  const wl = data?.whitelisted_destinations;
  return {
    id: telnyxIds.profile(pool),
    record_type: 'messaging_profile',
    name: str(data, 'name') ?? pool,
    enabled: data?.enabled !== false,
    webhook_url: str(data, 'webhook_url') ?? null,
    webhook_failover_url: str(data, 'webhook_failover_url') ?? null,
    webhook_api_version: '2',
    whitelisted_destinations: Array.isArray(wl)
      ? wl.filter((d): d is string => typeof d === 'string')
      : ['US'],
    number_pool_settings: null,
    url_shortener_settings: null,
    alpha_sender: str(data, 'alpha_sender') ?? null,
    created_at: iso(record?.createdAt ?? fallbackAt),
    updated_at: iso(record?.updatedAt ?? fallbackAt),
  };
}
