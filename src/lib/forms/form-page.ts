import { type Locale, localizePath } from '../../i18n/locales';

/**
 * A form's page rendered again in place of the endpoint's answer (Astro's rewrite of a fresh GET), in the form's
 * language: what was typed travels in `locals`, never in the address.
 */
export function formPageAgain(context: { rewrite: (request: Request) => Promise<Response>; url: URL }, path: string, lang: Locale) {
  return context.rewrite(new Request(new URL(localizePath(path, lang), context.url), { method: 'GET' }));
}
