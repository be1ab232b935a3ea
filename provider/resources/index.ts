export * from "./classes";
export * from "./types";
export { getProductProfiles, getUserGroups, getUsers } from "./lookups";
export { checkInputs } from "./validation";
export { validateOnPreview, planBasis, PlanRefusedError, previousResourceKinds, previousResources, readStackOutputs, type PlanBasis } from "./plan";
