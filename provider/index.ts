export * from "./resources";
export * from "./orgfile";
export * as umapi from "./umapi";
export { UmapiClient, type UmapiClientOptions } from "./umapi";
