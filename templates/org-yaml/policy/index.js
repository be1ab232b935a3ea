// The org's policy pack: run it with
//   pulumi preview --policy-pack policy --policy-pack-config policy/config.json
// It needs its own dependencies (`npm install --prefix policy`): Pulumi runs a pack with the
// @pulumi/pulumi of the pack folder.
const { PolicyPack } = require("@pulumi/policy");
const { policies } = require("pulumi-adobe-umapi/policies");

// Add the team's own policies here, next to the package's: see
// https://www.pulumi.com/docs/iac/using-pulumi/crossguard/ for the ResourceValidationPolicy shape.
const ownPolicies = [];

new PolicyPack("adobe-org-policies", {
  description: "Guardrails for this Adobe org: pulumi-adobe-umapi's policies and the team's own.",
  policies: [...policies, ...ownPolicies],
});
