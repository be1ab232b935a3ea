/**
 * Drives the provider host in-process against a fresh emulator: the same code the dynamic-provider
 * process runs, without the CLI, so each resource method can be tested on its own.
 */
import * as host from "../../provider/host";
import { resetRuntime } from "../../provider/host/runtime";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator";

export interface Org {
  emulator: RunningEmulator;
  host: typeof host;
  user(email: string): ReturnType<RunningEmulator["state"]>["users"][number] | undefined;
  group(name: string): ReturnType<RunningEmulator["state"]>["groups"][number] | undefined;
}

export async function startOrg(opts: EmulatorOptions & { adopt?: boolean; config?: Record<string, string> } = {}): Promise<Org> {
  const emulator = await startEmulator({ throttle: false, ...opts });
  configureFor(emulator, { ...(opts.adopt ? { "umapi:adopt": "true" } : {}), ...opts.config });
  return {
    emulator,
    host,
    user: (email) => emulator.state().users.find((u) => u.email.toLowerCase() === email.toLowerCase()),
    group: (name) => emulator.state().groups.find((g) => g.groupName.toLowerCase() === name.toLowerCase()),
  };
}

/** A fresh provider process view: what the next `pulumi` run would see (with `config` on top). */
export function newProcess(org: Org, config: Record<string, string> = {}): void {
  configureFor(org.emulator, config);
}

/** Configures a fresh provider runtime for the emulator, as `configure()` does in the provider process. */
function configureFor(emulator: RunningEmulator, extra: Record<string, string> = {}): void {
  const config: Record<string, string> = {
    "umapi:orgId": emulator.orgId,
    "umapi:clientId": emulator.clientId,
    "umapi:clientSecret": emulator.clientSecret,
    "umapi:url": emulator.umapiUrl,
    "umapi:imsUrl": emulator.imsUrl,
    "umapi:timeScale": "600",
    ...extra,
  };
  resetRuntime();
  host.configure({ get: (k) => config[k] });
}
