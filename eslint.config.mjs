// ESLint flat config. Three layers of rules:
//  1. typescript-eslint's recommended rules everywhere;
//  2. Microsoft's Office add-in rules (eslint-plugin-office-addins, the rules behind
//     office-addin-lint) on the code that talks to Office: load before read, sync
//     after load, never context.sync() inside a loop (docs/architecture.md §3);
//  3. the purity of src/core (docs/architecture.md §2): no Office,
//     Excel, CustomFunctions or DOM globals, no imports of the other src folders,
//     React, Fluent or Node built-ins. test/lint.test.ts proves a violation fails.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";
import officeAddins from "eslint-plugin-office-addins";

const officeGlobals = ["Office", "Excel", "OfficeExtension", "CustomFunctions", "OfficeRuntime"];

export const corePurity = {
  "no-restricted-globals": [
    "error",
    ...officeGlobals.map((name) => ({ name, message: "src/core is pure: Office and Excel belong in src/excel." })),
    ...["window", "document", "navigator", "localStorage", "sessionStorage", "fetch", "XMLHttpRequest", "process"].map(
      (name) => ({ name, message: "src/core is pure: no DOM, network or process access." }),
    ),
  ],
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        { group: ["**/excel", "**/excel/**", "**/functions", "**/functions/**", "**/taskpane", "**/taskpane/**", "**/cli", "**/cli/**"], message: "src/core must not import the outer layers." },
        { group: ["react", "react-dom", "react/*", "react-dom/*", "@fluentui/*", "office-addin-*", "@microsoft/*"], message: "src/core is pure TypeScript: no UI or Office packages." },
        { group: ["fs", "path", "os", "child_process", "node:*", "http", "https", "net"], message: "src/core is pure: no Node built-ins (I/O belongs in src/cli)." },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "lib/**", "test-output/**", "coverage/**", "test/fixtures/**", ".stryker-tmp*/**", "reports/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: "module" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      ...corePurity,
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    files: ["src/excel/**/*.{ts,tsx}", "src/taskpane/**/*.{ts,tsx}", "src/functions/**/*.ts", "test/browser/host/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "office-addins/call-sync-after-load": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    // The Excel boundary: custom-functions-metadata needs the TypeScript keyword `any`
    // to declare an untyped parameter; ./args.ts narrows every value at once.
    // The family files of src/functions/functions.ts.
    files: ["src/functions/{finance,pyramid,summary,rfm,fits,predictions,bgbb,forecast,lifecycle,delivered}.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs", "scripts/**", "bench/**", "test/**", "src/cli/**"],
    languageOptions: { globals: { ...globals.node } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
