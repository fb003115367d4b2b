import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

const client = join(inject('builtSiteDir'), 'client');
const site = inject('previewUrl');
const JS_BUDGET_GZIP = 5 * 1024;

const builtPage = (route: string) => readFileSync(join(client, `${route}.html`), 'utf8');

/** Everything a page loads of one kind, local files and inline blocks, gzipped as a server would send it. */
function gzipBytes(html: string, kind: 'js' | 'css'): number {
  const files =
    kind === 'js'
      ? [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((match) => match[1]!)
      : [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((match) => match[1]!);
  const inline =
    kind === 'js'
      ? [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!)
      : [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1]!);
  const sources = [...files.map((file) => readFileSync(join(client, file), 'utf8')), ...inline];
  // Module scripts import shared chunks: follow their static imports too.
  const seen = new Set(files);
  for (let index = 0; kind === 'js' && index < sources.length; index += 1) {
    for (const [, imported, sideEffect] of sources[index]!.matchAll(/from\s*"(\.?\.?\/[^"]+\.js)"|import\s*"(\.?\.?\/[^"]+\.js)"/g)) {
      const file = `/_astro/${(imported ?? sideEffect)!.split('/').pop()}`;
      if (!seen.has(file)) {
        seen.add(file);
        sources.push(readFileSync(join(client, file), 'utf8'));
      }
    }
  }
  return sources.reduce((total, source) => total + gzipSync(source).length, 0);
}

describe('page weight (the global setup built the site)', () => {
  it(`keeps all JavaScript on the home page within ${JS_BUDGET_GZIP} bytes gzipped`, () => {
    const js = gzipBytes(builtPage('index'), 'js');
    console.info(`home page: JavaScript ${js} B gzip, CSS ${gzipBytes(builtPage('index'), 'css')} B gzip`);
    expect(js).toBeGreaterThan(0);
    expect(js).toBeLessThanOrEqual(JS_BUDGET_GZIP);
  });

  it('sends no browser script the shim of `globalThis.process` the server build carries', () => {
    const scripts = readdirSync(join(client, '_astro')).filter((file) => file.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(3);
    expect(scripts.filter((file) => readFileSync(join(client, '_astro', file), 'utf8').includes('globalThis.process'))).toEqual([]);
  });

  it('loads only the quick exit, under 1 KB gzipped, on pages without other interactive parts', () => {
    for (const route of ['about', 'stories', 'stories/an-ordinary-story', 'news']) {
      const js = gzipBytes(builtPage(route), 'js');
      expect(js, route).toBeGreaterThan(0);
      expect(js, route).toBeLessThanOrEqual(1024);
    }
  });
});

describe('page weight of the on-demand count pages', () => {
  it.each(['/walkaways', '/embed/counter', '/speak-out'])(`keeps %s within ${JS_BUDGET_GZIP} bytes of JavaScript gzipped`, async (path) => {
    const html = await (await fetch(`${site}${path}`)).text();
    const [htmlBytes, css, js] = [gzipSync(html).length, gzipBytes(html, 'css'), gzipBytes(html, 'js')];
    console.info(`${path}: HTML ${htmlBytes} B, CSS ${css} B, JavaScript ${js} B (gzip)`);
    expect(js).toBeGreaterThan(0);
    expect(js).toBeLessThanOrEqual(JS_BUDGET_GZIP);
  });
});
