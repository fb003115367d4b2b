// The scheduled job on a fake platform: the recount repairs drift, retention removes what it should and nothing
// else, and a failing part neither hides nor stops the others.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maintenanceService } from '../../src/lib/maintenance/maintenance-service.ts';
import { addPledges, type FakePlatform, fakePlatform } from '../support/fake-platform.ts';

const DAY = 86_400_000;
let platform: FakePlatform;

beforeEach(async () => {
  platform = await fakePlatform({ settings: { PLEDGE_RETENTION_DAYS: 30, STORY_RETENTION_DAYS: 10, DRAFTED_STORY_RETENTION_DAYS: 100 } });
});
afterEach(() => platform.dispose());

const one = async (sql: string) => (await platform.sql.execute(sql)).rows[0]?.[0];
const now = () => platform.clock.now().getTime();

async function addStory(status: string, ageDays: number) {
  await platform.sql.execute({
    sql: `INSERT INTO submissions (dedupe_key, story, credit, relationship, consent_version, status, created_at)
          VALUES (?, 'sealed', 'anonymous', 'survivor', 'v/en', ?, ?)`,
    args: [`${status}-${ageDays}`, status, now() - ageDays * DAY],
  });
}

describe('the recount', () => {
  it('repairs a tally that drifted from the pledges, and says what it corrected', async () => {
    await addPledges(platform, ['GB', 'GB', null]);
    await platform.sql.batch(['UPDATE tally SET total = 99', "UPDATE tally_by_country SET total = 7 WHERE country = 'GB'"], 'write');
    await maintenanceService(platform).run();
    expect([await one('SELECT total FROM tally'), await one("SELECT total FROM tally_by_country WHERE country = 'GB'")]).toEqual([3, 2]);
    expect(platform.lines).toContain('[walkaway] recount corrected total 99 → 3, 1 country');
  });

  it('says so when nothing drifted', async () => {
    await maintenanceService(platform).run();
    expect(platform.lines).toContain('[walkaway] recount: the tally matches the pledges');
  });
});

describe('retention', () => {
  it('removes first names of pledges older than PLEDGE_RETENTION_DAYS, keeping the pledges', async () => {
    await platform.sql.batch(
      [
        { sql: "INSERT INTO pledges (email_hmac, idempotency_key, first_name, created_at) VALUES ('a', 'k', 'Old', ?)", args: [now() - 31 * DAY] },
        { sql: "INSERT INTO pledges (email_hmac, idempotency_key, first_name, created_at) VALUES ('b', 'k', 'New', ?)", args: [now() - 29 * DAY] },
      ],
      'write',
    );
    await maintenanceService(platform).run();
    expect((await platform.sql.execute('SELECT first_name FROM pledges ORDER BY email_hmac')).rows.map((row) => row[0])).toEqual([null, 'New']);
    expect(await one('SELECT total FROM tally')).toBe(2);
  });

  it('deletes untaken stories (new, declined, flagged) older than STORY_RETENTION_DAYS, drafted ones older than DRAFTED_STORY_RETENTION_DAYS', async () => {
    await addStory('new', 11);
    await addStory('declined', 12);
    await addStory('flagged', 13);
    await addStory('drafted', 101);
    await addStory('drafted', 99);
    await addStory('new', 9);
    await addStory('flagged', 9);
    await maintenanceService(platform).run();
    expect((await platform.sql.execute('SELECT dedupe_key FROM submissions ORDER BY dedupe_key')).rows.map((row) => row[0])).toEqual([
      'drafted-99',
      'flagged-9',
      'new-9',
    ]);
    expect(platform.lines).toContain('[walkaway] retention: deleted 3 stories no editor took up, older than 10 days');
    expect(platform.lines).toContain('[walkaway] retention: deleted 1 drafted stories from the database, older than 100 days');
  });

  it('states the periods it applies, for /privacy', () => {
    expect(maintenanceService(platform).retentionDays()).toEqual({ pledge: 30, story: 10, draftedStory: 100, pendingPledge: 7 });
  });
});

describe('the published counts by country', () => {
  const published = async () =>
    (await platform.sql.execute('SELECT country, total FROM published_countries ORDER BY country')).rows.map((row) => [row[0], row[1]]);

  it('change only when the job runs, and leave out every country under the threshold', async () => {
    await addPledges(platform, ['GB', 'GB', 'GB', 'GB', 'GB', 'FR', 'FR', 'FR', 'FR']);
    const before = await published();
    await maintenanceService(platform).run();
    expect(await published()).toEqual([['GB', 5]]);
    await addPledges(platform, ['FR', 'GB']);
    expect(await published()).toEqual([['GB', 5]]);
    await maintenanceService(platform).run();
    expect(await published()).toEqual([
      ['FR', 5],
      ['GB', 6],
    ]);
    expect(before).not.toContainEqual(['FR', expect.anything()]);
  });

  it('are logged as a number of countries, never a country and its count', async () => {
    await addPledges(platform, ['GB', 'GB', 'GB', 'GB', 'GB']);
    await platform.sql.execute("UPDATE tally_by_country SET total = 7 WHERE country = 'GB'");
    await maintenanceService(platform).run();
    expect(platform.lines).toContain('[walkaway] published the counts of 1 countries');
    expect(platform.lines.join('\n')).not.toMatch(/GB/);
  });
});

describe('a failing part', () => {
  it('does not stop the others, and the job fails so the platform reports it', async () => {
    await platform.sql.execute('DROP TABLE submissions');
    await platform.sql.execute("INSERT INTO pledges (email_hmac, idempotency_key, first_name, created_at) VALUES ('a', 'k', 'Old', 0)");
    await platform.sql.execute('UPDATE tally SET total = 5');
    await expect(maintenanceService(platform).run()).rejects.toThrow(/submissions/);
    expect(await one('SELECT total FROM tally')).toBe(1);
    expect(await one('SELECT first_name FROM pledges')).toBeNull();
    expect(platform.lines.some((line) => line.startsWith('[walkaway] scheduled maintenance failed'))).toBe(true);
  });

  it('fails loudly without a database', async () => {
    const unconfigured = await fakePlatform({ withoutDatabase: true });
    try {
      await expect(maintenanceService(unconfigured).run()).rejects.toThrow('TURSO_DATABASE_URL is not configured');
    } finally {
      unconfigured.dispose();
    }
  });
});
