// The site's two forms, the pledge and the story sent through /speak-out, named in one place: their pages, where they
// post, the Turnstile action their widget names (siteverify reports it back, so a pledge's token cannot send a story)
// and where each message of their error summary leads. Plain values: the browser scripts read them too.

/**
 * Where each message in a form's error summary links to, for fields whose control is not named after them: a group
 * of radios' first radio, or the submit button for what is no one field's (`problem`: the database, the rate limit).
 */
export type ErrorTargets = Readonly<Record<string, string>> & { readonly problem: string };

const submitTargets = (submit: string) => ({ idempotencyKey: submit, turnstile: submit, problem: submit });

export const SITE_FORMS = {
  pledge: {
    page: '/pledge',
    thanks: '/pledge/thanks',
    /** Where a pledge lands that waits for its confirmation by email. */
    checkEmail: '/pledge/check-email',
    endpoint: '/api/pledge',
    turnstileAction: 'pledge',
    errorTargets: submitTargets('pledge-submit'),
  },
  story: {
    page: '/speak-out',
    thanks: '/speak-out/thanks',
    endpoint: '/api/speak-out',
    turnstileAction: 'speak-out',
    errorTargets: { ...submitTargets('story-submit'), credit: 'credit-anonymous', relationship: 'relationship-survivor' },
  },
} as const satisfies Record<string, { errorTargets: ErrorTargets } & Record<string, unknown>>;

export type SiteForm = keyof typeof SITE_FORMS;
