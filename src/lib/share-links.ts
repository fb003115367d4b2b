import { withSource } from './pledge/share-source.ts';

export interface ShareLink {
  name: string;
  href: string;
}

/** The address shared through a channel: the site's address with `?ref=share-<channel>`, so organisers can see it. */
export const sharedUrl = (url: string, channel: string) => withSource(url, `share-${channel}`);

/** The share words in the page's language: the email link's name and its subject line. */
export interface EmailWords {
  email: string;
  emailSubject: string;
}

/**
 * Plain share links: each service's own share address, so no third-party script or widget is ever loaded. Each
 * carries its own `?ref=share-…` code.
 */
export function shareLinks(url: string, text: string, words: EmailWords): ShareLink[] {
  const via = (channel: string) => {
    const shared = sharedUrl(url, channel);
    return { u: encodeURIComponent(shared), both: encodeURIComponent(`${text} ${shared}`) };
  };
  const t = encodeURIComponent(text);
  return [
    { name: 'X', href: `https://x.com/intent/post?text=${t}&url=${via('x').u}` },
    { name: 'WhatsApp', href: `https://wa.me/?text=${via('whatsapp').both}` },
    { name: 'Bluesky', href: `https://bsky.app/intent/compose?text=${via('bluesky').both}` },
    { name: 'Telegram', href: `https://t.me/share/url?url=${via('telegram').u}&text=${t}` },
    { name: words.email, href: `mailto:?subject=${encodeURIComponent(words.emailSubject)}&body=${via('email').both}` },
  ];
}
