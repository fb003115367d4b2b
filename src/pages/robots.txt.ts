import type { APIRoute } from 'astro';
import { robotsTxt } from '../lib/robots.ts';
import { isPreviewBuild } from '../preview-build.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(robotsTxt(new URL('/sitemap-index.xml', site), { preview: isPreviewBuild }), { headers: { 'content-type': 'text/plain; charset=utf-8' } });
