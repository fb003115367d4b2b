// Marks on the home page a milestone the count passed in the last days, from each tally the live counter fetches
// (src/scripts/tally-live.ts sends them as `walkaway:tally`). Its entrance moves only for readers who have not asked
// for reduced motion (the CSS in global.css says so).
import { formatCount } from '../lib/format-count.ts';
import { milestoneMoment } from '../lib/tally/milestone-moment.ts';

interface TallyWithMilestones {
  total: number;
  milestones?: Array<{ value: number; reachedAt: string | null }>;
}

const root = document.querySelector<HTMLElement>('[data-milestone-moment]');

if (root) {
  const messages = JSON.parse(root.dataset.messages ?? '{}') as Record<string, string>;
  const text = root.querySelector<HTMLElement>('[data-milestone-text]')!;
  document.addEventListener('walkaway:tally', (event) => {
    const { total, milestones = [] } = (event as CustomEvent<TallyWithMilestones>).detail;
    const moment = milestoneMoment({ total, milestones }, new Date());
    root.hidden = !moment;
    if (!moment) return;
    text.textContent = messages[moment.value] ?? root.dataset.words!.replace('{count}', formatCount(moment.value, document.documentElement.lang));
  });
}
