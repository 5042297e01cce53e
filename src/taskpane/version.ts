/**
 * The add-in's version: package.json's, written into the bundle at build time by webpack's
 * DefinePlugin (webpack.config.js), so package.json stays the one place a release is numbered.
 * Outside a webpack build (jest) it is empty unless a test defines `__CVA_VERSION__`.
 */
declare const __CVA_VERSION__: string | undefined;

export const CVA_VERSION: string = typeof __CVA_VERSION__ === "string" ? __CVA_VERSION__ : "";
