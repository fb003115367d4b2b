import { STORY_CONSENT_VERSION } from '../../config.ts';
import { withinDatabaseTimeout } from '../db/database-work.ts';
import { type FormPostOutcome, handleFormPost } from '../forms/handle-form-post.ts';
import { MissingConfiguration } from '../missing-configuration.ts';
import type { Platform } from '../platform.ts';
import { keyedHash } from '../security/purpose-keys.ts';
import { formRateLimit } from '../security/rate-limit.ts';
import { requireSecret } from '../security/secrets.ts';
import { humanCheck, turnstileKey, turnstileSiteKey } from '../security/turnstile.ts';
import { parseRecipients } from './seal-story.ts';
import { sealStory, storeStory } from './store-story.ts';
import { type Story, type StoryErrors, type StoryFormValues, validateStory } from './validate.ts';

/** What the /speak-out endpoint answers: nothing about the story, only that it arrived. */
export type StoryOutcome = FormPostOutcome<StoryFormValues, StoryErrors, Record<never, never>>;

/**
 * A story is up to 10,000 characters, which a plain form may send percent-encoded at up to 9 bytes each: the body may
 * be that large, and no larger.
 */
const STORY_BODY_LIMIT = 128 * 1024;

/**
 * The editors' public keys (STORY_RECIPIENTS). Missing or malformed, nothing can be sealed: the story is refused
 * with "try again" (503), said loudly once, and never stored in the clear.
 */
function editorsRecipients(platform: Pick<Platform, 'secrets' | 'log'>): string[] {
  const parsed = parseRecipients(platform.secrets.storyRecipients);
  if ('recipients' in parsed) return parsed.recipients;
  platform.log.warnOnce(`${parsed.problem}: stories cannot be sealed (see README, "Stories from readers")`);
  throw new MissingConfiguration('STORY_RECIPIENTS');
}

/**
 * Taking in a story sent through /speak-out: the form's checks (src/lib/forms/handle-form-post.ts), then the story
 * sealed to the editors' public keys and stored within DATABASE_TIMEOUT_MS. Unlike a pledge it is never queued: a
 * writer whose story could not be stored is asked to send it again, with everything they wrote kept on the page.
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
        // A story that came with the trap field filled in is kept, flagged for an editor: a person's browser may have
        // filled it, and a survivor's story must never be dropped while they are thanked.
        record: async (story, { trapped }) => {
          const row = await sealStory(story, {
            recipients: editorsRecipients(platform),
            hmacSecret: requireSecret(platform, 'hmacSecret'),
            now: () => platform.clock.now(),
            consentVersion: STORY_CONSENT_VERSION,
            status: trapped ? 'flagged' : 'new',
          });
          await withinDatabaseTimeout(platform, 'storing a story', (db) => storeStory(db, row));
          return {};
        },
        rateLimit: formRateLimit(platform, 'story'),
        // A resend of the same story may verify its token again; the token cannot carry another story.
        verifyHuman: humanCheck(platform, {
          form: 'story',
          hostname: siteUrl.hostname,
          keyOf: async (story: Story) => {
            const secret = requireSecret(platform, 'hmacSecret');
            return turnstileKey(secret, story.idempotencyKey, await keyedHash(secret, 'story-form', story.story));
          },
        }),
        logError: platform.log.error,
        bodyLimit: STORY_BODY_LIMIT,
      });
    },
  };
}
