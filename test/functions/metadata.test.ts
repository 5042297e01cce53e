/**
 * The metadata Excel reads (functions.json), generated from the JSDoc exactly as the
 * webpack plugin does, checked for ids, parameter names, types and optional flags.
 */
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
const { functionSources } = require("../../scripts/webpack/functions-metadata");

interface Param { name: string; type: string; optional?: boolean; description: string; dimensionality?: string }
interface Fn { id: string; name: string; description: string; parameters: Param[]; result: { type?: string; dimensionality?: string } }

let functions: Fn[];

beforeAll(async () => {
  const input = path.resolve(__dirname, "../../src/functions/functions.ts");
  const result = await generateCustomFunctionsMetadata(functionSources(input), true);
  expect(result.errors).toEqual([]);
  functions = JSON.parse(result.metadataJson).functions;
});

describe("functions.json", () => {
  it("declares CLV with id CLV (Excel shows it as CVA.CLV under the manifest's namespace)", () => {
    const f = functions.find((x) => x.id === "CLV");
    expect(f).toBeDefined();
    expect(f!.name).toBe("CLV");
    expect(f!.result).toEqual({ dimensionality: "matrix" }); // spills one value per row of a range
    expect(f!.description).toMatch(/=CVA\.CLV\(100, 0\.8, 0\.1\) returns 266\.67/);
  });

  it("CLV parameters: names, raw 'any' matrices (a cell or a range; our validator names bad input) and optional flags", () => {
    const f = functions.find((x) => x.id === "CLV")!;
    expect(f.parameters.map((p) => [p.name, p.type, p.dimensionality, p.optional === true])).toEqual([
      ["margin", "any", "matrix", false],
      ["retention", "any", "matrix", false],
      ["discount", "any", "matrix", false],
      ["periods", "any", "matrix", true],
      ["acquisition_cost", "any", "matrix", true],
    ]);
    for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(20);
  });

  it("declares the whole formula surface", () => {
    expect(functions.map((f) => f.id).sort()).toEqual(
      [
        "CLV", "TIER", "PYRAMID", "PARETO", "GINI", "LORENZ", "SUMMARY", "RFM", "RFMSEGMENT",
        "FIT.BGNBD", "FIT.MBGNBD", "FIT.PARETONBD", "FIT.GG", "PALIVE", "EXPECTED", "SPEND", "CLV.BTYD", "PN",
        "FIT", "FIT.BGBB", "BGBB.PALIVE", "BGBB.EXPECTED", "FORECAST", "NEWCUSTOMER",
        "LIFECYCLE", "RELATIONSHIP", "LOYALTY", "DELIVERED", "VALUERATIO",
      ].sort(),
    );
    // Optional parameters come last, as Excel requires.
    for (const f of functions) {
      const firstOptional = f.parameters.findIndex((p) => p.optional);
      if (firstOptional >= 0) expect([f.id, f.parameters.slice(firstOptional).every((p) => p.optional)]).toEqual([f.id, true]);
    }
  });

  it("every fit ends with an optional penalizer (lifetimes' penalizer_coef) and an optional se (the standard-error rows)", () => {
    const params = (id: string) => functions.find((f) => f.id === id)!.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name));
    expect(params("FIT")).toEqual(["frequency", "recency", "T", "[model]", "[penalizer]", "[se]"]);
    for (const id of ["FIT.BGNBD", "FIT.MBGNBD", "FIT.PARETONBD"]) expect([id, params(id)]).toEqual([id, ["frequency", "recency", "T", "[penalizer]", "[se]"]]);
    expect(params("FIT.GG")).toEqual(["frequency", "monetary", "[penalizer]", "[se]"]);
    expect(params("FIT.BGBB")).toEqual(["frequency", "recency", "periods", "[weights]", "[penalizer]", "[se]"]);
  });

  it("the functions that return labels end with an optional lang parameter", () => {
    for (const id of ["TIER", "PYRAMID", "RFMSEGMENT", "LIFECYCLE", "RELATIONSHIP"]) {
      const last = functions.find((f) => f.id === id)!.parameters.at(-1)!;
      expect([id, last.name, last.optional]).toEqual([id, "lang", true]);
    }
  });

  it("every function id is upper case and every parameter is described", () => {
    for (const f of functions) {
      expect(f.id).toMatch(/^[A-Z][A-Z0-9.]*$/);
      for (const p of f.parameters) expect(p.description).not.toBe("");
    }
  });
});
