// What `npm run new` writes (the file name from the title, and a draft with every required field filled in), and the
// draft `npm run walkaway -- submissions draft` makes of a story a reader sent.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locale } from '../../src/i18n/locales.ts';
import { INVISIBLE } from './invisible-characters.ts';

export type EntryKind = 'story' | 'news';

export const COLLECTION_OF: Record<EntryKind, 'stories' | 'news'> = { story: 'stories', news: 'news' };

/** The placeholder hero of new stories, next to them in content/stories/images/. */
const PLACEHOLDER_HERO = 'placeholder-hero.jpg';

/** Copies the placeholder hero into the stories' images the first time a draft needs it. */
export function ensurePlaceholderHero(projectRoot: string, storiesImages: string): void {
  const hero = join(storiesImages, PLACEHOLDER_HERO);
  if (existsSync(hero)) return;
  mkdirSync(dirname(hero), { recursive: true });
  copyFileSync(join(projectRoot, 'scripts/assets', PLACEHOLDER_HERO), hero);
}

const MAX_SLUG = 80;

// Letters that Unicode does not decompose into a base letter and an accent.
const LETTERS: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i' };

/** A file name (and page address) from a title: lowercase ASCII words joined by hyphens; '' when nothing is left. */
export function slugFromTitle(title: string): string {
  const words = title
    .toLowerCase()
    .replace(/[łøđßæœþı]/g, (letter) => LETTERS[letter]!)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const longer = slug ? `${slug}-${word}` : word;
    if (longer.length > MAX_SLUG) break;
    slug = longer;
  }
  return slug || (words[0] ?? '').slice(0, MAX_SLUG);
}

/** Today's date as editors write it (YYYY-MM-DD), in their own time zone. */
export function isoDay(now: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// JSON strings are valid YAML double-quoted strings, so any title survives: colons, quotes, accents.
const quoted = (text: string) => JSON.stringify(text);

/** The new draft's source: every required field filled, placeholders in [square brackets] as editors use them. */
export function newEntrySource(kind: EntryKind, title: string, day: string): string {
  if (kind === 'story') {
    return `---
title: ${quoted(title)}
summary: "[Editors: one or two sentences for story lists and link previews, at most 200 characters.]"
publishedAt: ${day}
author: "[Editors: who wrote the story, as they should be credited]"
tags: []
# If the story touches on abuse, add a line such as:  contentWarning: "Mentions sexual exploitation. No graphic detail."
hero:
  src: ./images/${PLACEHOLDER_HERO}
  alt: "[Editors: describe the image for people who cannot see it]"
draft: true
---

**[Editors: write the story here. Replace the placeholder image and every text in square brackets, then delete the
line \`draft: true\` to publish.]**
`;
  }
  return `---
headline: ${quoted(title)}
outlet: "[Outlet name to be confirmed]"
url: https://example.org/editors-replace-with-the-article-address
publishedAt: ${day}
summary: "[Editors: what the article says about the campaign, in our own words, at most 200 characters.]"
draft: true
---

**[Editors: a few sentences of context in our own words, or delete this line. Replace every text in square brackets
and the example.org address with the article's, then delete the line \`draft: true\` to publish.]**
`;
}

/** Braces, and the characters an editor could not see while redacting (INVISIBLE), each written as `\uXXXX`. */
const ESCAPED = new RegExp(`[{}]|${INVISIBLE.source}`, 'gu');
const unicodeEscapes = (character: string) =>
  Array.from({ length: character.length }, (_, unit) => `\\u${character.charCodeAt(unit).toString(16).padStart(4, '0')}`).join('');

/**
 * A reader's words as MDX that can only ever be text. Each paragraph they wrote becomes `<p>{"…"}</p>`: a JSX
 * expression holding one JavaScript string literal, which MDX renders as escaped text. Nothing in it is read as
 * Markdown or MDX: no link, autolink, image (whose relative path MDX would turn into an import), reference definition,
 * HTML, code, heading, thematic break, expression or import can come out of it, whatever the reader typed. Braces are
 * written as escapes because MDX finds the end of an expression by counting them, and invisible characters so that
 * the editor sees them; everything else is JSON's escaping.
 */
export function inertParagraphs(text: string): string {
  return text
    .split(/\r\n?|\n|\u2028|\u2029/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>{${JSON.stringify(line).replace(ESCAPED, unicodeEscapes)}}</p>`)
    .join('\n\n');
}

/** How a draft credits a writer who chose to stay anonymous, in the language they wrote in. */
export const ANONYMOUS_AUTHOR: Record<Locale, string> = { en: 'Anonymous', es: 'Anónimo' };

export interface StoryDraft {
  story: string;
  /** How the story is credited: the writer's initials or first name, or the word for an anonymous writer. */
  author: string;
  contentWarning: string | null;
  day: string;
}

/** The draft of a story a reader sent: their words as its body, their credit and warning filled in, the rest placeholders. */
export function storyDraftSource({ story, author, contentWarning, day }: StoryDraft): string {
  return `---
title: "[Editors: a title for this story, at most 120 characters]"
summary: "[Editors: one or two sentences for story lists and link previews, at most 200 characters.]"
publishedAt: ${day}
author: ${quoted(author)}
tags: []
${contentWarning ? `contentWarning: ${quoted(contentWarning)}` : '# The writer gave no content warning: add one if the story touches on abuse.'}
# No image: a reader's story is published without one unless an editor chooses an image that suits it, as
#   hero:
#     src: ./images/your-image.jpg
#     alt: "what the image shows"
draft: true
---

{/* The reader's words, as they wrote them, one paragraph each: edit the text inside the quotes (keep \\" for a quote mark), or write the story afresh in Markdown below. */}

${inertParagraphs(story)}
`;
}
