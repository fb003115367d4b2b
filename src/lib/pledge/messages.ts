// What a pledger is told when the pledge was not recorded: said by the endpoint, and by the enhanced form when a
// proxy answers instead of the endpoint. Plain constants, so the browser bundle takes nothing else with them.
export const UNAVAILABLE_MESSAGE =
  'We could not record your pledge just now. Nothing was saved. Please try again in a few moments.';
export const RATE_LIMITED_MESSAGE =
  'Too many pledges are arriving from your connection. Please wait a minute and try again.';
export const HUMAN_CHECK_MESSAGE = 'Complete the check that you are a person, then send the form again';

/** The thanks, once the pledge is in the count. */
export const countedStatus = (total: string) => `Your pledge is counted: you are one of ${total} walkaways.`;
/** The thanks while the pledge waits in the queue for the database: saved, and counted within minutes. */
export const queuedStatus = (total: string) =>
  `Your pledge is saved and will join the count within a few minutes. ${total} people have walked away so far.`;
