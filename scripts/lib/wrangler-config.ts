import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const file = fileURLToPath(new URL('../../wrangler.jsonc', import.meta.url));

/** wrangler.jsonc as Wrangler reads it: JSON with comments and trailing commas (parsed by TypeScript's JSONC reader). */
export function readWranglerConfig(): { vars?: Record<string, string> } & Record<string, unknown> {
  const { config, error } = ts.parseConfigFileTextToJson(file, readFileSync(file, 'utf8'));
  if (error) throw new Error(`wrangler.jsonc does not parse: ${ts.flattenDiagnosticMessageText(error.messageText, '\n')}`);
  return config;
}
