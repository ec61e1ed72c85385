// tests/web/ui.test.js -- end-to-end tests of the web UI in headless Chromium
// (Debian's /usr/bin/chromium) driven by playwright-core.  Builds a store
// from examples/ plus tests/web/xss.jsonl (an article full of <script>,
// <img onerror>, javascript: links), starts `sitrep serve` on a free port,
// then: loads the page, applies filters, checks what is shown and the URL
// state, opens an event's evidence, and checks that the hostile article runs
// nothing (also with the Content-Security-Policy bypassed, so that escaping
// alone is tested).  Screenshots go to test-artifacts/web/.
// Env: SITREP (binary, default ./sitrep), CHROMIUM (default /usr/bin/chromium).
// Prints "ok"/"FAIL" lines and "web: N passed, M failed"; exit 1 on failure.
'use strict';
const { chromium } = require('playwright-core');
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const sitrep = path.resolve(root, process.env.SITREP || './sitrep');
const chromePath = process.env.CHROMIUM || '/usr/bin/chromium';
const artifacts = path.join(root, 'test-artifacts', 'web');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-web-'));
let passed = 0, failed = 0, server = null, browser = null;

function check(name, cond, detail) {
  if (cond) { passed++; console.log('ok    ' + name); }
  else { failed++; console.log('FAIL  ' + name + (detail !== undefined ? ': ' + detail : '')); }
}

const hardStop = setTimeout(() => {
  console.log('FAIL  the browser tests took longer than 150 s');
  failed++;
  finish();
}, 150000);

async function finish() {
  clearTimeout(hardStop);
  if (browser) await browser.close().catch(() => {});
  let code = null;
  if (server && server.exitCode === null) {
    const exited = new Promise((res) => server.once('exit', (c) => res(c)));
    server.kill('SIGTERM');
    code = await Promise.race([exited, new Promise((res) => setTimeout(() => res('timeout'), 10000))]);
    if (code === 'timeout') server.kill('SIGKILL');
    check('server stops cleanly on SIGTERM (exit 0, no sanitizer report)', code === 0, 'exit ' + code);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log('web: ' + passed + ' passed, ' + failed + ' failed');
  process.exit(failed ? 1 : 0);
}

function startServer(db) {
  return new Promise((resolve, reject) => {
    server = spawn(sitrep, ['serve', '--db', db, '--port', '0', '--web', path.join(root, 'web')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    server.stderr.on('data', (d) => {
      err += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(err);
      if (m) resolve('http://127.0.0.1:' + m[1] + '/');
    });
    server.on('exit', (c) => reject(new Error('sitrep serve exited ' + c + ': ' + err)));
    setTimeout(() => reject(new Error('sitrep serve did not start: ' + err)), 15000);
  });
}

async function getJSON(base, p) {
  const r = await fetch(base + p);
  return r.json();
}

// Waits until the page has finished the load started after `since`.
async function loaded(page, since) {
  await page.waitForFunction((s) => +(document.body.getAttribute('data-loaded') || 0) > s, since, { timeout: 15000 });
  return +(await page.getAttribute('body', 'data-loaded'));
}

// A fresh navigation (not only a hash change), then its first load.
async function open(page, url) {
  await page.goto('about:blank');
  await page.goto(url);
  return loaded(page, 0);
}

async function main() {
  fs.mkdirSync(artifacts, { recursive: true });
  const db = path.join(tmp, 'web.db');
  const ex = path.join(root, 'examples');
  execFileSync(sitrep, ['ingest', '-q', '--db', db, path.join(ex, 'articles.jsonl'), path.join(ex, 'ex-007.txt'),
    path.join(ex, 'ex-008.txt'), path.join(__dirname, 'xss.jsonl')], { stdio: 'inherit' });
  const base = await startServer(db);
  const meta = await getJSON(base, 'api/meta');
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  // a new empty profile per run
  const launch = (dir, opts) => chromium.launchPersistentContext(path.join(tmp, dir), Object.assign({
    executablePath: chromePath, headless: true, args, viewport: { width: 1400, height: 1000 },
  }, opts || {}));

  // ---- with the Content-Security-Policy in force ------------------------------
  browser = await launch('profile-csp');
  const page = browser.pages()[0] || await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });

  await page.goto(base);
  let gen = await loaded(page, 0);
  const metaText = await page.textContent('#meta');
  check('page shows the store summary', metaText.includes(meta.documents + ' documents') && metaText.includes(meta.world_events + ' world events'), metaText);
  const bars = await page.locator('#timeline .bar').count();
  const days = (await getJSON(base, 'api/timeline?modality=all')).days.length;
  check('timeline draws one bar per day', bars === days && bars > 5, bars + ' bars, ' + days + ' days');
  check('timeline bars are coloured by QuadClass', await page.locator('#timeline rect.q1').count() > 0 && await page.locator('#timeline rect.q4').count() > 0);
  const nodes = await page.locator('#network .node').count();
  check('network draws actor nodes and edges', nodes >= 5 && await page.locator('#network line.edge').count() >= 4, nodes + ' nodes');
  check('map draws the world outline', await page.locator('#map path.land').count() > 150);
  const places = await page.locator('#map circle.place').count();
  check('map marks event locations', places >= 5, places + ' places');
  const items = await page.locator('#events li.event').count();
  check('event list shows the first page', items === Math.min(50, meta.world_events), items + ' of ' + meta.world_events);
  await page.screenshot({ path: path.join(artifacts, 'overview.png'), fullPage: true });
  await page.locator('#timeline-view').screenshot({ path: path.join(artifacts, 'timeline.png') });
  await page.locator('#network-view').screenshot({ path: path.join(artifacts, 'network.png') });
  await page.locator('#map-view').screenshot({ path: path.join(artifacts, 'map.png') });

  // apply a filter: type CONSULT
  await page.selectOption('select[name=type]', 'CONSULT');
  gen = await loaded(page, gen);
  const types = await page.locator('#events li.event .type').allTextContents();
  const want = (await getJSON(base, 'api/events?type=CONSULT&modality=all')).total;
  check('type filter: only CONSULT events are listed', types.length === want && want > 0 && types.every((t) => t.startsWith('CONSULT')), types.join('|'));
  check('type filter: the URL keeps it', page.url().includes('type=CONSULT'), page.url());
  check('type filter: the count is shown', (await page.textContent('#events-count')).startsWith(want + ' world events'));
  // and a minimum number of sources
  await page.fill('input[name=min_sources]', '2');
  await page.click('#filters button[type=submit]');
  gen = await loaded(page, gen);
  const two = (await getJSON(base, 'api/events?type=CONSULT&min_sources=2&modality=all')).total;
  const n2 = await page.locator('#events li.event').count();
  check('min sources filter', page.url().includes('min_sources=2') && n2 === two, n2 + ' items for ' + two);
  await page.screenshot({ path: path.join(artifacts, 'filtered.png'), fullPage: true });

  // the URL alone restores the state (a new load with a hash)
  gen = await open(page, base + '#key=LTU&modality=real&since=2023-08-01&until=2023-08-31');
  check('URL state fills the form', await page.inputValue('select[name=key]') === 'LTU' && await page.inputValue('select[name=modality]') === 'real' &&
    await page.inputValue('input[name=since]') === '2023-08-01');
  const actors = await page.locator('#events li.event .actors').allTextContents();
  const ltu = (await getJSON(base, 'api/events?key=LTU&modality=real&since=2023-08-01&until=2023-08-31')).total;
  check('URL state filters the list', actors.length === ltu && ltu > 0 && actors.every((a) => a.includes('[LTU]')), actors.join('|'));
  const dates = await page.locator('#events li.event .date').allTextContents();
  check('date range filter', dates.every((d) => d >= '2023-08-01' && d <= '2023-08-31'), dates.join(' '));

  // evidence view
  await page.locator('#events li.event button.show').first().click();
  await page.waitForSelector('#evidence article.doc mark.hl-sentence', { timeout: 15000 });
  gen = await loaded(page, gen);
  const id = new URLSearchParams(new URL(page.url()).hash.slice(1)).get('event');
  const ev = await getJSON(base, 'api/event/' + id);
  const marks = await page.locator('#evidence mark.hl-sentence').allTextContents();
  const sentence = ev.reports[0].evidence;
  check('evidence: the URL names the event', !!id && ev.event && String(ev.event.id) === id, page.url());
  check('evidence: the sentence is highlighted in the article', marks.join('').replace(/\s+/g, ' ').includes(sentence.replace(/\s+/g, ' ').slice(0, 40)), marks.join(' / ').slice(0, 200));
  const docText = await page.locator('#evidence article.doc .text').first().textContent();
  check('evidence: the whole original article is shown', docText === ev.documents[0].text);
  check('evidence: actors and the event span are marked', await page.locator('#evidence .hl-source').count() > 0 && await page.locator('#evidence .hl-event').count() > 0);
  await page.locator('#evidence-view').screenshot({ path: path.join(artifacts, 'evidence.png') });
  await page.screenshot({ path: path.join(artifacts, 'evidence-page.png'), fullPage: true });

  // clicking a network node filters by its key
  gen = await open(page, base);
  const key = await page.locator('#network .node').first().getAttribute('data-key');
  await page.locator('#network .node').first().click();
  gen = await loaded(page, gen);
  check('network: a click on a node filters by its key', page.url().includes('key=' + encodeURIComponent(key)), page.url());

  // the hostile article, CSP on
  const xssId = (await getJSON(base, 'api/events?q=tariffs&modality=all')).events[0].id;
  gen = await open(page, base + '#q=tariffs&event=' + xssId);
  await page.waitForSelector('#evidence article.doc', { timeout: 15000 });
  check('xss (CSP on): nothing ran', await page.evaluate(() => window.__xss) === undefined && dialogs.length === 0, dialogs.join(','));
  check('no console errors or CSP violations', problems.length === 0, problems.join(' | '));
  await browser.close();
  browser = null;

  // ---- the same hostile article with the CSP bypassed: escaping alone -----------
  browser = await launch('profile-nocsp', { bypassCSP: true });
  const p2 = browser.pages()[0] || await browser.newPage();
  const d2 = [];
  p2.on('dialog', (d) => { d2.push(d.message()); d.dismiss().catch(() => {}); });
  await p2.goto(base + '#q=tariffs&modality=all&event=' + xssId);
  await loaded(p2, 0);
  await p2.waitForSelector('#evidence article.doc .text', { timeout: 15000 });
  const text = await p2.locator('#evidence article.doc .text').first().textContent();
  check('xss: the markup is shown as text', text.includes('<script>window.__xss=1') && text.includes('<img src=x onerror=') && text.includes('href="javascript:'));
  const injected = await p2.evaluate(() => document.querySelectorAll('main script, main img, main iframe, main [onerror], main [onmouseover]').length);
  check('xss: no element was created from article text', injected === 0, injected);
  const jsLinks = await p2.evaluate(() => [...document.querySelectorAll('a')].filter((a) => !/^https?:/.test(a.href)).length);
  check('xss: no javascript: link exists', jsLinks === 0, jsLinks);
  const titles = await p2.locator('#evidence article.doc h4').allTextContents();
  check('xss: the title is shown as text', titles.some((t) => t.includes('<script>')), titles.join('|'));
  await p2.getByText('click here').first().click().catch(() => {});
  await p2.locator('#evidence .docmeta').first().hover().catch(() => {});
  await p2.waitForTimeout(300);
  check('xss (CSP bypassed): nothing ran', await p2.evaluate(() => window.__xss) === undefined && d2.length === 0, d2.join(','));
  await p2.screenshot({ path: path.join(artifacts, 'xss.png'), fullPage: true });
}

main().then(finish, (e) => {
  check('browser test run', false, e && e.stack ? e.stack : String(e));
  finish();
});
