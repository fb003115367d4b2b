import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { projectRoot } from './astro-cli.ts';

/** wrangler.jsonc as Wrangler reads it: JSON with comments and trailing commas (parsed by TypeScript's JSONC reader). */
export function wranglerConfig() {
  const file = join(projectRoot, 'wrangler.jsonc');
  const { config, error } = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8'));
  if (error) throw new Error(`wrangler.jsonc does not parse: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
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
