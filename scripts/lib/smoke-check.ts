/** One check of the live site: what was asked, and what went wrong (undefined when it passed). */
export interface SmokeResult {
  what: string;
  problem: string | undefined;
}

async function check(what: string, run: () => Promise<string | undefined>): Promise<SmokeResult> {
  try {
    return { what, problem: await run() };
  } catch (error) {
    return { what, problem: `could not be fetched: ${(error as Error).message}` };
  }
}

/**
 * The smoke check after a release: the home page answers 200 and links to a story, the newest story answers 200, and
 * `/api/tally` answers JSON with a whole-number total. Each result names what failed and how, for the release log.
 */
export async function smokeCheck(site: string, fetcher: typeof fetch = fetch): Promise<SmokeResult[]> {
  const origin = new URL(site).origin;
  let home = '';
  const results = [
    await check('the home page', async () => {
      const response = await fetcher(`${origin}/`);
      home = await response.text();
      return response.status === 200 ? undefined : `answered ${response.status}`;
    }),
  ];
  const story = /href="(\/stories\/[a-z0-9-]+)"/.exec(home)?.[1];
  results.push(
    await check(`the newest story${story ? ` (${story})` : ''}`, async () => {
      if (!story) return 'the home page links to no story';
      const response = await fetcher(`${origin}${story}`);
      return response.status === 200 ? undefined : `answered ${response.status}`;
    }),
    await check('/api/tally', async () => {
      const response = await fetcher(`${origin}/api/tally`);
      if (response.status !== 200) return `answered ${response.status}`;
      const body = (await response.json().catch(() => undefined)) as { total?: unknown } | undefined;
      return Number.isSafeInteger(body?.total) ? undefined : 'answered without a whole-number total';
    }),
  );
  return results;
}
