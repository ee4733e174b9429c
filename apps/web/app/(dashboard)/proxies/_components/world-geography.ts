import type { FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** A country's outline, named by its ISO 3166-1 alpha-2 code where it has one. */
export interface CountryShape {
  /** Alpha-2 code; null for territories without one (Kosovo, Northern Cyprus, Somaliland…). */
  code: string | null;
  name: string;
  geometry: FeatureCollection<Geometry>['features'][number];
}

/**
 * Natural Earth's 1:110m countries (world-atlas, public domain) as GeoJSON, keyed by alpha-2.
 * world-atlas names countries by their ISO 3166-1 numeric code; i18n-iso-countries' table maps it.
 * Both are loaded on demand, so only the page with the map pays for the ~110 kB of outlines.
 */
export async function loadCountryShapes(): Promise<CountryShape[]> {
  const [{ default: world }, { default: codes }] = await Promise.all([
    import('world-atlas/countries-110m.json'),
    import('i18n-iso-countries/codes.json'),
  ]);
  const alpha2ByNumeric = new Map<string, string>(
    (codes as string[][]).map(([alpha2, , numeric]) => [numeric!, alpha2!]),
  );
  const topology = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const countries = feature(topology, topology.objects.countries) as FeatureCollection<
    Geometry,
    { name: string }
  >;
  return countries.features.map((shape) => ({
    code: shape.id === undefined ? null : (alpha2ByNumeric.get(String(shape.id)) ?? null),
    name: shape.properties.name,
    geometry: shape,
  }));
}
