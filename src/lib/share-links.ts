export interface ShareLink {
  name: string;
  href: string;
}

/** Plain share links: each service's own share address, so no third-party script or widget is ever loaded. */
export function shareLinks(url: string, text: string): ShareLink[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(text);
  const both = encodeURIComponent(`${text} ${url}`);
  return [
    { name: 'X', href: `https://x.com/intent/post?text=${t}&url=${u}` },
    { name: 'WhatsApp', href: `https://wa.me/?text=${both}` },
    { name: 'Bluesky', href: `https://bsky.app/intent/compose?text=${both}` },
    { name: 'Telegram', href: `https://t.me/share/url?url=${u}&text=${t}` },
    { name: 'Email', href: `mailto:?subject=${encodeURIComponent('Walk away from Facebook with me')}&body=${both}` },
  ];
}
