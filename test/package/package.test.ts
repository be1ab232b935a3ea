/**
 * The package as `npm pack` builds it for consumers: a deliberate file list, entry points that
 * resolve inside the tarball, peer ranges the team-flow test runs at both ends, a template whose
 * dependencies this version satisfies, and a workflow that actionlint accepts.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../e2e/harness";
import { OLDEST_SDK } from "../e2e/team/teamRepo";

interface PackJson {
  name: string;
  version: string;
  main: string;
  exports: Record<string, string | { types: string; default: string }>;
  bin: Record<string, string>;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
}

const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as PackJson;
const template = (file: string) => JSON.parse(readFileSync(path.join(REPO, "templates/org-yaml", file), "utf8")) as { dependencies: Record<string, string> };

/** The tarball's contents, the way npm computes them. */
function packedFiles(): { files: string[]; size: number; unpackedSize: number; entryCount: number } {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO, encoding: "utf8" });
  const [info] = JSON.parse(out) as [{ files: { path: string }[]; size: number; unpackedSize: number; entryCount: number }];
  return { ...info, files: info.files.map((f) => f.path).sort() };
}

describe("the packed file list", () => {
  const packed = packedFiles();
  console.log(`npm pack: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(1)} kB packed, ${(packed.unpackedSize / 1024).toFixed(1)} kB unpacked`);

  it("holds only the program, the policies, the schema, the emulator, the exporter, the template, the docs and declarations", () => {
    const allowed = [
      /^dist\/(provider|program|emulator)\/.+\.(js|d\.ts)$/,
      /^dist\/policy\/(policies|lib)\/.+\.(js|d\.ts)$/,
      /^dist\/scripts\/umapi-(export|plan-summary)\.(js|d\.ts)$/,
      /^program\/package\.json$/,
      /^schema\/org\.schema\.json$/,
      /^templates\/org-yaml\//,
      /^docs\/[a-z-]+\.md$/,
      /^(README\.md|CHANGELOG\.md|LICENSE|package\.json)$/,
    ];
    expect(packed.files.filter((f) => !allowed.some((re) => re.test(f)))).toEqual([]);
  });

  it("has no tests, benchmarks, examples, sources, source maps or dev scripts", () => {
    const dev = /^(test|bench|examples|scripts|policy\/|provider\/|emulator\/)|^dist\/(test|bench|examples|scripts\/(demo|gen-schema|lib))|\.map$|(?<!\.d)\.ts$|^dist\/policy\/index\./;
    expect(packed.files.filter((f) => dev.test(f))).toEqual([]);
  });

  it("holds every entry point, the bins and the whole template", () => {
    const targets = Object.values(pkg.exports)
      .flatMap((t) => (typeof t === "string" ? [t] : [t.types, t.default]))
      .filter((t) => !t.includes("*"))
      .map((t) => t.replace(/^\.\//, ""));
    const expected = [
      ...targets,
      ...Object.values(pkg.bin),
      "LICENSE",
      "templates/org-yaml/Pulumi.yaml",
      "templates/org-yaml/package.json",
      "templates/org-yaml/index.js",
      "templates/org-yaml/org.yaml",
      "templates/org-yaml/README.md",
      // npm leaves out files named .gitignore: the template's is `gitignore`, renamed by its README's first step.
      "templates/org-yaml/gitignore",
      "templates/org-yaml/policy/PulumiPolicy.yaml",
      "templates/org-yaml/policy/package.json",
      "templates/org-yaml/policy/index.js",
      "templates/org-yaml/policy/config.json",
      "templates/org-yaml/.github/workflows/adobe-org.yml",
      "templates/org-yaml/.github/workflows/adobe-org-drift.yml",
    ];
    expect(expected.filter((f) => !packed.files.includes(f))).toEqual([]);
  });
});

describe("installing the package", () => {
  it("runs no lifecycle script: nothing is built or linked on a consumer's machine", () => {
    const lifecycle = ["preinstall", "install", "postinstall", "prepare", "prepublish", "preprepare", "postprepare"];
    expect(Object.keys(pkg.scripts).filter((s) => lifecycle.includes(s))).toEqual([]);
  });

  it("takes @pulumi/pulumi as a peer, pinned only for development here", () => {
    expect(pkg.dependencies["@pulumi/pulumi"]).toBeUndefined();
    expect(pkg.peerDependencies["@pulumi/pulumi"]).toBe(`>=${OLDEST_SDK} <4.0.0`);
    expect(pkg.devDependencies["@pulumi/pulumi"]).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.peerDependencies["@pulumi/policy"]).toBeDefined();
    expect(pkg.peerDependenciesMeta["@pulumi/policy"]?.optional).toBe(true);
  });

  it("the template's projects install this version and an SDK inside the peer range", () => {
    const [major, minor] = pkg.version.split(".");
    for (const file of ["package.json", "policy/package.json"]) {
      const deps = template(file).dependencies;
      // A 0.x caret range admits only the same minor version.
      expect(deps["pulumi-adobe-umapi"], file).toBe(`^${major}.${minor}.0`);
      expect(deps["@pulumi/pulumi"], file).toBe(`^${OLDEST_SDK}`);
    }
    expect(template("policy/package.json").dependencies["@pulumi/policy"]).toBe(pkg.peerDependencies["@pulumi/policy"]);
  });
});

describe("the entry points inside the unpacked tarball", () => {
  let dir: string;
  let pkgDir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "umapi-pack-"));
    const tarball = execFileSync("npm", ["pack", "--silent", "--ignore-scripts", "--pack-destination", dir], { cwd: REPO, encoding: "utf8" }).trim().split("\n").at(-1)!;
    pkgDir = path.join(dir, "node_modules", pkg.name);
    mkdirSync(pkgDir, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(dir, tarball), "-C", pkgDir, "--strip-components=1"]);
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("resolve by package name, through the exports map", () => {
    const req = createRequire(path.join(dir, "index.js"));
    const resolved = (spec: string) => path.relative(pkgDir, req.resolve(spec));
    expect(resolved("pulumi-adobe-umapi")).toBe("dist/provider/index.js");
    expect(resolved("pulumi-adobe-umapi/policies")).toBe("dist/policy/policies/index.js");
    expect(resolved("pulumi-adobe-umapi/emulator")).toBe("dist/emulator/index.js");
    expect(resolved("pulumi-adobe-umapi/program")).toBe("dist/program/index.js");
    expect(resolved("pulumi-adobe-umapi/review")).toBe("dist/provider/review/index.js");
    expect(resolved("pulumi-adobe-umapi/schema/org.schema.json")).toBe("schema/org.schema.json");
    // Every stack's state holds the serialized provider, which requires this path at call time.
    expect(resolved("pulumi-adobe-umapi/dist/provider/host")).toBe("dist/provider/host/index.js");
  });

  it("`main: node_modules/pulumi-adobe-umapi/program` in a Pulumi.yaml names the org program", () => {
    const req = createRequire(path.join(dir, "index.js"));
    expect(path.relative(pkgDir, req.resolve(path.join(pkgDir, "program")))).toBe("dist/program/index.js");
  });

  it("the policies load without @pulumi/policy installed (the library only uses its types)", () => {
    const out = execFileSync(process.execPath, ["-e", `const { policies } = require(${JSON.stringify(path.join(pkgDir, "dist/policy/policies"))}); console.log(policies.map((p) => p.name).join(","))`], { cwd: dir, encoding: "utf8" });
    expect(out.trim().split(",")).toHaveLength(9);
  });
});

describe("the template's workflow", () => {
  const actionlint = path.join(REPO, ".tools/bin/actionlint");
  it("passes actionlint", () => {
    expect(existsSync(actionlint), "run scripts/install-test-tools.sh").toBe(true);
    const workflows = ["adobe-org.yml", "adobe-org-drift.yml"].map((f) => path.join(REPO, "templates/org-yaml/.github/workflows", f));
    // actionlint exits non-zero and prints each problem when it finds any.
    expect(execFileSync(actionlint, ["-no-color", ...workflows], { encoding: "utf8" })).toBe("");
  });

  it("previews pull requests with the pack and comments the plan's summary, and applies main", () => {
    const text = readFileSync(path.join(REPO, "templates/org-yaml/.github/workflows/adobe-org.yml"), "utf8");
    expect(text).toMatch(/pulumi preview --stack "\$PULUMI_STACK" --policy-pack policy --policy-pack-config policy\/config\.json[\s\S]*--json > preview\.json/);
    expect(text).toMatch(/npx umapi-plan-summary preview\.json[\s\S]*GITHUB_STEP_SUMMARY[\s\S]*<!-- adobe-org-plan -->[\s\S]*updateComment/);
    expect(text).toMatch(/pulumi up --yes --stack "\$PULUMI_STACK" --policy-pack policy[\s\S]*--json > up\.json[\s\S]*npx umapi-plan-summary up\.json >> "\$GITHUB_STEP_SUMMARY"/);
    expect(text).toContain("PULUMI_BACKEND_URL: ${{ vars.PULUMI_BACKEND_URL }}");
  });

  it("watches drift daily and on demand, with a refresh in preview mode and one issue", () => {
    const text = readFileSync(path.join(REPO, "templates/org-yaml/.github/workflows/adobe-org-drift.yml"), "utf8");
    expect(text).toMatch(/schedule:\n\s+- cron: "[^"]+"\n\s+workflow_dispatch:/);
    expect(text).toContain("pulumi preview --refresh");
    expect(text).toMatch(/umapi-plan-summary --drift[\s\S]*<!-- adobe-org-drift -->[\s\S]*issues\.create[\s\S]*state: "closed"/);
  });
});
