export * from "./schema";
export { crossCheck } from "./crossChecks";
export { OrgFileError, loadOrgFile, parseOrgFile, type LoadOrgFileOptions } from "./load";
export { formatProblem, type OrgFileProblem } from "./problems";
export { declareOrg, declareOrgInSlices, type DeclareOrgOptions, type DeclaredOrg } from "./declare";
export { buildOrgFile, classify, readOrgSnapshot, type ExportedOrg, type ExportedUser, type OrgSnapshot } from "./export";
export { DEFAULT_SCHEMA_REF, exportOrg, renderOrgYaml, type ExportOrgOptions, type RenderOrgYamlOptions } from "./exportYaml";
export { JSON_SCHEMA_PATH, orgJsonSchemaText } from "./jsonSchema";
export {
  DEFAULT_REMOVAL_BUDGET,
  managedUsersOf,
  parseAllowance,
  parseBudget,
  previousManagedUsers,
  removalBrake,
  removalOverridesOf,
  renameHints,
  type Allowance,
  type ManagedUsers,
  type RemovalBrakeInput,
  type RemovalBrakeResult,
  type RemovalOverrides,
} from "./removalBrake";
export { USER_SETS, assignUserSets, previousLayout, previousUserSets, userSetName, userSetOf } from "./userSets";
