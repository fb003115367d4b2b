import { readWranglerConfig } from '../../scripts/lib/wrangler-config.ts';

/** wrangler.jsonc as Wrangler reads it, typed as far as the tests look into it. */
export function wranglerConfig() {
  const config = readWranglerConfig();
  return config as {
    main: string;
    vars: Record<string, string>;
    ratelimits: Array<{ name: string; namespace_id: string; simple: { limit: number; period: number } }>;
    queues: {
      producers: Array<{ binding: string; queue: string }>;
      consumers: Array<Record<string, unknown> & { queue: string }>;
    };
    triggers: { crons: string[] };
    send_email: Array<{ name: string }>;
  } & Record<string, unknown>;
}
