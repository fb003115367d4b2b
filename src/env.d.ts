/** True in a pull request's preview build only (src/preview-build.ts): replaced at build time (astro.config.mjs). */
declare const __WALKAWAY_PREVIEW_BUILD__: boolean;

declare namespace App {
  interface Locals {
    /** Who may frame the page, when its page decides (the embeddable pledge form: its partner's origins). */
    framing?: import('./lib/security/headers.ts').Framing;
    /** Set by POST /api/pledge when the plain form must be shown again, with what the person typed. */
    pledgeForm?: import('./lib/forms/answer-form-post.ts').FormState<
      import('./lib/pledge/validate.ts').PledgeFormValues,
      import('./lib/pledge/validate.ts').PledgeErrors
    >;
    /** Set by POST /api/speak-out when the plain form must be shown again, with what the person wrote. */
    storyForm?: import('./lib/forms/answer-form-post.ts').FormState<
      import('./lib/story/validate.ts').StoryFormValues,
      import('./lib/story/validate.ts').StoryErrors
    >;
  }
}

/** The campaign's milestones, from content/campaign/milestones.yaml (src/integrations/milestones.ts). */
declare module 'virtual:walkaway/milestones' {
  const milestones: readonly import('./lib/tally/milestone-file.ts').Milestone[];
  export default milestones;
}

/** The world map's country outlines, computed at build time (src/integrations/world-map.ts). */
declare module 'virtual:walkaway/world-map' {
  const map: import('./lib/map/world-map.ts').WorldMap;
  export default map;
}
