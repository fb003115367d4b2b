// Rules for the code itself that the type checker cannot hold on its own.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/astro-cli.ts';

const SOURCE = /\.(ts|mts|astro|mjs)$/;

function sourceFiles(...folders: string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(join(projectRoot, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => SOURCE.test(file) && !file.split('/').includes('fixtures'))
      .map((file) => join(folder, file)),
  );
}

/** Every module a file imports or re-exports, as written: `from '…'`, `import '…'`, `import('…')`. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(projectRoot, file), 'utf8');
  return [...text.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*(['"])([^'"\n]+)\1/g)].map((match) => match[2]!);
}

const files = sourceFiles('src', 'scripts', 'tests', 'bench');

describe('relative imports', () => {
  it('name the file they import with its extension (`./x.ts`), as Node requires of the scripts', () => {
    const bare = files.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier.startsWith('.') && !/\.(ts|astro|mjs|js|json|css|svg|png|jpg)(\?.*)?$/.test(specifier))
        .map((specifier) => `${file}: ${specifier}`),
    );
    expect(bare).toEqual([]);
  });
});

describe('the platform', () => {
  it('is read by src/platform.ts alone: no other module imports astro:env or cloudflare:workers', () => {
    const readers = files.filter((file) => importsOf(file).some((specifier) => /^(astro:env|cloudflare:workers)/.test(specifier)));
    expect(readers).toEqual(['src/platform.ts']);
  });

  it('is imported only by on-demand routes and the worker entry: prerendering runs in Node, without it', () => {
    const importers = files.filter((file) => importsOf(file).some((specifier) => join(dirname(file), specifier) === 'src/platform.ts'));
    for (const file of importers) {
      const onDemand = /export const prerender = false/.test(readFileSync(join(projectRoot, file), 'utf8'));
      expect(file === 'src/worker.ts' || onDemand, `${relative('src', file)} imports the platform but is prerendered`).toBe(true);
    }
    expect(importers).toContain('src/worker.ts');
  });
});
