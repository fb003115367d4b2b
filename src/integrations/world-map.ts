import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import type { Plugin } from 'vite';
import { worldMap } from '../lib/map/world-map.ts';

const MODULE = 'virtual:walkaway/world-map';
const RESOLVED = `\0${MODULE}`;

/**
 * `import map from 'virtual:walkaway/world-map'`: the country outlines, computed in Node while the site builds, so
 * that neither the map data nor d3 ever reach the worker or the browser: only the finished SVG paths do.
 */
export function worldMapPlugin(): Plugin {
  return {
    name: 'walkaway:world-map',
    resolveId: (id) => (id === MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      const file = createRequire(import.meta.url).resolve('world-atlas/countries-110m.json');
      const topology = JSON.parse(readFileSync(file, 'utf8'));
      const map = worldMap(topology, { width: 960, height: 470, alpha2Of: (numeric) => countries.numericToAlpha2(numeric) });
      return `export default ${JSON.stringify(map)};`;
    },
  };
}
