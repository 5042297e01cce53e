/**
 * .npmrc sets legacy-peer-deps, so npm no longer installs peer dependencies by itself
 * (README, "Why .npmrc sets legacy-peer-deps"). This test keeps that choice safe: every
 * required peer of every installed package is installed, except the one left out on
 * purpose, and keytar (the native module that breaks fresh installs) is absent.
 */
import { readFileSync } from "fs";
import path from "path";

interface LockPackage {
  version?: string;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const lock = JSON.parse(readFileSync(path.join(__dirname, "..", "package-lock.json"), "utf8")) as {
  packages: Record<string, LockPackage>;
};
const installed = new Set(Object.keys(lock.packages).map((k) => k.replace(/^.*node_modules\//, "")));
const LEFT_OUT = new Set(["@microsoft/m365agentstoolkit-cli"]);

describe("dependencies", () => {
  it("every required peer dependency is installed, but the M365 Agents Toolkit CLI", () => {
    const missing: string[] = [];
    for (const [where, pkg] of Object.entries(lock.packages)) {
      for (const peer of Object.keys(pkg.peerDependencies ?? {})) {
        if (pkg.peerDependenciesMeta?.[peer]?.optional) continue;
        if (!installed.has(peer) && !LEFT_OUT.has(peer)) missing.push(`${peer} (peer of ${where})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("installs no keytar, so npm install needs neither GitHub downloads nor libsecret", () => {
    expect(installed.has("keytar")).toBe(false);
  });

  it("keeps legacy-peer-deps in .npmrc", () => {
    expect(readFileSync(path.join(__dirname, "..", ".npmrc"), "utf8")).toMatch(/^legacy-peer-deps=true$/m);
  });
});
