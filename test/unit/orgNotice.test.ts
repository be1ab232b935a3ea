/**
 * The org a refresh or a destroy acts on, and the stack configuration it is compared with: the
 * stack file named by PULUMI_STACK or by the `pulumi` command line's --stack / --config-file, in
 * the project folder; else UMAPI_ORG_ID.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrgNotice, orgNoticeLines } from "../../provider/host/orgNotice";
import { currentOrg } from "../../provider/host/stackConfig";

const A = "AAAAAAAAAAAAAAAAAAAAAAAA@AdobeOrg";
const B = "BBBBBBBBBBBBBBBBBBBBBBBB@AdobeOrg";
const shim = ["/bin/sh", "/usr/bin/pulumi-resource-pulumi-nodejs", "127.0.0.1:4242"];
/** The provider's ancestors: the dynamic-provider shim, then the `pulumi` command run in `cwd`. */
const started = (cwd: string, args: string[]) => [{ argv: shim, cwd: "/" }, { argv: ["/opt/pulumi/bin/pulumi", ...args], cwd }];

describe("the org the stack's configuration names now", () => {
  let cwd: string;
  beforeAll(() => {
    cwd = mkdtempSync(path.join(tmpdir(), "umapi-stackconfig-"));
    writeFileSync(path.join(cwd, "Pulumi.yaml"), "name: adobe-org\nruntime: nodejs\n");
    mkdirSync(path.join(cwd, "policy"));
    writeFileSync(path.join(cwd, "Pulumi.prod.yaml"), `config:\n  umapi:orgId: ${B}\n  umapi:clientSecret:\n    secure: v1:abc\n`);
    writeFileSync(path.join(cwd, "Pulumi.dev.yaml"), "config: {}\n");
    writeFileSync(path.join(cwd, "other.yaml"), `config:\n  umapi:orgId: ${A}\n`);
  });
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it("reads the stack file of the command line's --stack, in any of its spellings, next to the project's Pulumi.yaml", () => {
    for (const args of [["--stack", "prod"], ["--stack=prod"], ["-s", "prod"], ["--stack", "organization/adobe-org/prod"]]) {
      // Run from a subfolder of the project, as the CLI allows; the provider's own folder is the program's.
      const view = { cwd: "/elsewhere", env: {}, ancestors: started(path.join(cwd, "policy"), ["destroy", "--yes", ...args]) };
      expect(currentOrg(view), args.join(" ")).toEqual({ orgId: B, source: "Pulumi.prod.yaml", command: "destroy" });
    }
    expect(currentOrg({ cwd: "/elsewhere", env: {}, ancestors: started("/", ["refresh", "--cwd", cwd, "-s", "prod"]) })).toMatchObject({ orgId: B });
  });

  it("takes PULUMI_STACK when the command line names no stack, and reads --config-file when given", () => {
    expect(currentOrg({ cwd, env: { PULUMI_STACK: "prod" }, ancestors: [] })).toEqual({ orgId: B, source: "Pulumi.prod.yaml" });
    expect(currentOrg({ cwd: "/", env: { PULUMI_STACK: "dev" }, ancestors: started(cwd, ["refresh", "--stack", "prod"]) })).toMatchObject({ orgId: B });
    expect(currentOrg({ cwd: "/", env: {}, ancestors: started(cwd, ["refresh", "--stack", "prod", "--config-file", "other.yaml"]) })).toMatchObject({ orgId: A, source: "other.yaml", command: "refresh" });
  });

  it("without --stack or PULUMI_STACK, takes the stack `pulumi stack select` recorded in the CLI's workspace file", () => {
    const home = mkdtempSync(path.join(tmpdir(), "umapi-pulumi-home-"));
    try {
      // The file the CLI 3.259 writes: <project>-<sha1 of Pulumi.yaml's path>-workspace.json, the stack by backend URL.
      const hash = createHash("sha1").update(path.join(cwd, "Pulumi.yaml")).digest("hex");
      mkdirSync(path.join(home, "workspaces"));
      const file = path.join(home, "workspaces", `adobe-org-${hash}-workspace.json`);
      writeFileSync(file, JSON.stringify({ stacks: { "s3://state?region=us-east-1": "organization/adobe-org/prod" } }));
      const view = { cwd: "/", env: { PULUMI_HOME: home }, ancestors: started(cwd, ["destroy", "--yes"]) };
      expect(currentOrg(view)).toEqual({ orgId: B, source: "Pulumi.prod.yaml", command: "destroy" });
      // Several backends: the one logged in.
      writeFileSync(file, JSON.stringify({ stacks: { "file:///other": "dev", "s3://state?region=us-east-1": "prod" } }));
      writeFileSync(path.join(home, "credentials.json"), JSON.stringify({ current: "s3://state?region=us-east-1" }));
      expect(currentOrg(view)).toMatchObject({ orgId: B });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it("falls back to UMAPI_ORG_ID when the stack file names no org, and knows nothing without either", () => {
    const ancestors = started(cwd, ["refresh", "--stack", "dev"]);
    expect(currentOrg({ cwd: "/", env: { UMAPI_ORG_ID: A }, ancestors })).toEqual({ orgId: A, source: "UMAPI_ORG_ID", command: "refresh" });
    expect(currentOrg({ cwd: "/", env: {}, ancestors })).toEqual({ command: "refresh" });
    expect(currentOrg({ cwd, env: {}, ancestors: [] })).toEqual({});
  });
});

describe("the notice of refresh and destroy", () => {
  it("names the org acted on; with the same org configured, nothing more", () => {
    expect(orgNoticeLines("read", A, { orgId: A.toLowerCase(), source: "Pulumi.prod.yaml", command: "refresh" })).toEqual([`umapi: pulumi refresh reads org ${A}`]);
    expect(orgNoticeLines("delete", A, {})).toEqual([`umapi: this run deletes from org ${A}`]);
  });

  it("warns naming both orgs when the stack's configuration names another", () => {
    const [line, warning] = orgNoticeLines("delete", A, { orgId: B, source: "Pulumi.prod.yaml", command: "destroy" });
    expect(line).toBe(`umapi: pulumi destroy deletes from org ${A}`);
    expect(warning).toBe(
      `umapi: warning: pulumi destroy acts on org ${A}, the org of the provider configuration this stack's state recorded at its last update, ` +
        `but the stack's configuration (Pulumi.prod.yaml) now names org ${B}. Refresh and destroy run with the recorded configuration: ` +
        `this run changes nothing in ${B}. To manage ${B}, run pulumi up (it refuses while the stack's resources are recorded in ${A}); ` +
        `to stop managing them without changing ${A}: pulumi stack rm --force.`,
    );
  });

  it("is printed once per action and process", () => {
    const printed: string[] = [];
    const notice = new OrgNotice(() => ({ orgId: B, source: "Pulumi.prod.yaml", command: "destroy" }), (l) => printed.push(l));
    for (let i = 0; i < 3; i++) notice.announce("delete", A);
    notice.announce("read", A);
    expect(printed.filter((l) => l.startsWith("umapi: warning"))).toHaveLength(2);
    expect(printed).toHaveLength(4);
  });
});
