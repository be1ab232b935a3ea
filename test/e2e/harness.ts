/** The end-to-end tests' harness is the product's own local-stack helper (also used by the demo and benchmarks). */
export * from "../../scripts/lib/localStack";
