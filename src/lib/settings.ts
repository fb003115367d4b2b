import { DEFAULT_EMAIL_SENDER_NAME, SETTING_DEFAULTS, type SettingName, type TEXT_SETTING_NAMES } from '../config.ts';
import type { MailSettings, Settings } from './platform.ts';
import { pledgeConfirmationOf } from './pledge/prepare-pledge.ts';

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

const textSetting = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** PLEDGE_CONFIRMATION, EMAIL_FROM, EMAIL_SENDER_NAME and EMAIL_SUBJECT from wrangler.jsonc `vars`. */
export function readMailSettings(vars: Partial<Record<(typeof TEXT_SETTING_NAMES)[number], unknown>>): MailSettings {
  return {
    confirmation: pledgeConfirmationOf(vars.PLEDGE_CONFIRMATION),
    from: textSetting(vars.EMAIL_FROM),
    senderName: textSetting(vars.EMAIL_SENDER_NAME) ?? DEFAULT_EMAIL_SENDER_NAME,
    subject: textSetting(vars.EMAIL_SUBJECT),
  };
}

/**
 * Why a deployment could not send its confirmation emails, or undefined when it can: with PLEDGE_CONFIRMATION=email,
 * EMAIL_FROM must be an address, and not the placeholder on a reserved `.example` domain. `npm run deploy` refuses,
 * and a deployed Worker refuses pledges (src/lib/pledge/pledge-service.ts).
 */
export function senderProblem({ confirmation, from }: MailSettings): string | undefined {
  if (confirmation === 'none') return undefined;
  if (!from || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(from)) return 'EMAIL_FROM is not an email address: confirmation emails could not be sent (wrangler.jsonc vars).';
  if (/\.example$/i.test(from)) return `EMAIL_FROM is the placeholder ${from}: set an address on your domain onboarded to Cloudflare Email Service, or PLEDGE_CONFIRMATION=none (wrangler.jsonc vars).`;
  return undefined;
}

/** senderProblem of the settings as wrangler.jsonc `vars` give them. */
export const mailSettingsProblem = (vars: Parameters<typeof readMailSettings>[0]) => senderProblem(readMailSettings(vars));
