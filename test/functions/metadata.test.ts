/**
 * The metadata Excel reads (functions.json), generated from the JSDoc exactly as the
 * webpack plugin does, checked for ids, parameter names, types and optional flags.
 */
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";

interface Param { name: string; type: string; optional?: boolean; description: string; dimensionality?: string }
interface Fn { id: string; name: string; description: string; parameters: Param[]; result: { type?: string } }

let functions: Fn[];

beforeAll(async () => {
  const input = path.resolve(__dirname, "../../src/functions/functions.ts");
  const result = await generateCustomFunctionsMetadata([input], true);
  expect(result.errors).toEqual([]);
  functions = JSON.parse(result.metadataJson).functions;
});

describe("functions.json", () => {
  it("declares CLV with id CLV (Excel shows it as CVA.CLV under the manifest's namespace)", () => {
    const f = functions.find((x) => x.id === "CLV");
    expect(f).toBeDefined();
    expect(f!.name).toBe("CLV");
    expect(f!.result.type).toBe("number");
    expect(f!.description).toMatch(/=CVA\.CLV\(100, 0\.8, 0\.1\) returns 266\.67/);
  });

  it("CLV parameters: names, raw 'any' types (so our validator names bad input) and optional flags", () => {
    const f = functions.find((x) => x.id === "CLV")!;
    expect(f.parameters.map((p) => [p.name, p.type, p.optional === true])).toEqual([
      ["margin", "any", false],
      ["retention", "any", false],
      ["discount", "any", false],
      ["periods", "any", true],
      ["acquisition_cost", "any", true],
    ]);
    for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(20);
  });

  it("every function id is upper case and every parameter is described", () => {
    for (const f of functions) {
      expect(f.id).toMatch(/^[A-Z][A-Z0-9.]*$/);
      for (const p of f.parameters) expect(p.description).not.toBe("");
    }
  });
});
