// The home page marks a milestone the count passed in the last days, with the editors' message for it, and moves it
// in only for readers who have not asked for reduced motion. The tally is answered by the test (a route), so that the
// moment does not depend on what other scenarios pledged.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { formatCount } from '../../src/lib/format-count.ts';
import { useBrowser } from '../support/browser.ts';
import { FIXTURE_MILESTONES } from '../support/fake-platform.ts';

const site = inject('previewUrl');
const visitor = useBrowser(site);
const HOUR_MS = 3_600_000;

/** The home page, its tally answered with the first milestone reached `ago` ms before now. */
async function homeWithMilestone(page: Page, ago: number | null, total = 1_003) {
  await page.route('**/api/tally', (route) =>
    route.fulfill({
      json: {
        total,
        online: total,
        offline: 0,
        goal: 2_500,
        nextMilestone: 2_500,
        updatedAt: new Date().toISOString(),
        byCountry: {},
        milestones: FIXTURE_MILESTONES.map(({ value }, index) => ({ value, reachedAt: index === 0 && ago !== null ? new Date(Date.now() - ago).toISOString() : null })),
      },
    }),
  );
  await page.goto(`${site}/`);
  // The count the page was served with is replaced by the answer above: only then has the moment had its tally.
  await page.locator('[data-tally-total]', { hasText: new RegExp(`^${formatCount(total, 'en')}$`) }).waitFor();
}

describe('the milestone moment on the home page', () => {
  it("shows the editors' message for a milestone reached in the last days, moving in", async () => {
    const page = await visitor.visit('/about');
    await homeWithMilestone(page, HOUR_MS);
    const moment = page.locator('[data-milestone-moment]');
    await moment.waitFor();
    expect(await moment.textContent()).toContain(FIXTURE_MILESTONES[0]!.message.en);
    expect(await page.locator('.milestone-moment').evaluate((element) => getComputedStyle(element).animationName)).toBe('milestone-in');
  });

  it('does not move for a reader who asked for reduced motion', async () => {
    const page = await visitor.visit('/about', { reducedMotion: 'reduce' });
    await homeWithMilestone(page, HOUR_MS);
    await page.locator('[data-milestone-moment]').waitFor();
    expect(await page.locator('.milestone-moment').evaluate((element) => getComputedStyle(element).animationName)).toBe('none');
  });

  it('says nothing of a milestone reached weeks ago, of one the count has fallen back under, or of none', async () => {
    for (const [ago, total] of [[8 * 24 * HOUR_MS, 1_003], [HOUR_MS, 880], [null, 1_003]] as const) {
      const page = await visitor.visit('/about');
      await homeWithMilestone(page, ago, total);
      expect(await page.locator('[data-milestone-moment]').isHidden()).toBe(true);
    }
  });
});
