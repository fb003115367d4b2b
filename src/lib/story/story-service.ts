import { STORY_CONSENT_VERSION } from '../../config.ts';
import { withinDatabaseTimeout } from '../db/database-work.ts';
import { type FormPostOutcome, handleFormPost } from '../forms/handle-form-post.ts';
import type { Platform } from '../platform.ts';
import { formRateLimit } from '../security/rate-limit.ts';
import { fingerprint, type SealingKeys, sealingKeys } from '../security/seal.ts';
import { requireSecret } from '../security/secrets.ts';
import { humanCheck, turnstileKey, turnstileSiteKey } from '../security/turnstile.ts';
import { sealStory, storeStory } from './store-story.ts';
import { type Story, type StoryErrors, type StoryFormValues, validateStory } from './validate.ts';

/** What the /speak-out endpoint answers: nothing about the story, only that it arrived. */
export type StoryOutcome = FormPostOutcome<StoryFormValues, StoryErrors, Record<never, never>>;

/**
 * A story is up to 10,000 characters, which a plain form may send percent-encoded at up to 9 bytes each: the body may
 * be that large, and no larger.
 */
const STORY_BODY_LIMIT = 128 * 1024;

// Derived once per isolate and key: keys, never a promise of them (see src/lib/security/hmac.ts).
let derived: { secret: string; keys: SealingKeys } | undefined;

/** The keys that seal stories, from SUBMISSION_KEY: missing or malformed, the story is refused with "try again". */
async function storyKeys(platform: Pick<Platform, 'secrets' | 'log'>): Promise<SealingKeys> {
  const secret = requireSecret(platform, 'storyKey');
  if (derived?.secret !== secret) derived = { secret, keys: await sealingKeys(secret) };
  return derived.keys;
}

/**
 * Taking in a story sent through /speak-out: the form's checks (src/lib/forms/handle-form-post.ts), then the story
 * sealed field by field and stored within DATABASE_TIMEOUT_MS. Unlike a pledge it is never queued: a writer whose
 * story could not be stored is asked to send it again, with everything they wrote kept on the page.
 */
export function storyService(platform: Platform) {
  return {
    /** What /speak-out and its thanks page state, and Turnstile's site key when the check is on. */
    formPage: () => ({ turnstileSiteKey: turnstileSiteKey(platform), retentionDays: platform.settings.STORY_RETENTION_DAYS }),

    /** POST /api/speak-out. */
    take(request: Request, siteUrl: URL): Promise<StoryOutcome> {
      return handleFormPost(request, {
        form: 'story',
        validate: validateStory,
        record: async (story) => {
          const row = await sealStory(story, { keys: await storyKeys(platform), now: () => platform.clock.now(), consentVersion: STORY_CONSENT_VERSION });
          await withinDatabaseTimeout(platform, 'storing a story', (db) => storeStory(db, row));
          return {};
        },
        answerBot: async () => ({}),
        rateLimit: formRateLimit(platform, 'story'),
        // A resend of the same story may verify its token again; the token cannot carry another story.
        verifyHuman: humanCheck(platform, {
          form: 'story',
          hostname: siteUrl.hostname,
          keyOf: async (story: Story) =>
            turnstileKey(requireSecret(platform, 'hmacSecret'), story.idempotencyKey, await fingerprint(await storyKeys(platform), story.story)),
        }),
        logError: platform.log.error,
        bodyLimit: STORY_BODY_LIMIT,
      });
    },
  };
}
