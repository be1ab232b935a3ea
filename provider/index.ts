export * from "./umapi";
