/**
 * Org pinning through the real CLI: the state records each resource's org; a state written before
 * pinning gets it on refresh; credentials of another org, or an org umapi:allowedOrgIds does not
 * list, are refused before any request, with both orgs and the fix in the message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { createStack, type TestStack } from "./harness";

interface StateResource {
  type: string;
  urn: string;
  outputs?: Record<string, unknown>;
}

const OTHER_ORG = "FEDCBA9876543210FEDCBA98@AdobeOrg";
const custom = (resources: StateResource[]) => resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/umapi:"));

describe("org pinning through the real CLI", () => {
  let t: TestStack;
  let other: RunningEmulator;
  const stateResources = async () => (await t.stack.exportStack()).deployment.resources as StateResource[];

  beforeAll(async () => {
    t = await createStack({ program: "test/e2e/programs/scenario" });
    // The same users and groups in another org, as multi-org companies have them.
    other = await startEmulator({ timeScale: 60, credentials: { orgId: OTHER_ORG } });
    await t.setScenario({
      groups: [{ resource: "team", name: "Team" }],
      users: [{ resource: "erin", identityType: "enterpriseID", email: "erin@example.com", firstName: "Erin", lastName: "Eng", country: "US", groups: ["Team"] }],
      roles: [{ resource: "erin-support", user: "erin@example.com", role: "supportAdmin" }],
    });
    expect((await t.up()).summary.result).toBe("succeeded");
  }, 180_000);
  afterAll(async () => {
    await t?.dispose();
    await other?.close();
  });

  it("every resource in the state records the org it was created in", async () => {
    const resources = custom(await stateResources());
    expect(resources).toHaveLength(3);
    for (const r of resources) expect(r.outputs?.orgId, r.urn).toBe(t.emulator.orgId);
  }, 60_000);

  it("a state from before pinning (no org ids) previews clean, and refresh records the org", async () => {
    const deployment = await t.stack.exportStack();
    for (const r of custom(deployment.deployment.resources as StateResource[])) delete r.outputs!.orgId;
    await t.stack.importStack(deployment);
    t.emulator.resetMetrics();
    const preview = await t.preview();
    expect(Object.keys(preview.changeSummary).filter((k) => k !== "same")).toEqual([]);
    expect(t.emulator.metrics().requests.total).toBe(0);
    await t.refresh();
    for (const r of custom(await stateResources())) expect(r.outputs?.orgId, r.urn).toBe(t.emulator.orgId);
  }, 180_000);

  it("credentials of another org: preview, up, refresh and destroy refuse before any request to it", async () => {
    const ours = { ...t.envVars };
    Object.assign(t.envVars, { UMAPI_ORG_ID: other.orgId, UMAPI_CLIENT_ID: other.clientId, UMAPI_CLIENT_SECRET: other.clientSecret, UMAPI_URL: other.umapiUrl, UMAPI_IMS_URL: other.imsUrl });
    try {
      await t.setScenario({ users: [{ resource: "erin", identityType: "enterpriseID", email: "erin@example.com", firstName: "Erin", lastName: "Eng-Ito", country: "US", groups: ["Team"] }], groups: [{ resource: "team", name: "Team" }] });
      const before = other.state();
      other.resetMetrics();
      for (const args of [["preview"], ["up", "--yes"], ["refresh", "--yes"], ["destroy", "--yes"]]) {
        const res = await t.cli(args);
        expect(res.code, args[0]).not.toBe(0);
        expect(res.stdout + res.stderr, args[0]).toContain(`was created or adopted in org ${t.emulator.orgId}, but this run's credentials are for org ${OTHER_ORG}: nothing was sent`);
        expect(res.stdout + res.stderr, args[0]).toContain(`pulumi config set umapi:orgId ${t.emulator.orgId}`);
      }
      expect(other.metrics().requests.total).toBe(0);
      expect(other.state()).toEqual(before);
      expect(custom(await stateResources())).toHaveLength(3);
    } finally {
      Object.assign(t.envVars, ours);
    }
  }, 300_000);

  it("umapi:allowedOrgIds without this org refuses the run; with it, the run goes on", async () => {
    await t.stack.setConfig("umapi:allowedOrgIds", { value: OTHER_ORG });
    t.emulator.resetMetrics();
    const res = await t.cli(["preview"]);
    expect(res.code).not.toBe(0);
    expect(res.stdout + res.stderr).toContain(`this run's credentials are for org ${t.emulator.orgId}, which umapi:allowedOrgIds does not list (${OTHER_ORG}): nothing was sent`);
    expect(t.emulator.metrics().requests.total).toBe(0);
    await t.stack.setConfig("umapi:allowedOrgIds", { value: `${OTHER_ORG},${t.emulator.orgId}` });
    expect((await t.cli(["preview"])).code).toBe(0);
  }, 300_000);
});
