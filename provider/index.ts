export * from "./resources";
export * as umapi from "./umapi";
export { UmapiClient, type UmapiClientOptions } from "./umapi";
