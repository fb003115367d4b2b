// Every page, prerendered and on demand, in every language, as the W3C Nu Html Checker (vnu.jar, run offline on the
// machine's Java) reads it: no errors. On-demand pages are found from src/pages, so a new one is checked too.
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { LOCALES, localizePath } from '../../src/i18n/locales.ts';
import { createPledgeToken } from '../../src/lib/pledge/pledge-token.ts';
import { PREVIEW_HMAC_SECRET } from '../support/global-setup.ts';
import { projectRoot } from '../support/astro-cli.ts';
import { builtSite } from '../support/built-site.ts';
import { formPost } from '../support/form-post.ts';

const site = inject('previewUrl');
const built = builtSite(inject('builtSiteDir'));
const vnuJar = createRequire(import.meta.url).resolve('vnu-jar/build/dist/vnu.jar');
const pagesFolder = join(projectRoot, 'src/pages/[...lang]');

/** The address of every page under src/pages/[...lang] that renders on demand, in the default language. */
function onDemandPages(): string[] {
  return readdirSync(pagesFolder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.astro') && readFileSync(join(pagesFolder, file), 'utf8').includes('export const prerender = false'))
    .map((file) => `/${file.replace(/\.astro$/, '').replace(/(^|\/)index$/, '')}`.replace(/\/$/, '') || '/');
}

interface Checked {
  name: string;
  html: string;
}

/** The checker's errors for each document, by the name it was saved under. */
function validate(documents: readonly Checked[]): Promise<Record<string, string[]>> {
  const folder = mkdtempSync(join(tmpdir(), 'walkaway-vnu-'));
  const files = documents.map(({ name, html }, index) => {
    const file = join(folder, `${String(index).padStart(3, '0')}.html`);
    writeFileSync(file, html);
    return { file, name };
  });
  return new Promise((resolve, reject) => {
    execFile('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', ...files.map(({ file }) => file)], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      rmSync(folder, { recursive: true, force: true });
      let report: { messages: Array<{ url: string; message: string; lastLine?: number }> };
      try {
        report = JSON.parse(stderr);
      } catch {
        return reject(error ?? new Error(`vnu.jar printed no report: ${stderr}`));
      }
      const nameOf = new Map(files.map(({ file, name }) => [`file:${file}`, name]));
      const errors: Record<string, string[]> = {};
      for (const { url, message, lastLine } of report.messages) (errors[nameOf.get(url) ?? url] ??= []).push(`line ${lastLine}: ${message}`);
      resolve(errors);
    });
  });
}

const documents: Checked[] = [];
let errors: Record<string, string[]>;

beforeAll(async () => {
  const get = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${site}${path}`, init);
    documents.push({ name: `${init?.method ?? 'GET'} ${path} (${response.status})`, html: await response.text() });
  };
  for (const route of built.routes()) documents.push({ name: `prerendered ${route}`, html: built.page(route) });
  for (const lang of LOCALES) {
    for (const page of onDemandPages()) await get(localizePath(page, lang));
    // The states of the on-demand pages that read the request.
    await get(localizePath('/walkaways?sort=name', lang));
    await get(localizePath('/get-help?country=gb', lang));
    // The pledge form partners frame: alone, with what to fix, and its thanks in the frame.
    await get(localizePath('/embed/pledge?partner=local-partner', lang));
    await get(localizePath('/embed/pledge?partner=local-partner&pledged=check-email', lang));
    await get(localizePath('/embed/pledge?partner=local-partner', lang), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
      body: `email=not-an-email&idempotencyKey=${randomUUID()}&locale=${lang}`,
    });
    await get(localizePath('/updates/unsubscribe?token=forged', lang));
    // The pages a confirmation email's links open: asking (a genuine token), and a forged token's answer.
    for (const purpose of ['confirm', 'withdraw'] as const) {
      const token = await createPledgeToken(PREVIEW_HMAC_SECRET, purpose, { pledgeId: 1, issuedAt: Date.now() });
      await get(localizePath(`/pledge/${purpose}?token=${token}`, lang));
      await get(localizePath(`/pledge/${purpose}?token=forged`, lang), { method: 'POST' });
    }
    await get(localizePath('/no-such-page', lang));
    for (const [form, fields] of [['/api/pledge', { email: 'not-an-email' }], ['/api/speak-out', { story: '' }]] as const) {
      const request = formPost(form, { ...fields, locale: lang }, { format: 'form' });
      await get(form, { method: 'POST', headers: request.headers, body: await request.text() });
    }
  }
  errors = await validate(documents);
}, 180_000);

describe('the W3C Nu Html Checker', () => {
  it('has every page to check: each prerendered page, and each on-demand page in every language', () => {
    expect(built.routes().length).toBeGreaterThan(10);
    expect(onDemandPages()).toEqual(expect.arrayContaining(['/pledge', '/walkaways', '/speak-out', '/embed/counter']));
    // Only the missing page, and the unsubscribe, confirm and withdraw pages without a genuine token, answer otherwise.
    // …and the pledge form partners frame, which is a 404 without its partner.
    const withoutToken = /no-such-page|unsubscribe|pledge\/(confirm|withdraw)$|embed\/pledge$/;
    expect(documents.filter(({ name }) => name.startsWith('GET') && !name.endsWith('(200)') && !withoutToken.test(name.replace(/ \(\d+\)$/, '')))).toEqual([]);
  });

  it('finds no error in any of them', () => {
    expect(errors).toEqual({});
  });
});
