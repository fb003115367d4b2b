import { type FormPostOutcome, handleFormPost } from '../forms/handle-form-post';
import type { RateLimitResult } from '../security/rate-limit';
import type { HumanCheck } from '../security/turnstile';
import { type StoryErrors, type StoryFormValues, type Submission, validateStory } from './validate';

/** What the /speak-out endpoint answers: nothing about the story, only that it arrived. */
export type StoryOutcome = FormPostOutcome<StoryFormValues, StoryErrors, Record<never, never>>;

export interface HandleStoryDeps {
  /** Seals and stores the story; throws when it cannot. */
  store: (submission: Submission) => Promise<void>;
  rateLimit?: ((request: Request) => Promise<RateLimitResult>) | undefined;
  verifyHuman?: ((token: unknown, submission: Submission) => Promise<HumanCheck>) | undefined;
  logError: (message: string, error: unknown) => void;
}

/**
 * A story is up to 10,000 characters, which a plain form may send percent-encoded at up to 9 bytes each: the body may
 * be that large, and no larger.
 */
export const STORY_BODY_LIMIT = 128 * 1024;

/** A story sent through /speak-out, taken in as every form is (src/lib/forms/handle-form-post.ts). */
export function handleStory(request: Request, deps: HandleStoryDeps): Promise<StoryOutcome> {
  return handleFormPost(request, {
    what: 'story',
    validate: validateStory,
    record: async (submission) => {
      await deps.store(submission);
      return {};
    },
    answerBot: async () => ({}),
    rateLimit: deps.rateLimit,
    verifyHuman: deps.verifyHuman,
    logError: deps.logError,
    bodyLimit: STORY_BODY_LIMIT,
  });
}
