import { type FormPostOutcome, handleFormPost } from '../forms/handle-form-post';
import type { RateLimitResult } from '../security/rate-limit';
import type { HumanCheck } from '../security/turnstile';
import type { RecordedPledge } from './record-or-queue';
import { type FieldErrors, type Pledge, type PledgeFormValues, validatePledge } from './validate';

/** What the pledge endpoint answers: the count, and whether the pledge waits in the queue. */
export type PledgeOutcome = FormPostOutcome<PledgeFormValues, FieldErrors, { total: number; queued?: true }>;

export interface HandlePledgeDeps {
  /** Stores the pledge, or queues it while the database does not answer; throws only when neither works. */
  record: (pledge: Pledge) => Promise<RecordedPledge>;
  /** The public total, to answer a bot as if it had pledged. */
  currentTotal: () => Promise<number>;
  /** Absent where no rate limiter is bound (unit tests, scripts). */
  rateLimit?: ((request: Request) => Promise<RateLimitResult>) | undefined;
  /** Absent where Turnstile is not configured (local development). */
  verifyHuman?: ((token: unknown, pledge: Pledge) => Promise<HumanCheck>) | undefined;
  logError: (message: string, error: unknown) => void;
}

/** A pledge, taken in as every form is (src/lib/forms/handle-form-post.ts). */
export function handlePledge(request: Request, deps: HandlePledgeDeps): Promise<PledgeOutcome> {
  return handleFormPost(request, {
    what: 'pledge',
    validate: (data) => {
      const validation = validatePledge(data);
      return validation.ok ? { ok: true, valid: validation.pledge, values: validation.values } : validation;
    },
    record: async (pledge) => {
      const { total, queued } = await deps.record(pledge);
      return { total, ...(queued ? { queued: true as const } : {}) };
    },
    answerBot: async () => ({ total: await deps.currentTotal() }),
    rateLimit: deps.rateLimit,
    verifyHuman: deps.verifyHuman,
    logError: deps.logError,
  });
}
