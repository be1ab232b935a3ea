/**
 * Secrets never reach the state, the CLI's output or the emulator's recorded data — with the client
 * secret given as a stack config secret (umapi:clientSecret) rather than an environment variable.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStack, type TestStack } from "./harness";

describe("credentials from stack configuration", () => {
  let t: TestStack;
  beforeAll(async () => {
    t = await createStack({ program: "test/e2e/programs/scenario", credentialsAs: "config" });
    await t.setScenario({
      groups: [{ resource: "team", name: "Team" }],
      users: [{ resource: "erin", identityType: "enterpriseID", email: "erin@example.com", firstName: "Erin", lastName: "Eng", groups: ["Team"] }],
    });
  }, 120_000);
  afterAll(async () => t?.dispose());

  it("configure() gives the provider its credentials: up works with no UMAPI_* environment", async () => {
    expect(t.envVars).not.toHaveProperty("UMAPI_CLIENT_SECRET");
    const res = await t.up();
    expect(res.summary.result).toBe("succeeded");
    expect(t.emulator.state().users.find((u) => u.email === "erin@example.com")?.groups).toEqual(["Team"]);
  }, 120_000);

  it("neither the client secret nor any access token appears in the state, the output or the emulator's records", async () => {
    await t.refresh();
    const tokens = t.emulator.issuedTokens();
    expect(tokens.length).toBeGreaterThan(0);
    const exported = t.storedState();
    const output = t.output.join("");
    const recorded = JSON.stringify(t.emulator.requests());
    for (const secret of [t.emulator.clientSecret, ...tokens]) {
      expect(exported).not.toContain(secret);
      expect(output).not.toContain(secret);
      expect(recorded).not.toContain(secret);
    }
    // The serialized provider is the small shim: it captured no code and no credential.
    const provider = JSON.parse(exported).checkpoint.latest.resources.find((r: { type: string }) => r.type.endsWith(":AdobeUser")).outputs.__provider as string;
    expect(provider.length).toBeLessThan(4000);
    expect(provider).toContain('require("pulumi-adobe-umapi/dist/provider/host")');
  }, 120_000);
});
