/**
 * Starts the compiled pack the way the Node language host does (`node run-policy-pack <engine> <packDir>`
 * with cwd = policy/, which loads policy/package.json's `main`) and talks to it over the analyzer gRPC API.
 * Needs a build (`npx tsc -p .`); skipped without one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { typeToken } from "../../provider/resources/types";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(__dirname, "../..");
const PACK_DIR = path.join(ROOT, "policy");
const built = existsSync(path.join(ROOT, "dist/policy/index.js"));

type Grpc = typeof import("@grpc/grpc-js");
type AnalyzerGrpc = typeof import("@pulumi/pulumi/proto/analyzer_grpc_pb");
type AnalyzerPb = typeof import("@pulumi/pulumi/proto/analyzer_pb");
type StructPb = typeof import("google-protobuf/google/protobuf/struct_pb");
type EmptyPb = typeof import("google-protobuf/google/protobuf/empty_pb");

const grpc = require("@grpc/grpc-js") as Grpc;
const { AnalyzerClient } = require("@pulumi/pulumi/proto/analyzer_grpc_pb") as AnalyzerGrpc;
const pb = require("@pulumi/pulumi/proto/analyzer_pb") as AnalyzerPb;
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as StructPb;
// The same google-protobuf copy @pulumi/pulumi's stubs use (their serializers check `instanceof Empty`).
const { Empty } = require("google-protobuf/google/protobuf/empty_pb") as EmptyPb;

/** Promisifies one unary call: `call<Res>((cb) => client.method(request, cb))`. */
function call<Res>(invoke: (cb: (err: Error | null, res: Res) => void) => unknown): Promise<Res> {
  return new Promise((resolve, reject) => invoke((err, res) => (err ? reject(err) : resolve(res))));
}

function startPack(): Promise<{ child: ChildProcess; port: number }> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [PACK_DIR] });
  const child = spawn(process.execPath, [runner, "127.0.0.1:0", PACK_DIR], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const port = /^(\d+)\s*$/m.exec(out);
      if (port) resolve({ child, port: Number(port[1]) });
    });
    child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${err}`)));
  });
}

function request(kind: Parameters<typeof typeToken>[0], name: string, props: Record<string, unknown>) {
  const type = typeToken(kind);
  return new pb.AnalyzeRequest()
    .setType(type)
    .setName(name)
    .setUrn(`urn:pulumi:dev::org::${type}::${name}`)
    .setProperties(Struct.fromJavaScript(props as never))
    .setOptions(new pb.AnalyzerResourceOptions());
}

function policyConfig(level: number, props: Record<string, unknown> = {}) {
  return new pb.PolicyConfig().setEnforcementlevel(level as never).setProperties(Struct.fromJavaScript(props as never));
}

describe.skipIf(!built)("the compiled pack, started like `pulumi preview --policy-pack policy`", () => {
  let child: ChildProcess | undefined;
  let client: InstanceType<AnalyzerGrpc["AnalyzerClient"]>;

  beforeAll(async () => {
    const started = await startPack();
    child = started.child;
    client = new AnalyzerClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure());
  });

  afterAll(() => {
    client?.close();
    child?.kill();
  });

  it("serves the pack's name, version and nine policies", async () => {
    const info = await call<InstanceType<AnalyzerPb["AnalyzerInfo"]>>((cb) => client.getAnalyzerInfo(new Empty(), cb));
    expect(info.getName()).toBe("umapi-org-policies");
    expect(info.getVersion()).toBe("0.1.0");
    expect(info.getPoliciesList().map((p) => p.getName())).toHaveLength(9);
  });

  it("reports violations of a resource with their policy and level", async () => {
    const user = { identityType: "federatedID", email: "jane@example.com", country: "US", onDelete: "deleteAccount", groups: ["_org_admin"] };
    const res = await call<InstanceType<AnalyzerPb["AnalyzeResponse"]>>((cb) => client.analyze(request("AdobeUser", "jane", user), cb));
    const found = res.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel()]);
    expect(found).toEqual([
      ["no-unassignable-admin-roles", pb.EnforcementLevel.MANDATORY],
      ["no-account-deletion", pb.EnforcementLevel.MANDATORY],
    ]);
  });

  it("applies --policy-pack-config: settings and the remediate level", async () => {
    const config = new pb.ConfigureAnalyzerRequest();
    config.getPolicyconfigMap().set("allowed-domains", policyConfig(pb.EnforcementLevel.MANDATORY, { domains: ["example.com"] }));
    config.getPolicyconfigMap().set("identity-type-rules", policyConfig(pb.EnforcementLevel.REMEDIATE));
    await call((cb) => client.configure(config, cb));

    const user = { identityType: "enterpriseID", email: "jane@gmail.com", country: "us" };
    const analysis = await call<InstanceType<AnalyzerPb["AnalyzeResponse"]>>((cb) => client.analyze(request("AdobeUser", "jane", user), cb));
    expect(analysis.getDiagnosticsList().map((d) => d.getPolicyname())).toEqual(["allowed-domains", "identity-type-rules"]);

    const remediated = await call<InstanceType<AnalyzerPb["RemediateResponse"]>>((cb) => client.remediate(request("AdobeUser", "jane", user), cb));
    expect(remediated.getRemediationsList().map((r) => [r.getPolicyname(), r.getProperties()?.toJavaScript()])).toEqual([
      ["identity-type-rules", { ...user, country: "US" }],
    ]);
  });
});
