/**
 * Refresh and destroy through the real CLI, with the credentials in the stack's configuration:
 * both run with the provider configuration the state recorded at the last update (Pulumi's
 * semantics), so they say which org they act on, and when the stack's configuration has been
 * switched to another org they warn, naming both, and act on the recorded one only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { createStack, type TestStack } from "./harness";

const OTHER_ORG = "FEDCBA9876543210FEDCBA98@AdobeOrg";

describe("refresh and destroy name the org they act on", () => {
  let t: TestStack;
  let other: RunningEmulator;
  const switchConfigTo = (e: RunningEmulator) =>
    t.stack.setAllConfig({
      "umapi:orgId": { value: e.orgId },
      "umapi:clientId": { value: e.clientId },
      "umapi:clientSecret": { value: e.clientSecret, secret: true },
      "umapi:url": { value: e.umapiUrl },
      "umapi:imsUrl": { value: e.imsUrl },
    });

  beforeAll(async () => {
    t = await createStack({ program: "test/e2e/programs/scenario", credentialsAs: "config" });
    other = await startEmulator({ timeScale: 60, credentials: { orgId: OTHER_ORG } });
    await t.setScenario({
      groups: [{ resource: "team", name: "Team" }],
      users: [{ resource: "erin", identityType: "enterpriseID", email: "erin@example.com", firstName: "Erin", lastName: "Eng", country: "US", groups: ["Team"] }],
    });
    expect((await t.up()).summary.result).toBe("succeeded");
  }, 180_000);
  afterAll(async () => {
    await t?.dispose();
    await other?.close();
  });

  it("a refresh says which org it reads, and nothing more while the configuration names that org", async () => {
    const res = await t.cli(["refresh", "--yes"]);
    const out = res.stdout + res.stderr;
    expect(res.code, out).toBe(0);
    expect(out).toContain(`umapi: pulumi refresh reads org ${t.emulator.orgId}`);
    expect(out).not.toContain("umapi: warning");
  }, 120_000);

  it("with the configuration switched to another org, refresh and destroy warn naming both, and act on the recorded org only", async () => {
    await switchConfigTo(other);
    other.resetMetrics();
    const before = other.state();
    const warning = `acts on org ${t.emulator.orgId}, the org of the provider configuration this stack's state recorded at its last update, but the stack's configuration (Pulumi.${t.stackName}.yaml) now names org ${OTHER_ORG}`;

    const refresh = await t.cli(["refresh", "--yes"]);
    expect(refresh.code, refresh.stdout + refresh.stderr).toBe(0);
    expect(refresh.stdout + refresh.stderr).toContain(`umapi: warning: pulumi refresh ${warning}`);
    console.log((refresh.stdout + refresh.stderr).split("\n").filter((l) => l.includes("umapi:")).join("\n"));

    const destroy = await t.cli(["destroy", "--yes"]);
    const out = destroy.stdout + destroy.stderr;
    expect(destroy.code, out).toBe(0);
    expect(out).toContain(`umapi: pulumi destroy deletes from org ${t.emulator.orgId}`);
    expect(out).toContain(`umapi: warning: pulumi destroy ${warning}`);
    console.log(out.split("\n").filter((l) => l.includes("umapi:")).join("\n"));
    // The recorded org is the one changed; the configured one is untouched.
    expect(t.emulator.state().users.some((u) => u.email === "erin@example.com")).toBe(false);
    expect(other.metrics().requests.total).toBe(0);
    expect(other.state()).toEqual(before);
  }, 300_000);
});
