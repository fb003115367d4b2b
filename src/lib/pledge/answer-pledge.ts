import { dictionary } from '../../i18n/dictionary.ts';
import { answerFormPost, type EndpointContext, type FormState } from '../forms/answer-form-post.ts';
import { SITE_FORMS } from '../forms/site-forms.ts';
import { embedPledgePath, pledgedStateOf } from '../partners/embed-pledge.ts';
import type { PledgeOutcome } from './pledge-service.ts';
import type { PledgeErrors, PledgeFormValues } from './validate.ts';

/**
 * The answer to a pledge, from /pledge (POST /api/pledge) or from the form a partner frames (POST /embed/pledge,
 * `partner` set): the same JSON for the enhanced form; the plain form is shown again, or lands on its thanks, in its
 * partner's frame when it came from one, since the site's other pages refuse to be framed.
 */
export function answerPledge(
  outcome: PledgeOutcome,
  { context, keep, partner }: { context: EndpointContext; keep: (state: FormState<PledgeFormValues, PledgeErrors>) => void; partner?: string },
): Response | Promise<Response> {
  return answerFormPost(outcome, {
    form: 'pledge',
    context,
    keep,
    words: (lang) => dictionary(lang).pledge,
    success: (answer) => answer,
    ...(partner && { formPage: embedPledgePath(partner) }),
    landing: (answer) =>
      partner ? embedPledgePath(partner, pledgedStateOf(answer)) : 'status' in answer ? SITE_FORMS.pledge.checkEmail : SITE_FORMS.pledge.thanks,
  });
}
