/**
 * The control plane under `/__emulator/` (no auth; the server only listens on 127.0.0.1):
 * GET metrics | state | requests; POST reset [seed] | seed | faults | metrics/reset.
 */
import { ControlError, RouteError } from "./errors";
import { jsonResponse, type EmuRequest, type EmuResponse } from "./http";
import type { EmulatorMetrics, OrgStateJson, RecordedRequest } from "./types";

export const CONTROL_PREFIX = "/__emulator";

/** What the control plane can do to a running emulator. Seeds and fault specs are validated by it. */
export interface Controller {
  metrics(): EmulatorMetrics;
  state(): OrgStateJson;
  requests(): RecordedRequest[];
  reset(seed?: unknown): void;
  loadSeed(seed: unknown): void;
  setFaults(f: unknown): void;
  resetMetrics(): void;
}

function bodyJson(req: EmuRequest): unknown {
  if (req.body.trim() === "") return undefined;
  try {
    return JSON.parse(req.body);
  } catch {
    throw new ControlError("The request body is not valid JSON");
  }
}

/** Turns validation failures of seeds and fault specs into 400s. */
function validated<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new ControlError(e instanceof Error ? e.message : String(e));
  }
}

const OK = { result: "success" };

export function handleControl(ctrl: Controller, req: EmuRequest, subPath: string): EmuResponse {
  const route = `${req.method} ${subPath.replace(/\/+$/, "")}`;
  switch (route) {
    case "GET /metrics":
      return jsonResponse(200, ctrl.metrics());
    case "GET /state":
      return jsonResponse(200, ctrl.state());
    case "GET /requests":
      return jsonResponse(200, ctrl.requests());
    case "POST /reset": {
      const body = bodyJson(req);
      validated(() => ctrl.reset(body ?? undefined));
      return jsonResponse(200, OK);
    }
    case "POST /seed": {
      const body = bodyJson(req);
      validated(() => ctrl.loadSeed(body));
      return jsonResponse(200, OK);
    }
    case "POST /faults": {
      const body = bodyJson(req);
      validated(() => ctrl.setFaults(body ?? null));
      return jsonResponse(200, OK);
    }
    case "POST /metrics/reset":
      ctrl.resetMetrics();
      return jsonResponse(200, OK);
    default:
      throw new RouteError(404, `No control endpoint ${route}`);
  }
}
