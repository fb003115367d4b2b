// What `npm run new` writes: the file name from the title, and a draft with every required field filled in.

export type EntryKind = 'story' | 'news';

export const COLLECTION_OF: Record<EntryKind, 'stories' | 'news'> = { story: 'stories', news: 'news' };

/** The placeholder hero of new stories, next to them in content/stories/images/. */
export const PLACEHOLDER_HERO = 'placeholder-hero.jpg';

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
