import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { QUICK_EXIT_URL } from '../../src/config.ts';

/** Debian's Chromium (installed by .ci/run); Playwright never downloads a browser of its own here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium keeps dialling out, and this network refuses it.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

let visitors = 0;

/**
 * A fresh browser context standing in for its own visitor: the rate limit tells visitors apart by
 * CF-Connecting-IP, which local preview takes from the request as Cloudflare would set it.
 */
export function newVisitor(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  visitors += 1;
  const address = `10.${(visitors >> 8) & 255}.${visitors & 255}.${process.pid % 250}`;
  return browser.newContext({
    locale: 'en-GB',
    ...options,
    extraHTTPHeaders: { 'cf-connecting-ip': address, ...options.extraHTTPHeaders },
  });
}

/** A visitor whose trips to the quick exit's neutral site are answered locally: tests never leave 127.0.0.1. */
export async function visitorWithQuickExit(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await newVisitor(browser, options);
  await context.route(`${new URL(QUICK_EXIT_URL).origin}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><p>Sunny</p>' }),
  );
  return context;
}

/**
 * A scenario's browser: Chromium launched before its tests and closed after them, and `visit(path)`, which opens a
 * page of the site as a new visitor (a context of its own, closed after the test, the quick exit's neutral site
 * answered locally). `context` is the last visitor's.
 */
export function useBrowser(site: string) {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });
  return {
    get browser() {
      return browser!;
    },
    get context() {
      return context!;
    },
    async visit(path: string, options: BrowserContextOptions = {}): Promise<Page> {
      context = await visitorWithQuickExit(browser!, options);
      const page = await context.newPage();
      await page.goto(`${site}${path}`);
      return page;
    },
  };
}
