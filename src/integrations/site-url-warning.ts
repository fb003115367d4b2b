import type { AstroIntegration } from 'astro';
import { LOCAL_BUILD_WARNING } from '../lib/site-url.ts';

/** A build without SITE_URL works, for local checks, but says once, clearly, where its links will point. */
export function siteUrlWarning(siteUrlSet: boolean): AstroIntegration {
  return {
    name: 'walkaway:site-url-warning',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        if (command === 'build' && !siteUrlSet) logger.warn(LOCAL_BUILD_WARNING);
      },
    },
  };
}
