declare namespace App {
  interface Locals {
    /** Set by POST /api/pledge when the plain form must be shown again, with what the person typed. */
    pledgeForm?: {
      status: 400 | 429 | 503;
      errors?: import('./lib/pledge/validate').FieldErrors;
      /** A failure that is nobody's typing mistake: a key of the dictionary's `pledge` words. */
      problem?: 'unavailable' | 'rateLimited';
      values: import('./lib/pledge/validate').PledgeFormValues;
    };
  }
}

/** The world map's country outlines, computed at build time (src/integrations/world-map.ts). */
declare module 'virtual:walkaway/world-map' {
  const map: import('./lib/map/world-map').WorldMap;
  export default map;
}
