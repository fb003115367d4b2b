// A partner's website for the embed scenarios: another origin on this machine (its own port), serving a page that
// embeds the pledge form the way partners are told to, with public/embed.js, or framing it directly (for Chromium
// without JavaScript, where embed.js cannot run). Its origin is written into a partner file before the build.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The partner file the global setup adds to the fixture content, for the partner site's origin. */
export const LOCAL_PARTNER = 'local-partner';

export interface PartnerSite {
  origin: string;
  close(): Promise<void>;
}

const escape = (text: string) => text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * `GET /?site=<walkaway origin>&partner=<code>[&lang=es]` embeds with embed.js; add `&frame=1` for a plain iframe.
 * The page says it is the partner's, in English, so a test can tell it from the frame's content.
 */
function partnerPage(url: URL): string {
  const site = new URL(url.searchParams.get('site') ?? 'http://127.0.0.1:1').origin;
  const partner = url.searchParams.get('partner') ?? LOCAL_PARTNER;
  const lang = url.searchParams.get('lang');
  const embed = url.searchParams.has('frame')
    ? `<iframe id="walkaway-frame" src="${escape(`${site}/embed/pledge?partner=${encodeURIComponent(partner)}`)}" title="Walkaway pledge form" style="width:100%;height:900px;border:0"></iframe>`
    : `<div data-walkaway-pledge data-partner="${escape(partner)}"${lang ? ` data-lang="${escape(lang)}"` : ''}><a href="${escape(`${site}/pledge?ref=${partner}`)}">Take the pledge</a></div>
<script src="${escape(`${site}/embed.js`)}" async></script>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A partner's page</title></head>
<body><h1>A partner's page</h1>${embed}<p id="after">After the form</p></body></html>`;
}

export async function startPartnerSite(): Promise<PartnerSite> {
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://partner');
    if (url.pathname !== '/') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(partnerPage(url));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
