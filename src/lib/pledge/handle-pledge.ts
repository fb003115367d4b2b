import { readPledgeBody } from '../http/read-body';
import { isCrossSite } from '../security/cross-site';
import { type RecordedPledge } from './record-pledge';
import { type FieldErrors, type Pledge, type PledgeFormValues, validatePledge } from './validate';

export const UNAVAILABLE_MESSAGE =
  'We could not record your pledge just now. Nothing was saved. Please try again in a few moments.';
export const RETRY_AFTER_SECONDS = 5;

/** What the endpoint should answer; the Astro route turns it into a Response or a re-rendered form. */
export type PledgeOutcome =
  | { kind: 'recorded'; format: 'form' | 'json'; total: number }
  | { kind: 'invalid'; format: 'form' | 'json'; errors: FieldErrors; values: PledgeFormValues }
  | { kind: 'unavailable'; format: 'form' | 'json'; values: PledgeFormValues }
  | { kind: 'refused'; status: 400 | 403 | 413 | 415; message: string };

export interface HandlePledgeDeps {
  record: (pledge: Pledge) => Promise<RecordedPledge>;
  logError: (message: string, error: unknown) => void;
}

/** Parse → validate → record. Any failure to record is "try again" (503): never a 500 with internals. */
export async function handlePledge(request: Request, { record, logError }: HandlePledgeDeps): Promise<PledgeOutcome> {
  if (isCrossSite(request)) {
    return { kind: 'refused', status: 403, message: 'Pledges can only be sent from the Walkaway site itself' };
  }
  const body = await readPledgeBody(request);
  if (!body.ok) return { kind: 'refused', status: body.status, message: body.message };

  const validation = validatePledge(body.data);
  if (!validation.ok) return { kind: 'invalid', format: body.format, errors: validation.errors, values: validation.values };

  try {
    const { total } = await record(validation.pledge);
    return { kind: 'recorded', format: body.format, total };
  } catch (error) {
    logError('pledge could not be recorded', error);
    return { kind: 'unavailable', format: body.format, values: validation.values };
  }
}
