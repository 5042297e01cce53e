/**
 * The =CVA.* custom functions: the bundle's entry, which loads one file per family of
 * functions. Each function is a thin wrapper: read the arguments under their rules (./args.ts,
 * ./tables.ts, ./rules.ts), call the core, map errors (./errors.ts). No model logic lives in
 * them. The JSDoc of each function is what Excel shows in its formula help, so it is written for
 * the person typing the formula; custom-functions-metadata-plugin turns it into functions.json
 * at build time (and functions.zh-cn.json from ./functions.zh-CN.json) and appends the
 * CustomFunctions.associate calls to the file that declares the function. The plugin reads the
 * files exported below, in this order, which is the order of functions.json
 * (scripts/webpack/functions-metadata.js, functionSources).
 *
 * Conventions, as Excel's own functions:
 * - Parameters are typed `any[][]`: a single cell and a range both arrive as a matrix, so
 *   every scalar argument may also be a range, and the function then spills one result per
 *   cell (./spill.ts). Errors stay in their own cell of the spill.
 * - Text or a blank where a number is needed, or an impossible number: #VALUE!; a missing
 *   population, an error cell in an input, a fit without an answer: #N/A — the two codes whose
 *   message Excel shows (./errors.ts). The message, shown when the cell is selected, names the
 *   argument (and the row within a range), in Office's display language.
 * - An error cell in an input is answered per cell where the result is per customer (TIER,
 *   PALIVE, …): that customer's cell shows #N/A naming it, the others compute. A result over
 *   the whole population (PYRAMID, GINI, a FIT) is #N/A naming the cell (docs/architecture.md §14).
 * - Labels (tiers, stages, segments) follow the optional `lang` argument, else Office's display
 *   language (en-US or zh-CN).
 */
export * from "./finance"; // CLV
export * from "./pyramid"; // TIER, PYRAMID, PARETO, GINI, LORENZ
export * from "./summary"; // SUMMARY
export * from "./rfm"; // RFM, RFMSEGMENT
export * from "./fits"; // FIT.BGNBD, FIT.MBGNBD, FIT.PARETONBD, FIT.GG, FIT
export * from "./predictions"; // PALIVE, EXPECTED, SPEND, CLV.BTYD, PN
export * from "./bgbb"; // FIT.BGBB, BGBB.PALIVE, BGBB.EXPECTED
export * from "./forecast"; // FORECAST, NEWCUSTOMER
export * from "./lifecycle"; // LIFECYCLE, RELATIONSHIP, LOYALTY
export * from "./delivered"; // DELIVERED, VALUERATIO
