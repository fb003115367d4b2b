import { SETTING_DEFAULTS, type SettingName } from '../config.ts';
import type { Settings } from './platform.ts';

const SETTING_NAMES = Object.keys(SETTING_DEFAULTS) as SettingName[];

/**
 * The settings from wrangler.jsonc `vars` (strings), each a positive whole number; anything else (missing, empty,
 * negative, "3s") is the default in src/config.ts, so a typo can never turn a timeout or a retention period off.
 */
export function readSettings(vars: Partial<Record<SettingName, unknown>>): Settings {
  return Object.fromEntries(
    SETTING_NAMES.map((name) => {
      const value = vars[name];
      const parsed = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
      return [name, Number.isSafeInteger(parsed) && parsed > 0 ? parsed : SETTING_DEFAULTS[name]];
    }),
  ) as Settings;
}
