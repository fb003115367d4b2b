// Settings given to `npm run dev` and `npm run preview` in the environment win over the built Worker's .dev.vars,
// which `astro preview` reads instead of the environment (scripts/lib/dev-vars.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { applySettingsToBuiltDevVars, settingOverrides } from '../../scripts/lib/dev-vars.ts';

const dirs: string[] = [];
const devVarsFile = (content?: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'walkaway-devvars-'));
  dirs.push(dir);
  const file = join(dir, '.dev.vars');
  if (content !== undefined) writeFileSync(file, content);
  return file;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('settings from the environment of a local run', () => {
  it('are the wrangler.jsonc settings the environment names, and nothing else from it', () => {
    expect(settingOverrides({ PLEDGE_CONFIRMATION: 'none', EMAIL_RATE_PER_MINUTE: '5', HOME: '/root', PLEDGE_HMAC_SECRET: 's' })).toEqual({
      PLEDGE_CONFIRMATION: 'none',
      EMAIL_RATE_PER_MINUTE: '5',
    });
  });

  it('replace what the built .dev.vars says, keeping the rest of it', () => {
    const file = devVarsFile("PLEDGE_HMAC_SECRET='from-dev-vars'\nPLEDGE_CONFIRMATION='email'\n");
    applySettingsToBuiltDevVars(file, { PLEDGE_CONFIRMATION: 'none' });
    expect(parseEnv(readFileSync(file, 'utf8'))).toEqual({ PLEDGE_HMAC_SECRET: 'from-dev-vars', PLEDGE_CONFIRMATION: 'none' });
  });

  it('start again from what the build wrote on each run: one run’s settings never stay for the next', () => {
    const file = devVarsFile("PLEDGE_HMAC_SECRET='from-dev-vars'\n");
    applySettingsToBuiltDevVars(file, { PLEDGE_CONFIRMATION: 'none' });
    applySettingsToBuiltDevVars(file, { EMAIL_RATE_PER_MINUTE: '5' });
    expect(parseEnv(readFileSync(file, 'utf8'))).toEqual({ PLEDGE_HMAC_SECRET: 'from-dev-vars', EMAIL_RATE_PER_MINUTE: '5' });
  });

  it('write nothing when the build left no .dev.vars: the preview then reads the environment itself', () => {
    const file = devVarsFile();
    applySettingsToBuiltDevVars(file, { PLEDGE_CONFIRMATION: 'none' });
    expect(() => readFileSync(file)).toThrow();
  });

  it('refuse a value that would not read back as written', () => {
    const file = devVarsFile("PLEDGE_CONFIRMATION='email'\n");
    expect(() => applySettingsToBuiltDevVars(file, { EMAIL_SUBJECT: "it's\nbroken" })).toThrow(/EMAIL_SUBJECT/);
  });
});
