import { isLocale, type Locale } from '../../i18n/locales.ts';
import type { PledgeAnswer } from '../pledge/pledge-service.ts';

/** The pledge form partners frame, and the query parameters it reads. */
export const EMBED_PLEDGE_PATH = '/embed/pledge';
export const PARTNER_PARAM = 'partner';
/** The language the partner's page is in (embed.js sends it): the form answers in it when the site has it. */
export const LANGUAGE_PARAM = 'lang';
/** Where the plain form (without JavaScript) lands once the pledge is taken: its thanks, still inside the frame. */
export const PLEDGED_PARAM = 'pledged';

export const PLEDGED_STATES = ['counted', 'queued', 'check-email'] as const;
export type PledgedState = (typeof PLEDGED_STATES)[number];

/** `/embed/pledge?partner=<code>`, with the state it landed in after a pledge. */
export function embedPledgePath(partner: string, pledged?: PledgedState): string {
  const query = new URLSearchParams({ [PARTNER_PARAM]: partner, ...(pledged && { [PLEDGED_PARAM]: pledged }) });
  return `${EMBED_PLEDGE_PATH}?${query}`;
}

/** What the pledge's answer means for the thanks shown in the frame. */
export const pledgedStateOf = (answer: PledgeAnswer): PledgedState => ('status' in answer ? 'check-email' : answer.queued ? 'queued' : 'counted');

/** The state in the address, when it is one of ours; anything else shows the form. */
export const pledgedStateIn = (value: string | null): PledgedState | undefined =>
  PLEDGED_STATES.find((state) => state === value);

/**
 * The language the frame is shown in: the one the partner's page asked for when the site has it (and the partner
 * offers it), else the page's own when the partner offers it, else the first the partner offers.
 */
export function embedLanguage(page: Locale, { asked, offered }: { asked: string | null; offered: readonly Locale[] | undefined }): Locale {
  const available = (lang: Locale) => !offered || offered.includes(lang);
  const primary = asked?.split('-')[0]?.toLowerCase();
  if (isLocale(primary) && available(primary)) return primary;
  if (available(page)) return page;
  return offered![0]!;
}
