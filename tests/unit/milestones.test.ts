import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPlatformDatabase } from '../../src/lib/db/database-work.ts';
import { maintenanceService } from '../../src/lib/maintenance/maintenance-service.ts';
import { pledgeService } from '../../src/lib/pledge/pledge-service.ts';
import { queueService } from '../../src/lib/pledge/queue-service.ts';
import { parseMilestones } from '../../src/lib/tally/milestone-file.ts';
import { nextMilestone, recordMilestones } from '../../src/lib/tally/milestones.ts';
import { tallyService } from '../../src/lib/tally/tally-service.ts';
import { addPledges, type FakePlatform, fakePlatform } from '../support/fake-platform.ts';
import { formPost } from '../support/form-post.ts';

const MILESTONES = [1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000];

describe('the next goal', () => {
  it.each([
    [0, 1_000],
    [999, 1_000],
    [1_000, 2_500],
    [2_499, 2_500],
    [99_999, 100_000],
    [999_999, 1_000_000],
    [1_000_000, 2_000_000],
    [3_500_000, 4_000_000],
    [4_000_000, 8_000_000],
  ])('after %i walkaways is %i', (total, goal) => {
    expect(nextMilestone(total, MILESTONES)).toBe(goal);
  });

  it('never moves backwards as the count grows', () => {
    let previous = 0;
    for (let total = 0; total < 5_000_000; total += 7_919) {
      const goal = nextMilestone(total, MILESTONES);
      expect(goal).toBeGreaterThan(total);
      expect(goal).toBeGreaterThanOrEqual(previous);
      previous = goal;
    }
  });
});

describe('the milestones file', () => {
  const FILE = 'content/campaign/milestones.yaml';

  it('gives the values in order, with a message per language where there is one', () => {
    expect(parseMilestones('- value: 10\n  message:\n    en: Ten.\n    es: Diez.\n- value: 20\n', FILE)).toEqual([
      { value: 10, message: { en: 'Ten.', es: 'Diez.' } },
      { value: 20, message: {} },
    ]);
  });

  it.each([
    ['out of order', '- value: 20\n- value: 10\n', 'milestones must be in ascending order, each above the one before: 10 comes after 20'],
    ['a value twice', '- value: 10\n- value: 10\n', '10 comes after 10'],
    ['zero', '- value: 0\n', 'milestone 1 (value): value must be above 0'],
    ['a negative value', '- value: 10\n- value: -5\n', 'milestone 2 (value): value must be above 0'],
    ['a fraction', '- value: 2.5\n', 'value must be a whole number'],
    ['a value written as text', '- value: "1,000"\n', 'value must be a whole number'],
    ['a language the site lacks', '- value: 10\n  message:\n    fr: Dix.\n', 'milestone 1 (message): Unrecognized key: "fr"'],
    ['a field it does not know', '- value: 10\n  colour: red\n', 'milestone 1'],
    ['nothing', '[]\n', 'list at least one milestone'],
    ['broken YAML', '- value: [\n', 'not valid YAML'],
  ])('refuses %s, naming the file', (_, text, message) => {
    expect(() => parseMilestones(text, FILE)).toThrow(`${FILE}: `);
    expect(() => parseMilestones(text, FILE)).toThrow(message);
  });
});

describe('when a milestone is reached', () => {
  const milestones = [3, 5];
  const SITE = new URL('https://walkaway.test/');
  let platform: FakePlatform;
  beforeEach(async () => {
    platform = await fakePlatform({ milestones });
  });
  afterEach(() => platform.dispose());

  const pledge = () => pledgeService(platform).take(formPost('/api/pledge', { email: `p-${randomUUID()}@example.org` }), SITE);
  const reached = async () => Object.fromEntries((await tallyService(platform).current(SITE))!.milestones.map(({ value, reachedAt }) => [value, reachedAt]));
  const stored = async () => JSON.parse(String((await platform.sql.execute('SELECT milestones FROM tally')).rows[0]![0])) as Record<string, number>;

  it('is recorded once, by the pledge that moves the total across it, to the day in public, and kept when the count falls', async () => {
    await pledge();
    await pledge();
    expect(await stored()).toEqual({});
    const calls = platform.databaseCalls();
    platform.setTime(Date.parse('2026-12-02T10:41:37.123Z'));
    await pledge();
    expect(await stored()).toEqual({ 3: Date.parse('2026-12-02T10:41:37.123Z') });
    // The pledge's write and the one that records the milestone; the pledges before wrote nothing more.
    expect(platform.databaseCalls() - calls).toBeLessThanOrEqual(3);
    expect(await reached()).toEqual({ 3: '2026-12-02', 5: null });
    platform.setTime(Date.parse('2026-12-02T11:00:00Z'));
    await pledge();
    await platform.sql.execute("DELETE FROM pledges WHERE id IN (SELECT id FROM pledges LIMIT 3)");
    await maintenanceService(platform).run();
    expect(await stored()).toEqual({ 3: Date.parse('2026-12-02T10:41:37.123Z') });
    await pledge();
    await pledge();
    expect(await stored()).toEqual({ 3: Date.parse('2026-12-02T10:41:37.123Z') });
  });

  it('is recorded by the queue consumer when queued pledges move the total across it', async () => {
    platform.setDatabase('down');
    for (let n = 0; n < 3; n += 1) await pledge();
    platform.setDatabase('up');
    platform.setTime(Date.parse('2026-12-02T12:00:00Z'));
    const messages = platform.queued.map((body, n) => ({ id: String(n), body, attempts: 1, ack: () => undefined, retry: () => undefined }));
    await queueService(platform).consume(messages);
    expect(await stored()).toEqual({ 3: Date.parse('2026-12-02T12:00:00Z') });
  });

  it('is recorded by the recount when repairing the tally moves the total across it, and by paper pledges', async () => {
    await addPledges(platform, [null, null, null]);
    expect(await stored()).toEqual({});
    platform.setTime(Date.parse('2026-12-02T13:00:00Z'));
    await maintenanceService(platform).run();
    expect(await stored()).toEqual({ 3: Date.parse('2026-12-02T13:00:00Z') });
    await platform.sql.execute("INSERT INTO offline_pledges (partner, count, collected_on, added_by, added_at) VALUES ('p', 2, '2026-12-01', 'ana', 0)");
    platform.setTime(Date.parse('2026-12-02T14:00:00Z'));
    await recordMilestones(openPlatformDatabase(platform), [3, 5], platform.clock.now());
    expect(await stored()).toEqual({ 3: Date.parse('2026-12-02T13:00:00Z'), 5: Date.parse('2026-12-02T14:00:00Z') });
  });

  it('is not recorded from a stale count: the database must hold the total at the moment of writing', async () => {
    await pledge();
    await recordMilestones(openPlatformDatabase(platform), [3, 5], platform.clock.now());
    expect(await stored()).toEqual({});
  });
});
