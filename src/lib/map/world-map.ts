// The world map's country outlines, computed once at build time (src/integrations/world-map.ts) from Natural Earth
// data in the world-atlas package: the worker only ever holds the finished SVG paths.
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, GeoJsonProperties, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface CountryShape {
  /** ISO 3166-1 alpha-2, or '' for the few areas Natural Earth gives no code (they stay unshaded). */
  code: string;
  /** SVG path data in the map's coordinates. */
  d: string;
}

export interface WorldMap {
  width: number;
  height: number;
  shapes: CountryShape[];
}

const ANTARCTICA = '010';

/**
 * Country outlines in an equal-area projection (Equal Earth, so that large countries do not look busier than they
 * are), fitted to `width` and rounded to whole units (a pixel at full width): the page carries every country in
 * about 25 KB gzipped, with no tile server.
 */
export function worldMap(
  topology: Topology<{ countries: GeometryCollection }>,
  { width, height, alpha2Of }: { width: number; height: number; alpha2Of: (numeric: string) => string | undefined },
): WorldMap {
  const countries = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, GeoJsonProperties>;
  const shown = countries.features.filter((country) => String(country.id) !== ANTARCTICA);
  const projection = geoEqualEarth().fitSize([width, height], { type: 'FeatureCollection', features: shown });
  const path = geoPath(projection).digits(0);
  const shapes = shown
    .map((country: Feature<Geometry, GeoJsonProperties>) => ({
      code: (country.id === undefined ? undefined : alpha2Of(String(country.id))) ?? '',
      d: path(country) ?? '',
    }))
    .filter((shape) => shape.d !== '');
  return { width, height, shapes };
}
