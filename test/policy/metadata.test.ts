import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { policies } from "../../policy/policies";

const LEVELS = ["advisory", "mandatory", "remediate", "disabled"];
const SEVERITIES = ["low", "medium", "high", "critical"];

describe("policy metadata", () => {
  it("lists all nine policies", () => {
    expect(policies.map((p) => p.name).sort()).toEqual([
      "allowed-domains",
      "group-naming",
      "identity-type-rules",
      "max-group-size",
      "no-account-deletion",
      "no-mixed-membership-management",
      "no-unassignable-admin-roles",
      "protect-admins",
      "readonly-groups",
    ]);
  });

  it("has unique names", () => {
    expect(new Set(policies.map((p) => p.name)).size).toBe(policies.length);
  });

  it.each(policies.map((p) => [p.name, p] as const))("%s has a kebab-case name, description, severity, enforcement level and a check", (name, p) => {
    expect(name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(name).not.toBe("all");
    expect(p.description.length).toBeGreaterThan(20);
    expect(SEVERITIES).toContain(p.severity);
    expect(LEVELS).toContain(p.enforcementLevel);
    expect(p.remediationSteps).toBeTruthy();
    expect("validateResource" in p || "validateStack" in p).toBe(true);
  });

  it.each(policies.filter((p) => p.configSchema).map((p) => [p.name, p] as const))("%s has a config schema with defaults and no enforcementLevel", (_, p) => {
    const properties = Object.entries(p.configSchema?.properties ?? {});
    expect(properties.length).toBeGreaterThan(0);
    for (const [key, schema] of properties) {
      expect(key).not.toBe("enforcementLevel");
      expect(schema).toHaveProperty("default");
    }
    expect(p.configSchema?.required ?? []).not.toContain("enforcementLevel");
  });

  it("sets the documented default levels", () => {
    expect(Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel]))).toEqual({
      "no-unassignable-admin-roles": "mandatory",
      "no-account-deletion": "mandatory",
      "allowed-domains": "mandatory",
      "identity-type-rules": "mandatory",
      "readonly-groups": "mandatory",
      "no-mixed-membership-management": "mandatory",
      "protect-admins": "advisory",
      "group-naming": "advisory",
      "max-group-size": "advisory",
    });
  });
});

describe("policy/config.example.json", () => {
  const example = JSON.parse(readFileSync(path.resolve(__dirname, "../../policy/config.example.json"), "utf8")) as Record<string, unknown>;

  it("configures only policies of the pack, with their levels and settings", () => {
    for (const [name, value] of Object.entries(example)) {
      const policy = policies.find((p) => p.name === name);
      expect(policy, name).toBeDefined();
      if (typeof value === "string") {
        expect(LEVELS).toContain(value);
        continue;
      }
      const { enforcementLevel, ...settings } = value as Record<string, unknown>;
      if (enforcementLevel !== undefined) expect(LEVELS).toContain(enforcementLevel);
      expect(Object.keys(settings).filter((k) => !(k in (policy?.configSchema?.properties ?? {}))), name).toEqual([]);
    }
  });
});
