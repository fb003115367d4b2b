import { openDatabase } from '../../src/lib/db/client';
import { preparePledge } from '../../src/lib/pledge/pledge-record';
import type { RecordedPledge } from '../../src/lib/pledge/record-or-queue';
import { writePledge } from '../../src/lib/pledge/record-pledge';
import type { Pledge } from '../../src/lib/pledge/validate';

/** Records pledges straight into the database at `url`, as the worker does when the database answers in time. */
export function recordDirectly(url: string, { hmacSecret = 'integration-secret', consentVersion = 'test-v1' } = {}) {
  return async (pledge: Pledge): Promise<RecordedPledge> => {
    const record = await preparePledge(pledge, { hmacSecret, now: () => new Date(), consentVersion });
    const { total } = await writePledge(openDatabase({ url }), record);
    return { total, queued: false };
  };
}
