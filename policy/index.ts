import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";

/**
 * The pack entry point: constructing the PolicyPack starts its gRPC server and prints the port, so only
 * `pulumi preview/up --policy-pack policy` (through policy/package.json's `main`) should load this file.
 * Tests import `./policies` instead.
 */
new PolicyPack("umapi-org-policies", {
  description: "Guardrails for managing an Adobe org with the UMAPI dynamic provider.",
  enforcementLevel: "advisory",
  policies,
});
