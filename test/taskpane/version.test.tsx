/**
 * @jest-environment jsdom
 *
 * The task pane's footer shows the version the build put in (webpack's DefinePlugin sets
 * __CVA_VERSION__ to package.json's version; test/browser/deploy.test.ts reads it from the real
 * bundle). Here version.ts is loaded with and without that global, and the footer is rendered
 * with what it holds.
 */
import { readFileSync } from "fs";
import path from "path";
import { render, screen, waitFor } from "@testing-library/react";
import { webLightTheme } from "@fluentui/react-components";
import type { ExcelOperations } from "../../src/excel";
import { App } from "../../src/taskpane/App";

jest.mock("@fluentui/react-charts", () => ({ FunnelChart: () => null }));

const { version } = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };

const excel: ExcelOperations = {
  readSelection: async () => ({ address: "Sheet1!A1", sheet: "Sheet1", range: "A1", rows: 1, columns: 1 }),
  watchSelection: async () => async () => undefined,
  listSources: async () => ({ tables: [], names: [] }),
  previewSource: async () => ({ address: "Sheet1!A1:A1", sheet: "Sheet1", header: [""], rows: [[""]], dateFormatted: [false], chunks: 1 }),
  runAnalysis: async () => {
    throw new Error("not run in this test");
  },
  select: async () => undefined,
  loadSettings: () => undefined,
  saveSettings: async () => undefined,
};

if (typeof window !== "undefined" && !("ResizeObserver" in window)) {
  (window as unknown as Record<string, unknown>).ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

/** src/taskpane/version.ts loaded afresh with __CVA_VERSION__ set as DefinePlugin would (or unset). */
function loadVersion(defined: string | undefined): string {
  const g = globalThis as { __CVA_VERSION__?: string };
  if (defined === undefined) delete g.__CVA_VERSION__;
  else g.__CVA_VERSION__ = defined;
  let value!: string;
  jest.isolateModules(() => {
    value = (jest.requireActual("../../src/taskpane/version") as typeof import("../../src/taskpane/version")).CVA_VERSION;
  });
  delete g.__CVA_VERSION__;
  return value;
}

// The App below reads CVA_VERSION from version.ts; each test sets what the build would have put in.
let mockVersion = "";
jest.mock("../../src/taskpane/version", () => ({
  get CVA_VERSION() {
    return mockVersion;
  },
}));

describe("the version in the task pane's footer", () => {
  it("version.ts holds what the build defines, and nothing outside a build", () => {
    expect(loadVersion(version)).toBe(version);
    expect(loadVersion(undefined)).toBe("");
  });

  it.each(["en-US", "zh-CN"] as const)("the footer shows package.json's version (%s)", async (locale) => {
    mockVersion = version;
    render(<App excel={excel} locale={locale} theme={webLightTheme} />);
    await waitFor(() => expect(screen.getByTestId("version").textContent).toBe(`CVA ${version}`));
    expect(screen.getByTestId("version").closest("footer")).not.toBeNull();
  });

  it("a version passed in wins (tests and previews)", async () => {
    mockVersion = version;
    render(<App excel={excel} locale="en-US" theme={webLightTheme} version="9.8.7" />);
    await waitFor(() => expect(screen.getByTestId("version").textContent).toBe("CVA 9.8.7"));
  });

  it("shows no footer outside a build, rather than a wrong number", async () => {
    mockVersion = "";
    render(<App excel={excel} locale="en-US" theme={webLightTheme} />);
    await screen.findByRole("heading", { level: 1 });
    expect(screen.queryByTestId("version")).toBeNull();
  });
});
