// compare.mjs -- sitrep's temporal tagger vs chrono-node on
// tests/time/expressions.tsv (issue 5, item 7).
//
// In:  the expression table (argv[2]) and sitrep's answers as JSON lines
//      (argv[3], written by sitrep_timex.c); chrono-node from node_modules.
// Out: exact-match accuracy of both systems on the same rows, overall and
//      on positive / negative rows, then a lenient score and chrono-node's
//      misses by kind (-v lists every row either system gets wrong).
// Scoring and the mapping of chrono's results are documented in README.md;
// one function (score) scores both systems.
import { readFileSync } from "node:fs";

const args = process.argv.slice(2).filter((a) => a !== "-v");
const verbose = process.argv.includes("-v");
const [tsvPath, sitrepPath] = args;
if (!tsvPath || !sitrepPath) {
  console.error("usage: node compare.mjs [-v] expressions.tsv sitrep.jsonl");
  process.exit(2);
}

// ---- the table ---------------------------------------------------------
const rows = [];
readFileSync(tsvPath, "utf8").split("\n").forEach((line, i) => {
  if (!line || line.startsWith("#")) return;
  const c = line.split("\t");
  if (c.length !== 6) throw new Error(`${tsvPath}:${i + 1}: want 6 columns`);
  const list = (s) => (s === "-" ? [] : s.split(" ; "));
  const texts = list(c[3]);
  rows.push({
    line: i + 1, anchor: c[0], tense: c[1], sentence: c[2],
    expected: texts.map((t, k) => ({
      text: t,
      date: c[4].split(" ; ")[k] ?? "-",
      prec: c[5].split(" ; ")[k] ?? "-",
    })),
  });
});

// ---- scoring (identical for both systems) -----------------------------------
const PREPS = ["on ", "in ", "at ", "from ", "since ", "by "];
// The TSV's rule (one leading preposition dropped, any case), plus trailing
// spaces and commas trimmed: chrono's spans may end in "," ("on Tuesday,").
function stripPrep(s) {
  s = s.replace(/[\s,]+$/, "");
  const low = s.toLowerCase();
  for (const p of PREPS) if (low.startsWith(p)) return s.slice(p.length);
  return s;
}
// Exact: same number of expressions, and each has the expected text (after
// stripPrep on both sides), date and precision.
function score(expected, found) {
  if (expected.length !== found.length) return false;
  return expected.every((e, k) => stripPrep(e.text) === stripPrep(found[k].text) &&
    e.date === found[k].date && e.prec === found[k].prec);
}
// Lenient: same number of expressions and texts; each found date lies in
// the expected period (week 7 days, weekend 2, month, year; ranges and
// unresolved dates must be equal); precision ignored.
function periodEnd(date, prec, text) {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  if (prec === "week") t.setUTCDate(t.getUTCDate() + (/weekend/i.test(text) ? 1 : 6));
  else if (prec === "month") t.setUTCMonth(t.getUTCMonth() + 1, 0);
  else if (prec === "year") t.setUTCFullYear(t.getUTCFullYear(), 11, 31);
  return t.toISOString().slice(0, 10);
}
function scoreLenient(expected, found) {
  if (expected.length !== found.length) return false;
  return expected.every((e, k) => {
    const f = found[k];
    if (stripPrep(e.text) !== stripPrep(f.text)) return false;
    if (e.date === f.date) return true;
    if (!/^\d{4}-\d\d-\d\d$/.test(e.date) || !/^\d{4}-\d\d-\d\d/.test(f.date)) return false;
    const fd = f.date.slice(0, 10);
    return fd >= e.date && fd <= periodEnd(e.date, e.prec, e.text);
  });
}

// ---- sitrep ------------------------------------------------------------------
const sitrep = new Map();
for (const l of readFileSync(sitrepPath, "utf8").split("\n")) {
  if (l) { const o = JSON.parse(l); sitrep.set(o.line, o.found); }
}

// ---- chrono-node --------------------------------------------------------------
let chrono = null;
try {
  chrono = await import("chrono-node");
} catch {
  console.log("chrono-node: not installed (run peer/chrono/run); scoring sitrep alone");
}
const pad = (n) => String(n).padStart(2, "0");
const ymd = (c) => `${String(c.get("year")).padStart(4, "0")}-${pad(c.get("month"))}-${pad(c.get("day"))}`;
// Precision from what chrono knows (knownValues), not what it implied:
// a day or weekday -> day; else a month -> month (1st); else a year ->
// year (1 January); else nothing dated ("this week": every value implied)
// -> day, at the implied date.
function dated(c) {
  if (c.isCertain("day") || c.isCertain("weekday")) return { date: ymd(c), prec: "day" };
  if (c.isCertain("month")) return { date: `${String(c.get("year")).padStart(4, "0")}-${pad(c.get("month"))}-01`, prec: "month" };
  if (c.isCertain("year")) return { date: `${String(c.get("year")).padStart(4, "0")}-01-01`, prec: "year" };
  return { date: ymd(c), prec: "day" };
}
const isClockOnly = (c) => !["day", "weekday", "month", "year"].some((k) => c.isCertain(k)) &&
  ["hour", "minute"].some((k) => c.isCertain(k));
// Two references for unknown anchors: an answer that differs between them
// depends on the reference, so it is unresolved ("-").
const REF_A = new Date(Date.UTC(2001, 2, 14, 12)), REF_B = new Date(Date.UTC(2017, 7, 9, 12));
function chronoOnce(row, ref) {
  const res = chrono.parse(row.sentence, ref, { forwardDate: row.tense === "future" });
  const out = [];
  for (const r of res) {
    if (isClockOnly(r.start)) continue;   // "at 0400", "10 a.m.": a clock time, not a date
    let { date, prec } = dated(r.start);
    if (r.end) {
      const e = dated(r.end).date;
      if (e !== date) date = `${date}..${e}`;
    }
    out.push({ text: r.text, date, prec });
  }
  return out;
}
function chronoRow(row) {
  if (row.anchor !== "-") {
    const [y, m, d] = row.anchor.split("-").map(Number);
    return chronoOnce(row, new Date(Date.UTC(y, m - 1, d, 12)));
  }
  const a = chronoOnce(row, REF_A), b = chronoOnce(row, REF_B);
  return a.map((x, k) => (b[k] && b[k].date === x.date ? x : { ...x, date: "-" }));
}

// ---- report ------------------------------------------------------------------------
const systems = [["sitrep", (r) => sitrep.get(r.line) ?? null]];
if (chrono) systems.push(["chrono-node", chronoRow]);
const pct = (a, b) => (b ? ((100 * a) / b).toFixed(1) : "0.0");
const tally = {};
const wrong = [];
for (const [name, run] of systems) {
  const t = { all: 0, pos: 0, neg: 0, len: 0, missing: 0 };
  for (const row of rows) {
    const found = run(row);
    if (found === null) { t.missing++; continue; }
    const ok = score(row.expected, found);
    if (ok) { t.all++; if (row.expected.length) t.pos++; else t.neg++; }
    if (scoreLenient(row.expected, found)) t.len++;
    if (!ok) wrong.push({ name, row, found });
  }
  tally[name] = t;
}
const npos = rows.filter((r) => r.expected.length).length, nneg = rows.length - npos;
console.log(`expressions: ${rows.length} rows of ${tsvPath} (${npos} with expressions, ${nneg} with none)`);
const line = (label, f, n) => console.log(`  ${label.padEnd(26)}` +
  systems.map(([name]) => `${name} ${f(tally[name])}/${n} (${pct(f(tally[name]), n)}%)`.padEnd(32)).join(""));
line("exact match, all rows", (t) => t.all, rows.length);
line("  rows with expressions", (t) => t.pos, npos);
line("  rows with none", (t) => t.neg, nneg);
line("lenient (date in period)", (t) => t.len, rows.length);
if (tally.sitrep.missing) console.log(`  (sitrep gave no answer for ${tally.sitrep.missing} rows)`);
if (chrono) {
  const v = JSON.parse(readFileSync(new URL("./node_modules/chrono-node/package.json", import.meta.url), "utf8")).version;
  console.log(`  chrono-node ${v}: chrono.parse(sentence, anchor 12:00 UTC, {forwardDate: tense == future})`);
  const kinds = {};
  for (const w of wrong.filter((x) => x.name === "chrono-node")) {
    const e = w.row.expected, f = w.found;
    const k = !e.length ? "found something in a negative row"
      : !f.length ? "found nothing"
      : e.length !== f.length ? "wrong number of expressions"
      : e.some((x, i) => stripPrep(x.text) !== stripPrep(f[i].text)) ? "different span"
      : e.some((x, i) => x.prec !== f[i].prec) ? "different precision"
      : "different date";
    kinds[k] = (kinds[k] ?? 0) + 1;
  }
  console.log("  chrono-node misses: " + Object.entries(kinds).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`).join(", "));
}
if (verbose) {
  const show = (f) => (f.length ? f.map((x) => `${x.text} = ${x.date} ${x.prec}`).join(" ; ") : "-");
  for (const w of wrong) {
    console.log(`${tsvPath}:${w.row.line}: ${w.name}: ${w.row.sentence}\n    want ${show(w.row.expected)}\n    got  ${show(w.found)}`);
  }
}
