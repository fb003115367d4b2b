// The story's character count, GOV.UK's way: shown as the person types, and said to screen readers once they pause,
// not at every key. Without JavaScript the hint states the limit and the server checks it. Nothing typed is stored.
import { characterCount, type CountWords } from '../lib/story/character-count.ts';

const story = document.querySelector<HTMLTextAreaElement>('[data-story-form] #story');
const count = document.querySelector<HTMLElement>('[data-story-count]');
const status = document.querySelector<HTMLElement>('[data-story-count-status]');

if (story && count && status) {
  const limit = Number(story.dataset.limit);
  const words = JSON.parse(count.dataset.words!) as CountWords;
  let pause: ReturnType<typeof setTimeout> | undefined;

  const show = () => {
    const { text, over } = characterCount(story.value.length, limit, words, document.documentElement.lang);
    count.textContent = text;
    count.classList.toggle('font-bold', over);
    count.classList.toggle('text-accent', over);
    return text;
  };

  show();
  count.hidden = false;
  story.addEventListener('input', () => {
    const text = show();
    clearTimeout(pause);
    pause = setTimeout(() => (status.textContent = text), 1_000);
  });
}
