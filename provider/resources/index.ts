export * from "./classes";
export * from "./types";
export { getProductProfiles, getUserGroups, getUsers } from "./lookups";
export { checkInputs } from "./validation";
export { validateOnPreview, planBasis, PlanRefusedError, readStackOutputs, type PlanBasis } from "./plan";
