// peer/readability/extract.js -- @mozilla/readability (the engine of Firefox
// Reader View) with jsdom over every .html file of a directory; prints one
// JSON line per page: {"id": file name without .html, "title", "text"}, the
// shape tests/html/f1.py scores.  Usage: node extract.js DIR
"use strict";
const fs = require("fs");
const path = require("path");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const dir = process.argv[2];
const quiet = new VirtualConsole();
for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".html")).sort()) {
  const bytes = fs.readFileSync(path.join(dir, name));
  // a Buffer lets jsdom sniff the charset (BOM, <meta>, else windows-1252)
  const dom = new JSDOM(bytes, { url: "https://example.invalid/" + name, virtualConsole: quiet });
  let art = null;
  try {
    art = new Readability(dom.window.document).parse();
  } catch (e) {
    art = null;
  }
  const text = art && art.textContent ? art.textContent.replace(/\s+/g, " ").trim() : "";
  process.stdout.write(JSON.stringify({ id: name.slice(0, -5), title: art ? art.title : null, text }) + "\n");
}
