#!/usr/bin/env node
// The `cva` command-line tool: a thin launcher for the compiled CLI in lib/ (built by
// `npm install` through the `prepare` script, or by `npm run build:cli`).
"use strict";
const path = require("path");
const fs = require("fs");
const main = path.join(__dirname, "..", "lib", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write("cva: the CLI is not built yet; run `npm run build:cli` (or `npm install`) first.\n");
  process.exit(2);
}
require(main)
  .main(process.argv.slice(2))
  .then((code) => process.exit(code), (err) => {
    process.stderr.write(`cva: ${err && err.message ? err.message : String(err)}\n`);
    process.exit(1);
  });
