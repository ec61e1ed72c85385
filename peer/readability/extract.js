// peer/readability/extract.js -- @mozilla/readability (the engine of Firefox
// Reader View) with jsdom over every .html file of a directory; prints one
// JSON line per page: {"id": file name without .html, "title", "text"}, the
// shape tests/html/f1.py scores.  Usage: node extract.js DIR [--utf8]
// --utf8: the pages are UTF-8 whatever they declare (the article-extraction
// benchmark's are); otherwise jsdom sniffs the charset.
"use strict";
const fs = require("fs");
const path = require("path");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const dir = process.argv[2];
const utf8 = process.argv.includes("--utf8");
const quiet = new VirtualConsole();
for (const name of fs.readdirSync(dir).filter((n) => n.endsWith(".html")).sort()) {
  const bytes = fs.readFileSync(path.join(dir, name));
  // a Buffer lets jsdom sniff the charset (BOM, <meta>, else windows-1252);
  // a string is taken as it is
  const dom = new JSDOM(utf8 ? bytes.toString("utf8") : bytes, { url: "https://example.invalid/" + name, virtualConsole: quiet });
  let art = null;
  try {
    art = new Readability(dom.window.document).parse();
  } catch (e) {
    art = null;
  }
  const text = art && art.textContent ? art.textContent.replace(/\s+/g, " ").trim() : "";
  process.stdout.write(JSON.stringify({ id: name.slice(0, -5), title: art ? art.title : null, text }) + "\n");
}
