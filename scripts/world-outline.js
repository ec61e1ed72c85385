#!/usr/bin/env node
// scripts/world-outline.js -- converts Natural Earth country outlines from
// the npm package world-atlas (countries-110m.json, TopoJSON) into
// web/world.json: one SVG path per country in the equirectangular
// projection x = lon + 180, y = 90 - lat (viewBox 0 0 360 180), 0.1 degree
// precision.  No dependencies: the TopoJSON arcs are decoded here.
// Usage: scripts/world-outline.sh (fetches world-atlas with `npm pack`), or
//        node scripts/world-outline.js countries-110m.json > web/world.json
'use strict';
const fs = require('fs');
const topo = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const tf = topo.transform;
// Decode every arc: delta-encoded quantized positions -> [lon, lat].
const arcs = topo.arcs.map((arc) => {
  let x = 0, y = 0;
  return arc.map(([dx, dy]) => {
    x += dx; y += dy;
    return tf ? [x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]] : [dx, dy];
  });
});
function arcPoints(i) {
  return i >= 0 ? arcs[i] : arcs[~i].slice().reverse();
}
function ring(ids) {
  const pts = [];
  ids.forEach((id, k) => {
    const a = arcPoints(id);
    pts.push(...(k ? a.slice(1) : a));   // consecutive arcs share an end point
  });
  // a ring across the antimeridian (Chukotka, Fiji) continues east of 180
  // instead of a stripe across the map; the viewBox clips the overhang
  const jumps = pts.some((p, i) => i && Math.abs(p[0] - pts[i - 1][0]) > 180);
  return jumps ? pts.map(([lon, lat]) => [lon < 0 ? lon + 360 : lon, lat]) : pts;
}
const r1 = (v) => Math.round(v * 10) / 10;
function pathOf(rings) {
  let d = '';
  for (const r of rings) {
    let last = null, n = 0, seg = '';
    for (const [lon, lat] of r) {
      const x = r1(lon + 180), y = r1(90 - lat);
      const key = x + ',' + y;
      if (key === last) continue;
      seg += (n ? 'L' : 'M') + x + ' ' + y;
      last = key; n++;
    }
    if (n >= 3) d += seg + 'Z';
  }
  return d;
}
const out = [];
for (const g of topo.objects.countries.geometries) {
  let rings = [];
  if (g.type === 'Polygon') rings = g.arcs.map(ring);
  else if (g.type === 'MultiPolygon') g.arcs.forEach((p) => p.forEach((r) => rings.push(ring(r))));
  else continue;
  const d = pathOf(rings);
  if (d) out.push({ id: g.id || null, name: (g.properties && g.properties.name) || null, d });
}
out.sort((a, b) => String(a.name).localeCompare(String(b.name)));
process.stdout.write(JSON.stringify({
  source: 'Natural Earth 1:110m Cultural Vectors, admin 0 countries (public domain), via the npm package world-atlas 2.0.2 (ISC, Copyright 2013-2019 Michael Bostock)',
  generator: 'scripts/world-outline.js',
  projection: 'equirectangular: x = lon + 180, y = 90 - lat',
  width: 360, height: 180,
  countries: out,
}) + '\n');
