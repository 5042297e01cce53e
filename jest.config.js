/** Unit tests: core, functions, excel layer (office-addin-mock), components (jsdom), build checks. */
module.exports = {
  testEnvironment: "node",
  roots: [
    "<rootDir>/test"
  ],
  testMatch: [
    "**/*.test.ts",
    "**/*.test.tsx"
  ],
  testPathIgnorePatterns: [
    "/node_modules/",
    "<rootDir>/test/browser/"
  ],
  transform: {
    "^.+\\.tsx?$": [
      "ts-jest",
      {
        tsconfig: "tsconfig.json",
        diagnostics: false
      }
    ]
  },
  moduleFileExtensions: [
    "ts",
    "tsx",
    "js",
    "json"
  ],
  moduleNameMapper: {
    "^office-addin-manifest$": "<rootDir>/test/setup/office-addin-manifest-shim.ts"
  },
  testTimeout: 30000,
  setupFiles: [
    "<rootDir>/test/setup/custom-functions.ts",
    "<rootDir>/test/setup/jsdom.ts"
  ]
};
