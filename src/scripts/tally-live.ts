// Keeps every tally on the page current: refreshes from /api/tally every 15 s while the tab is visible, backs off
// on errors, and counts up only for readers who have not asked for reduced motion. The number is never in a live
// region, so screen readers are not interrupted by each refresh.
import { nextRefreshDelay } from '../lib/tally/refresh-delay.ts';
import { countUpValue } from '../lib/tally/count-up.ts';
import { formatCount, type UpdatedWords, updatedAgo } from '../lib/format-count.ts';
import { progressPercent } from '../lib/tally/progress.ts';

interface Tally {
  total: number;
  /** Paper pledges, part of `total`; absent from an answer of an older release. */
  offline?: number;
  goal: number;
  updatedAt: string;
}

const COUNT_UP_MS = 800;
const counters = [...document.querySelectorAll<HTMLElement>('[data-tally]')];
const lang = document.documentElement.lang;
// The page's words, in its language: the script carries none of its own.
const words = JSON.parse(counters[0]?.dataset.words ?? '{}') as UpdatedWords & { onPaper: string };
const motionAllowed = matchMedia('(prefers-reduced-motion: no-preference)');
let shown: Tally | undefined;
let failures = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function initialTally(): Tally | undefined {
  const { total, offline, goal, updatedAt } = counters[0]?.dataset ?? {};
  return total && goal && updatedAt ? { total: Number(total), offline: Number(offline ?? 0), goal: Number(goal), updatedAt } : undefined;
}

function paint(total: number, tally: Tally): void {
  for (const counter of counters) {
    counter.querySelector('[data-tally-total]')!.textContent = formatCount(total, lang);
    counter.querySelector('[data-tally-goal]')!.textContent = formatCount(tally.goal, lang);
    counter.querySelector<HTMLProgressElement>('[data-tally-bar]')!.value = progressPercent(total, tally.goal);
    counter.querySelector<HTMLElement>('[data-tally-count]')!.hidden = false;
    counter.querySelector<HTMLElement>('[data-tally-fallback]')!.hidden = true;
    const paper = counter.querySelector<HTMLElement>('[data-tally-paper]')!;
    paper.hidden = !tally.offline;
    paper.textContent = tally.offline ? words.onPaper.replace('{count}', formatCount(tally.offline, lang)) : '';
  }
  paintUpdated();
}

function paintUpdated(): void {
  if (!shown) return;
  const text = updatedAgo(new Date(shown.updatedAt), new Date(), lang, words);
  for (const counter of counters) counter.querySelector('[data-tally-updated]')!.textContent = text;
}

function show(next: Tally): void {
  const from = shown?.total ?? next.total;
  shown = next;
  if (!motionAllowed.matches || from >= next.total) return paint(next.total, next);
  const started = performance.now();
  const step = (time: number) => {
    paint(countUpValue(from, next.total, time - started, COUNT_UP_MS), next);
    if (time - started < COUNT_UP_MS) requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

async function refresh(): Promise<void> {
  try {
    const response = await fetch('/api/tally', { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const tally = (await response.json()) as Tally;
    show(tally);
    // Other parts of the page (the map and table on /walkaways) refresh from the same answer.
    document.dispatchEvent(new CustomEvent('walkaway:tally', { detail: tally }));
    failures = 0;
  } catch {
    failures += 1;
  }
  schedule();
}

function schedule(): void {
  clearTimeout(timer);
  if (document.visibilityState === 'visible') timer = setTimeout(refresh, nextRefreshDelay(failures));
}

if (counters.length > 0) {
  const initial = initialTally();
  if (initial) {
    show(initial);
    schedule();
  } else {
    void refresh();
  }
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refresh();
    else clearTimeout(timer);
  });
  // After a pledge on this page the count is asked for at once, not at the next refresh.
  document.addEventListener('walkaway:pledged', () => void refresh());
  setInterval(paintUpdated, 5_000);
}
