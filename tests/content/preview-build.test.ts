// A pull request's preview build (what `npm run preview:deploy` builds): drafts shown, never indexed, and the preview
// Worker's configuration, with no binding that could write or send anything. And it never goes live.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_CONTENT, runAstro, runNode } from '../support/astro-cli.ts';
import { copySite, type SiteCopy } from '../support/site-copy.ts';

let copy: SiteCopy;
const PREVIEW = { WALKAWAY_PREVIEW_BUILD: '1', CLOUDFLARE_ENV: 'preview', WALKAWAY_CONTENT_DIR: FIXTURE_CONTENT };

beforeAll(async () => {
  copy = copySite();
  const { code, output } = await runAstro(['build'], { cwd: copy.dir, env: PREVIEW });
  if (code !== 0) throw new Error(`the preview build failed:\n${output}`);
}, 0);
afterAll(() => copy.remove());

describe('the preview build', () => {
  it('shows drafts', () => {
    expect(existsSync(copy.path('dist/client/stories/a-draft-story.html'))).toBe(true);
  });

  it('is kept out of search engines: robots.txt disallows everything and every page says noindex', () => {
    expect(readFileSync(copy.path('dist/client/robots.txt'), 'utf8')).toBe('User-agent: *\nDisallow: /\n');
    for (const page of ['index.html', 'stories/a-draft-story.html', 'es/about.html']) {
      expect(readFileSync(copy.path('dist/client', page), 'utf8')).toContain('<meta name="robots" content="noindex">');
    }
  });

  it('is the preview Worker, with no database, queue, mail or rate limiter, no secret and no schedule', () => {
    const config = JSON.parse(readFileSync(copy.path('dist/server/wrangler.json'), 'utf8')) as Record<string, unknown>;
    expect(config.name).toBe('walkaway-preview');
    for (const binding of ['queues', 'send_email', 'ratelimits']) {
      const value = config[binding] as unknown[] | { producers?: unknown[] } | undefined;
      expect([undefined, 0]).toContain(Array.isArray(value) ? value.length || undefined : value?.producers?.length || undefined);
    }
    expect((config.secrets as { required?: string[] } | undefined)?.required ?? []).toEqual([]);
    expect((config.triggers as { crons?: string[] } | undefined)?.crons ?? []).toEqual([]);
  });

  it('never goes live: npm run deploy refuses it', async () => {
    const { code, output } = await runNode(['scripts/deploy.ts', '--dry-run'], { cwd: copy.dir, env: { ...PREVIEW, SITE_URL: 'https://walkaway.example' } });
    expect(output).toContain('npm run deploy refused: WALKAWAY_PREVIEW_BUILD or CLOUDFLARE_ENV=preview is set');
    expect(code).toBe(1);
  });

  it('is uploaded only with a token, and for a pull request named by its number', async () => {
    const withoutNumber = await runNode(['scripts/preview-deploy.ts'], { cwd: copy.dir, env: { CLOUDFLARE_API_TOKEN: 't' } });
    expect(withoutNumber.output).toContain('give the pull request number');
    const withoutToken = await runNode(['scripts/preview-deploy.ts', '42'], { cwd: copy.dir, env: { CLOUDFLARE_API_TOKEN: '' } });
    expect(withoutToken.output).toContain('CLOUDFLARE_API_TOKEN is not set');
    expect([withoutNumber.code, withoutToken.code]).toEqual([1, 1]);
  });
});
