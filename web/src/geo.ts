// Map shapes are fetched on demand from this site (hashed assets), never from a tile server.
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import worldUrl from 'world-atlas/countries-110m.json?url';
import usUrl from 'us-atlas/states-albers-10m.json?url';
import isoCodes from 'i18n-iso-countries/codes.json';

export type Shape = Feature<Geometry, { name: string }> & { key: string | undefined };

const numericToAlpha3 = new Map((isoCodes as string[][]).map(([, a3, num]) => [num!, a3!]));
/** world-atlas shapes without an ISO numeric id. */
const NAMED: Record<string, string> = { Kosovo: 'XKX' };
/** FIPS state code → USPS code (the store's id for a state). */
const FIPS_USPS: Record<string, string> = Object.fromEntries(
  ('01AL 02AK 04AZ 05AR 06CA 08CO 09CT 10DE 11DC 12FL 13GA 15HI 16ID 17IL 18IN 19IA 20KS 21KY 22LA 23ME 24MD 25MA 26MI ' +
    '27MN 28MS 29MO 30MT 31NE 32NV 33NH 34NJ 35NM 36NY 37NC 38ND 39OH 40OK 41OR 42PA 44RI 45SC 46SD 47TN 48TX 49UT 50VT ' +
    '51VA 53WA 54WV 55WI 56WY 72PR')
    .split(' ')
    .map((c) => [c.slice(0, 2), c.slice(2)]),
);

const cache = new Map<string, Promise<Shape[]>>();

async function load(url: string, object: string, key: (f: Feature<Geometry, { name: string }>) => string | undefined): Promise<Shape[]> {
  const topo = (await (await fetch(url)).json()) as Topology<Record<string, GeometryCollection<{ name: string }>>>;
  const fc = feature(topo, topo.objects[object]!) as FeatureCollection<Geometry, { name: string }>;
  return fc.features.map((f) => Object.assign(f, { key: key(f) }));
}

export function worldShapes(): Promise<Shape[]> {
  if (!cache.has('world')) {
    cache.set('world', load(worldUrl, 'countries', (f) => (f.id !== undefined ? numericToAlpha3.get(String(f.id).padStart(3, '0')) : NAMED[f.properties.name])));
  }
  return cache.get('world')!;
}

/** U.S. states, already projected (Albers USA) into a 975 × 610 frame. */
export function usShapes(): Promise<Shape[]> {
  if (!cache.has('us')) cache.set('us', load(usUrl, 'states', (f) => FIPS_USPS[String(f.id).padStart(2, '0')]));
  return cache.get('us')!;
}
