/**
 * pulumi-adobe-umapi emulator: a local, high-fidelity Adobe UMAPI + IMS server for tests and demos.
 *
 * ```ts
 * const emu = await startEmulator({ timeScale: 60 });
 * // point a UMAPI client at emu.umapiUrl / emu.imsUrl with emu.clientId / emu.clientSecret / emu.orgId
 * await emu.close();
 * ```
 */
export { startEmulator } from "./server";
export { parseFaultSpec } from "./faults";
export { defaultSeed, generateOrg } from "./seed";
export type {
  EmulatorMetrics,
  EmulatorOptions,
  FaultSpec,
  OrgSeed,
  OrgStateJson,
  RecordedRequest,
  RunningEmulator,
  SeedUser,
  StateGroup,
  StateUser,
} from "./types";
