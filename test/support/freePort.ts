/** Moved to scripts/lib (the benchmarks start servers too). */
export { freePort } from "../../scripts/lib/freePort";
