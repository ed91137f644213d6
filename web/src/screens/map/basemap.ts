/** The offline basemap: world-atlas country outlines (1:110m TopoJSON, ~100 KB), fetched once as a static asset. No tile server. */
import atlasUrl from 'world-atlas/countries-110m.json?url';
import { feature, mesh } from 'topojson-client';
import type { FeatureCollection, MultiLineString } from 'geojson';
import type { Topology, GeometryCollection } from 'topojson-specification';

export interface Basemap { land: FeatureCollection; borders: MultiLineString }

let cached: Promise<Basemap> | null = null;

export function loadBasemap(): Promise<Basemap> {
  cached ??= fetch(atlasUrl)
    .then((r) => {
      if (!r.ok) throw new Error(`basemap: ${r.status}`);
      return r.json() as Promise<Topology<{ countries: GeometryCollection }>>;
    })
    .then((topo) => ({
      land: feature(topo, topo.objects.countries) as FeatureCollection,
      borders: mesh(topo, topo.objects.countries, (a, b) => a !== b),
    }))
    .catch((e) => { cached = null; throw e; });
  return cached;
}
