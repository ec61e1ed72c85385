// web/app.js -- the sitrep analyst UI: filters kept in the URL hash, a
// timeline, an actor network, a map and an event list with the evidence
// highlighted in the original articles, all from the JSON API of
// `sitrep serve`.  Every string from the store is untrusted: the DOM is built
// with createElement/textContent only (never innerHTML), links are made only
// for http(s) URLs, and SVG is drawn by hand with createElementNS.
'use strict';

(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const FILTERS = ['actor', 'key', 'type', 'modality', 'since', 'until', 'min_sources', 'q'];
  const QUADS = ['', 'verbal cooperation', 'material cooperation', 'verbal conflict', 'material conflict'];
  const PAGE = 50;
  let meta = null;
  let world = null;
  let seq = 0;            // drops answers of superseded loads

  // ---- DOM helpers (text only) ----------------------------------------------
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    setAttrs(e, attrs);
    for (const k of kids) if (k !== null && k !== undefined) e.append(typeof k === 'string' || typeof k === 'number' ? document.createTextNode(String(k)) : k);
    return e;
  }
  function svg(tag, attrs, ...kids) {
    const e = document.createElementNS(SVG, tag);
    setAttrs(e, attrs);
    for (const k of kids) if (k) e.append(k);
    return e;
  }
  function setAttrs(e, attrs) {
    if (!attrs) return;
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') e.textContent = String(v);
      else if (k === 'onclick') e.addEventListener('click', v);
      else if (/^on/i.test(k) || k === 'href' || k === 'src' || k === 'style') throw new Error('attribute not allowed: ' + k);
      else e.setAttribute(k, String(v));
    }
  }
  function title(text) {       // an SVG tooltip
    return svg('title', { text });
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  // A link only for http(s) URLs; anything else (javascript:, data:, ...) is text.
  function safeLink(url, label) {
    if (typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url)) {
      const a = el('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }, label || url);
      a.href = url;
      return a;
    }
    return el('span', { class: 'url' }, url ? String(url) : '');
  }
  const $ = (id) => document.getElementById(id);
  const plural = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');

  // ---- state in the URL hash ---------------------------------------------------
  function readState() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ''));
    const st = {};
    for (const k of FILTERS.concat(['offset', 'event'])) {
      const v = p.get(k);
      if (v) st[k] = v;
    }
    return st;
  }
  function writeState(st) {
    const p = new URLSearchParams();
    for (const k of FILTERS.concat(['offset', 'event'])) if (st[k]) p.set(k, st[k]);
    const h = p.toString();
    if (location.hash.replace(/^#/, '') !== h) location.hash = h;
    else load();
  }
  function apiQuery(st, extra) {
    const p = new URLSearchParams();
    for (const k of FILTERS) if (st[k]) p.set(k, st[k]);
    if (!st.modality) p.set('modality', 'all');
    for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
    return p.toString();
  }
  async function api(path, query) {
    const r = await fetch('api/' + path + (query ? '?' + query : ''), { headers: { Accept: 'application/json' } });
    const body = await r.json().catch(() => ({ error: 'unreadable answer' }));
    if (!r.ok) throw new Error(path + ': ' + (body.error || r.status) + (body.parameter ? ' (' + body.parameter + ')' : ''));
    return body;
  }

  // ---- colours ---------------------------------------------------------------
  function goldsteinColour(g) {   // -10 red .. 0 grey .. +10 blue
    const t = Math.max(-1, Math.min(1, (g || 0) / 10));
    const grey = [150, 150, 150], neg = [200, 40, 30], pos = [30, 100, 200];
    const to = t < 0 ? neg : pos, a = Math.abs(t);
    const c = grey.map((v, i) => Math.round(v + (to[i] - v) * a));
    return 'rgb(' + c.join(',') + ')';
  }

  // ---- filters form ----------------------------------------------------------
  function fillSelect(sel, items, label) {
    const keep = sel.value;
    while (sel.options.length > 1) sel.remove(1);
    for (const it of items) sel.append(el('option', { value: it.value }, label(it)));
    sel.value = keep;
  }
  function formToState() {
    const f = $('filters');
    const st = {};
    for (const k of FILTERS) {
      const v = (f.elements[k].value || '').trim();
      if (v) st[k] = v;
    }
    return st;
  }
  function stateToForm(st) {
    const f = $('filters');
    for (const k of FILTERS) {
      const e = f.elements[k];
      if (e.tagName === 'SELECT' && st[k] && ![...e.options].some((o) => o.value === st[k]))
        e.append(el('option', { value: st[k] }, st[k]));
      e.value = st[k] || '';
    }
  }

  // ---- timeline --------------------------------------------------------------
  function drawTimeline(data, st) {
    const box = $('timeline');
    clear(box);
    const days = data.days || [];
    if (!days.length) {
      box.append(el('p', { class: 'empty' }, 'No dated events match.' + (data.undated ? ' (' + data.undated + ' undated)' : '')));
      return;
    }
    const W = 1200, H = 220, L = 40, R = 30, T = 10, B = 40;
    const dayNum = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000;
    let d0 = dayNum(days[0].date), d1 = dayNum(days[days.length - 1].date);
    if (d1 - d0 < 30) { const mid = (d0 + d1) / 2; d0 = Math.floor(mid - 15); d1 = Math.ceil(mid + 15); }
    d0 -= 2; d1 += 2 + Math.ceil((d1 - d0) / 40);   // room for the first and last bars and labels
    const span = d1 - d0 + 1;
    const max = Math.max(...days.map((d) => d.total));
    const x = (d) => L + ((d - d0) / span) * (W - L - R);
    const bw = Math.max(5, (W - L - R) / span - 1);
    const y = (v) => H - B - (v / max) * (H - T - B);
    const g = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'timeline', role: 'img', 'aria-label': 'events per day' });
    // y ticks
    const step = Math.max(1, Math.ceil(max / 4));
    for (let v = 0; v <= max; v += step) {
      g.append(svg('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), class: 'grid' }));
      g.append(svg('text', { x: L - 6, y: y(v) + 4, class: 'tick', 'text-anchor': 'end', text: v }));
    }
    // month ticks
    const first = new Date(d0 * 86400000);
    let m = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1));
    const months = [];
    while (m.getTime() / 86400000 <= d1) { months.push(m); m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1)); }
    const every = Math.max(1, Math.ceil(months.length / 12));
    months.forEach((mm, i) => {
      const dn = mm.getTime() / 86400000;
      if (dn < d0 || i % every) return;
      g.append(svg('line', { x1: x(dn), x2: x(dn), y1: H - B, y2: H - B + 5, class: 'axis' }));
      g.append(svg('text', { x: x(dn) + 2, y: H - B + 18, class: 'tick', text: mm.toISOString().slice(0, 7) }));
    });
    g.append(svg('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, class: 'axis' }));
    for (const d of days) {
      const dn = dayNum(d.date);
      let acc = 0;
      const bar = svg('g', { class: 'bar', 'data-date': d.date, tabindex: 0 });
      for (let q = 1; q <= 4; q++) {
        const v = d.quad[q - 1];
        if (!v) continue;
        bar.append(svg('rect', { x: x(dn) - bw / 2, width: bw, y: y(acc + v), height: y(acc) - y(acc + v), class: 'q' + q }));
        acc += v;
      }
      bar.append(title(d.date + ': ' + d.total + ' events' + d.quad.map((v, i) => v ? '\n' + QUADS[i + 1] + ': ' + v : '').join('')));
      bar.addEventListener('click', () => writeState(Object.assign(readState(), { since: d.date, until: d.date, offset: '', event: '' })));
      g.append(bar);
    }
    box.append(g);
    const legend = el('p', { class: 'legend' });
    for (let q = 1; q <= 4; q++) legend.append(el('span', { class: 'swatch q' + q }), ' ' + QUADS[q] + ' ');
    if (data.undated) legend.append(el('span', { class: 'note' }, ' · ' + data.undated + ' undated events not shown'));
    legend.append(el('span', { class: 'note' }, ' · click a day to filter'));
    box.append(legend);
  }

  // ---- network (a small deterministic force layout) ----------------------------
  function layout(nodes, edges, W, H) {
    const n = nodes.length, idx = new Map(nodes.map((d, i) => [d.key, i]));
    nodes.forEach((d, i) => {
      const a = (2 * Math.PI * i) / n;
      d.x = W / 2 + (W / 3) * Math.cos(a);
      d.y = H / 2 + (H / 3) * Math.sin(a);
    });
    const links = edges.map((e) => [idx.get(e.source), idx.get(e.target), e.events]).filter((l) => l[0] !== undefined && l[1] !== undefined);
    const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.55;
    for (let it = 0; it < 400; it++) {
      const t = 12 * (1 - it / 400) + 0.5;
      const dx = new Float64Array(n), dy = new Float64Array(n);
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) {
          let ux = nodes[i].x - nodes[j].x, uy = nodes[i].y - nodes[j].y;
          let dist = Math.hypot(ux, uy) || 0.01;
          const f = (k * k) / dist;
          ux /= dist; uy /= dist;
          dx[i] += ux * f; dy[i] += uy * f; dx[j] -= ux * f; dy[j] -= uy * f;
        }
      for (const [a, b] of links) {
        let ux = nodes[a].x - nodes[b].x, uy = nodes[a].y - nodes[b].y;
        const dist = Math.hypot(ux, uy) || 0.01;
        const f = (dist * dist) / k;
        ux /= dist; uy /= dist;
        dx[a] -= ux * f; dy[a] -= uy * f; dx[b] += ux * f; dy[b] += uy * f;
      }
      for (let i = 0; i < n; i++) {
        dx[i] += (W / 2 - nodes[i].x) * 0.05 * k / 10;
        dy[i] += (H / 2 - nodes[i].y) * 0.05 * k / 10;
        const len = Math.hypot(dx[i], dy[i]) || 1;
        nodes[i].x = Math.min(W - 60, Math.max(60, nodes[i].x + (dx[i] / len) * Math.min(len, t)));
        nodes[i].y = Math.min(H - 25, Math.max(25, nodes[i].y + (dy[i] / len) * Math.min(len, t)));
      }
    }
    return links;
  }
  function drawNetwork(data) {
    const box = $('network');
    clear(box);
    const nodes = (data.nodes || []).slice(0, 80);
    if (!nodes.length) {
      box.append(el('p', { class: 'empty' }, 'No actor pairs match.'));
      return;
    }
    const keep = new Set(nodes.map((d) => d.key));
    const edges = (data.edges || []).filter((e) => keep.has(e.source) && keep.has(e.target));
    const W = 640, H = 440;
    const links = layout(nodes, edges, W, H);
    const maxE = Math.max(...edges.map((e) => e.events), 1), maxN = Math.max(...nodes.map((d) => d.events), 1);
    const g = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'network', role: 'img', 'aria-label': 'actor network' });
    const defs = svg('defs');
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto' });
    marker.append(svg('path', { d: 'M0 0L10 5L0 10z', class: 'arrowhead' }));
    defs.append(marker);
    g.append(defs);
    const radius = (d) => 5 + 13 * Math.sqrt(d.events / maxN);
    edges.forEach((e, i) => {
      const [a, b] = links[i] ? [nodes[links[i][0]], nodes[links[i][1]]] : [null, null];
      if (!a) return;
      const len = Math.hypot(b.x - a.x, b.y - a.y) || 1, rb = radius(b) + 2;
      const line = svg('line', {
        x1: a.x, y1: a.y, x2: b.x - ((b.x - a.x) / len) * rb, y2: b.y - ((b.y - a.y) / len) * rb,
        stroke: goldsteinColour(e.mean_goldstein), 'stroke-width': 1 + 5 * Math.sqrt(e.events / maxE),
        class: 'edge', 'marker-end': 'url(#arrow)',
      });
      line.append(title(e.source + ' → ' + e.target + ': ' + e.events + ' events, ' + e.mentions + ' reports, mean Goldstein ' + e.mean_goldstein));
      g.append(line);
    });
    for (const d of nodes) {
      const node = svg('g', { class: 'node', 'data-key': d.key, tabindex: 0, transform: 'translate(' + d.x.toFixed(1) + ' ' + d.y.toFixed(1) + ')' });
      node.append(svg('circle', { r: radius(d), fill: goldsteinColour(d.mean_goldstein) }));
      node.append(svg('text', { y: -radius(d) - 3, 'text-anchor': 'middle', class: 'label', text: d.key }));
      if (d.name && d.name !== d.key) node.append(svg('text', { y: radius(d) + 11, 'text-anchor': 'middle', class: 'sublabel', text: d.name.length > 22 ? d.name.slice(0, 21) + '…' : d.name }));
      node.append(title(d.key + (d.name ? ' (' + d.name + ')' : '') + ': ' + d.events + ' events, mean Goldstein ' + d.mean_goldstein + '\nclick to filter by this key'));
      node.addEventListener('click', () => writeState(Object.assign(readState(), { key: d.key, offset: '', event: '' })));
      g.append(node);
    }
    box.append(g);
    box.append(goldsteinLegend());
  }
  function goldsteinLegend() {
    const p = el('p', { class: 'legend' }, 'Goldstein ');
    for (const v of [-10, -5, 0, 5, 10]) {
      const s = el('span', { class: 'swatch' });
      s.style.background = goldsteinColour(v);   // a computed colour, not data
      p.append(s, ' ' + (v > 0 ? '+' : '') + v + ' ');
    }
    return p;
  }

  // ---- map -------------------------------------------------------------------
  function drawMap(data) {
    const box = $('map');
    clear(box);
    const places = data.places || [];
    let x0 = -20, x1 = 60, y0 = 25, y1 = 72;          // lon/lat box: Europe by default
    if (places.length) {
      x0 = Math.min(...places.map((p) => p.lon)); x1 = Math.max(...places.map((p) => p.lon));
      y0 = Math.min(...places.map((p) => p.lat)); y1 = Math.max(...places.map((p) => p.lat));
    }
    // pad, keep at least 50 x 28 degrees and a 16:10 aspect
    let cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    let w = Math.max(50, (x1 - x0) * 1.3 + 8), h = Math.max(28, (y1 - y0) * 1.3 + 6);
    if (w / h > 1.6) h = w / 1.6; else w = h * 1.6;
    w = Math.min(w, 360); h = Math.min(h, 180);
    cx = Math.min(180 - w / 2, Math.max(-180 + w / 2, cx));
    cy = Math.min(90 - h / 2, Math.max(-90 + h / 2, cy));
    const vb = [cx - w / 2 + 180, 90 - (cy + h / 2), w, h];
    const g = svg('svg', { viewBox: vb.map((v) => v.toFixed(2)).join(' '), class: 'map', role: 'img', 'aria-label': 'map of event locations' });
    g.append(svg('rect', { x: 0, y: 0, width: 360, height: 180, class: 'sea' }));
    if (world) for (const c of world.countries) {
      const path = svg('path', { d: c.d, class: 'land' });
      path.append(title(c.name || ''));
      g.append(path);
    }
    const maxE = Math.max(1, ...places.map((p) => p.events));
    const unit = w / 120;
    for (const p of places.slice().sort((a, b) => b.events - a.events)) {
      const c = svg('circle', {
        cx: p.lon + 180, cy: 90 - p.lat, r: unit * (1 + 1.8 * Math.sqrt(p.events / maxE)),
        fill: goldsteinColour(p.mean_goldstein), class: 'place', 'data-name': p.name || '',
      });
      c.setAttribute('stroke-width', (unit * 0.25).toFixed(3));
      c.append(title((p.name || '?') + (p.country ? ', ' + p.country : '') + ': ' + p.events + ' events, mean Goldstein ' + p.mean_goldstein));
      g.append(c);
      if (p.name) {
        const t = svg('text', { x: p.lon + 180 + unit * 3, y: 90 - p.lat + unit * 0.8, class: 'maplabel', text: p.name });
        t.setAttribute('font-size', (unit * 2.3).toFixed(2));
        t.setAttribute('stroke-width', (unit * 0.5).toFixed(2));
        g.append(t);
      }
    }
    box.append(g);
    if (!places.length) box.append(el('p', { class: 'empty' }, 'No located events match.'));
    else box.append(goldsteinLegend());
  }

  // ---- event list -------------------------------------------------------------
  function actorText(a) {
    if (!a) return '—';
    return (a.name || a.key || '?') + (a.key && a.name !== a.key ? ' [' + a.key + ']' : '');
  }
  function drawEvents(data, st) {
    const list = $('events');
    clear(list);
    const off = data.offset || 0, n = data.events.length;
    $('events-count').textContent = data.total + ' world events' + (n ? ', ' + (off + 1) + '–' + (off + n) + ' shown' : '');
    $('page').textContent = n ? 'page ' + (Math.floor(off / PAGE) + 1) + ' of ' + Math.max(1, Math.ceil(data.total / PAGE)) : '';
    $('prev').disabled = off <= 0;
    $('next').disabled = off + n >= data.total;
    if (!n) list.append(el('li', { class: 'empty' }, 'No events match these filters.'));
    for (const ev of data.events) {
      const outlets = [...new Set((ev.reports || []).map((r) => r.source || r.doc))];
      const li = el('li', { class: 'event' + (String(ev.id) === st.event ? ' selected' : ''), 'data-id': ev.id },
        el('div', { class: 'line1' },
          el('span', { class: 'date' }, ev.date || ev.day || 'undated'),
          el('span', { class: 'type q' + ev.quad, title: QUADS[ev.quad] || '' }, ev.type + (ev.mode ? ' · ' + ev.mode : '')),
          el('span', { class: 'actors' }, actorText(ev.source) + ' → ' + actorText(ev.target)),
        ),
        el('div', { class: 'line2' },
          el('span', { class: 'modality m-' + ev.modality }, ev.modality),
          ev.modalities && ev.modalities.length > 1 ? el('span', { class: 'modalities' }, '(reports say: ' + ev.modalities.join(', ') + ')') : null,
          ev.location ?  el('span', { class: 'place' }, 'at ' + (ev.location.name || '') + (ev.location.country ? ', ' + ev.location.country : '')) : null,
          el('span', { class: 'sources' }, ev.num_sources + (ev.num_sources === 1 ? ' source: ' : ' sources: ') + outlets.join(', ')),
          el('span', { class: 'gold' }, 'Goldstein ' + ev.goldstein),
          el('button', { type: 'button', class: 'show', onclick: () => writeState(Object.assign(readState(), { event: String(ev.id) })) }, 'Evidence'),
        ),
      );
      const first = (ev.reports || [])[0];
      if (first && first.evidence) li.append(el('blockquote', { class: 'quote' }, first.evidence));
      list.append(li);
    }
  }

  // ---- evidence ---------------------------------------------------------------
  // Splits text at every span boundary and wraps each piece in the classes of
  // the spans covering it (start/end are UTF-16 indices from the API).
  function highlighted(text, spans) {
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(s.start); cuts.add(s.end); }
    const pts = [...cuts].filter((v) => v >= 0 && v <= text.length).sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i], b = pts[i + 1];
      const piece = text.slice(a, b);
      const kinds = [...new Set(spans.filter((s) => s.start <= a && s.end >= b && s.end > s.start).map((s) => s.kind))];
      if (!kinds.length) { frag.append(document.createTextNode(piece)); continue; }
      const tag = kinds.includes('sentence') ? 'mark' : 'span';
      frag.append(el(tag, { class: kinds.map((k) => 'hl-' + k).join(' ') }, piece));
    }
    return frag;
  }
  async function drawEvidence(id, my) {
    const box = $('evidence');
    clear(box);
    if (!id) {
      box.append(el('p', { class: 'hint' }, 'Choose an event\u2019s \u201cEvidence\u201d to read its reports.'));
      return;
    }
    box.append(el('p', { class: 'hint' }, 'loading event ' + id + '…'));
    let data;
    try {
      data = await api('event/' + encodeURIComponent(id));
    } catch (e) {
      if (my !== seq) return;
      clear(box);
      box.append(el('p', { class: 'error' }, String(e.message)));
      return;
    }
    if (my !== seq) return;
    clear(box);
    const ev = data.event;
    box.append(el('div', { class: 'evhead' },
      el('h3', null, ev.type + (ev.mode ? ' · ' + ev.mode : '') + ' (CAMEO ' + (ev.cameo || '?') + ')'),
      el('p', null, actorText(ev.source) + ' → ' + actorText(ev.target)),
      el('p', null, 'Date: ' + (ev.date || 'unknown') + (ev.date_precision ? ' (' + ev.date_precision + ')' : '') +
        ' · Modality: ' + ev.modality + ' · QuadClass ' + ev.quad + ' (' + QUADS[ev.quad] + ') · Goldstein ' + ev.goldstein),
      el('p', null, plural(ev.num_mentions, 'report') + ' in ' + plural(ev.num_articles, 'article') + ' from ' + plural(ev.num_sources, 'source') +
        (ev.location ? ' · Place: ' + ev.location.name + (ev.location.country ? ', ' + ev.location.country : '') : '')),
      el('button', { type: 'button', class: 'close', onclick: () => writeState(Object.assign(readState(), { event: '' })) }, 'Close'),
    ));
    const legend = el('p', { class: 'legend' },
      el('mark', { class: 'hl-sentence' }, 'evidence sentence'), ' ',
      el('span', { class: 'hl-event' }, 'event'), ' ',
      el('span', { class: 'hl-source' }, 'source'), ' ',
      el('span', { class: 'hl-target' }, 'target'), ' ',
      el('span', { class: 'hl-trigger' }, 'trigger'), ' ',
      el('span', { class: 'hl-location' }, 'place'));
    box.append(legend);
    for (const doc of data.documents) {
      const reps = data.reports.filter((r) => r.doc === doc.id);
      const spans = [].concat(...reps.map((r) => r.spans));
      const art = el('article', { class: 'doc', 'data-doc': doc.id },
        el('h4', null, doc.title || doc.id),
        el('p', { class: 'docmeta' }, (doc.source || 'unknown source') + ' · ' + (doc.date || 'no date') + ' · ', safeLink(doc.url), ' · id ' + doc.id),
      );
      const ul = el('ul', { class: 'reports' });
      for (const r of reps)
        ul.append(el('li', null, r.type + ' ' + r.modality + ': ' + actorText(r.source) + ' → ' + actorText(r.target) +
          (r.trigger ? ' · trigger “' + r.trigger + '”' : '') + (r.date_text ? ' · “' + r.date_text + '”' : '') +
          ' · confidence ' + r.confidence));
      art.append(ul);
      const text = el('div', { class: 'text' });
      text.append(highlighted(doc.text || '', spans));
      art.append(text);
      box.append(art);
      const m = text.querySelector('mark');
      if (m) text.scrollTop = Math.max(0, m.offsetTop - text.offsetTop - 40);
    }
  }

  // ---- loading ----------------------------------------------------------------
  async function load() {
    const my = ++seq;
    const st = readState();
    stateToForm(st);
    const status = $('status');
    status.textContent = 'loading…';
    status.className = 'status';
    const q = apiQuery(st);
    try {
      const [events, timeline, network, places] = await Promise.all([
        api('events', apiQuery(st, { limit: PAGE, offset: st.offset || 0 })),
        api('timeline', q), api('network', q), api('places', q),
      ]);
      if (my !== seq) return;
      drawEvents(events, st);
      drawTimeline(timeline, st);
      drawNetwork(network);
      drawMap(places);
      status.textContent = '';
    } catch (e) {
      if (my !== seq) return;
      status.textContent = String(e.message);
      status.className = 'status error';
    }
    await drawEvidence(st.event, my);
    if (my === seq) document.body.setAttribute('data-loaded', String(my));
  }

  async function init() {
    try {
      [meta, world] = await Promise.all([api('meta'), fetch('world.json').then((r) => r.json()).catch(() => null)]);
      $('meta').textContent = meta.documents + ' documents · ' + meta.events + ' reports · ' + meta.world_events +
        ' world events · ' + (meta.first_date || '?') + ' to ' + (meta.last_date || '?');
      const f = $('filters');
      fillSelect(f.elements.type, meta.types.map((t) => ({ value: t.type, n: t.count })), (t) => t.value + ' (' + t.n + ')');
      fillSelect(f.elements.key, meta.actors.map((a) => ({ value: a.key, name: a.name, n: a.count })),
        (a) => a.value + (a.name && a.name !== a.value ? ' — ' + a.name : '') + ' (' + a.n + ')');
    } catch (e) {
      $('meta').textContent = String(e.message);
    }
    const f = $('filters');
    f.addEventListener('submit', (e) => { e.preventDefault(); writeState(formToState()); });
    for (const name of ['key', 'type', 'modality', 'since', 'until']) f.elements[name].addEventListener('change', () => writeState(formToState()));
    $('reset').addEventListener('click', () => writeState({}));
    $('prev').addEventListener('click', () => { const s = readState(); s.offset = String(Math.max(0, (+s.offset || 0) - PAGE)); writeState(s); });
    $('next').addEventListener('click', () => { const s = readState(); s.offset = String((+s.offset || 0) + PAGE); writeState(s); });
    window.addEventListener('hashchange', load);
    await load();
  }
  document.addEventListener('DOMContentLoaded', init);
})();
