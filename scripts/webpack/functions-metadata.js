// Build steps around the custom functions' metadata (used by webpack.config.js, tested by
// test/build/metadata-guard.test.ts and test/functions/zh-cn.test.ts):
//
// 1. custom-functions-metadata's CLI reports JSDoc errors yet exits 0 and writes no
//    file. The webpack plugin records those errors on the compilation; this guard also
//    fails the build when functions.json is missing or declares no function, so a broken
//    metadata file can never be served.
// 2. The generator does not localise. functions.zh-cn.json is functions.json with every
//    description and parameter description taken from one translation table
//    (src/functions/functions.zh-CN.json); a function or parameter missing from the
//    table, or a stale entry, fails the build. The manifest points zh-CN Excel at it.
// 3. The generator cannot set `allowErrorForDataTypeAny` (no JSDoc tag; "Handle and return
//    errors from your custom function": it "can only be used with manually created JSON
//    metadata"). Without it Excel never calls a function whose input holds an error cell, and
//    one #N/A in a population turns a whole spill into #N/A. finishMetadata sets it on
//    functions.json and its localised copies (docs/architecture.md §14).
// 4. The functions live in one file per family, which the entry (src/functions/functions.ts)
//    re-exports. The generator reads only the files it is given, and its loader appends the
//    CustomFunctions.associate calls to the file that declares each function: functionSources
//    lists the entry and the files it re-exports, in its order (the order of functions.json).
"use strict";

const fs = require("fs");
const path = require("path");

/**
 * The entry and the files it re-exports (`export * from "./x"`, `export { … } from "./x"`), in the
 * order it names them, as absolute paths: the files the metadata generator must read.
 */
function functionSources(entry) {
  const file = path.resolve(entry);
  const dir = path.dirname(file);
  const text = fs.readFileSync(file, "utf8");
  const files = [...text.matchAll(/^export\s+(?:\*|\{[^}]*\})\s+from\s+"(\.\/[^"]+)"/gm)].map((m) => path.join(dir, `${m[1]}.ts`));
  return [file, ...files];
}

/**
 * The metadata Excel reads, completed with what the generator cannot write: error values
 * (#N/A, #DIV/0!, …) may reach the functions' `any` parameters, which handle them per cell
 * ("Manually create JSON metadata for custom functions": allowErrorForDataTypeAny).
 */
function finishMetadata(metadata) {
  return { allowCustomDataForDataTypeAny: true, ...metadata, allowErrorForDataTypeAny: true };
}

/** Returns { metadata, problems }: the localised metadata and what the table lacks or has too much of. */
function localizeMetadata(metadata, table) {
  const problems = [];
  const ids = new Set();
  const functions = metadata.functions.map((f) => {
    ids.add(f.id);
    const t = table[f.id];
    if (!t || typeof t.description !== "string" || t.description.trim() === "") {
      problems.push(`${f.id}: no zh-CN description`);
      return f;
    }
    const names = new Set(f.parameters.map((p) => p.name));
    for (const name of Object.keys(t.parameters || {})) {
      if (!names.has(name)) problems.push(`${f.id}: the zh-CN table describes a parameter "${name}" the function does not have`);
    }
    return {
      ...f,
      description: t.description,
      parameters: f.parameters.map((p) => {
        const d = t.parameters && t.parameters[p.name];
        if (typeof d !== "string" || d.trim() === "") problems.push(`${f.id}: parameter ${p.name} has no zh-CN description`);
        return { ...p, description: d || p.description };
      }),
    };
  });
  for (const id of Object.keys(table)) if (!ids.has(id)) problems.push(`the zh-CN table describes a function ${id} that does not exist`);
  return { metadata: { ...metadata, functions }, problems };
}

class FunctionsMetadataSteps {
  /** @param {{ file: string, localized: { file: string, table: string }[] }} options */
  constructor(options) {
    this.options = options;
  }

  apply(compiler) {
    const { file, localized } = this.options;
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("FunctionsMetadataSteps", (compilation) => {
      for (const l of localized) compilation.fileDependencies.add(l.table);
      compilation.hooks.processAssets.tap({ name: "FunctionsMetadataSteps", stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONS }, (assets) => {
        const fail = (msg) => compilation.errors.push(new WebpackError(msg));
        const asset = assets[file];
        if (!asset) return fail(`${file} was not generated: fix the JSDoc errors reported above.`);
        let metadata;
        try {
          metadata = JSON.parse(asset.source().toString());
        } catch (e) {
          return fail(`${file} is not valid JSON: ${e.message}`);
        }
        if (!Array.isArray(metadata.functions) || metadata.functions.length === 0) return fail(`${file} declares no custom function.`);
        metadata = finishMetadata(metadata);
        compilation.updateAsset(file, new sources.RawSource(JSON.stringify(metadata, null, 4)));
        for (const l of localized) {
          const table = JSON.parse(fs.readFileSync(l.table, "utf8"));
          const { metadata: out, problems } = localizeMetadata(metadata, table);
          for (const p of problems) fail(`${l.file}: ${p} (edit ${l.table})`);
          compilation.emitAsset(l.file, new sources.RawSource(JSON.stringify(out, null, 4)));
        }
      });
    });
  }
}

module.exports = { finishMetadata, localizeMetadata, functionSources, FunctionsMetadataSteps };
