#!/usr/bin/env node
/**
 * `umapi-emulator`: serves the emulator on 127.0.0.1. The first stdout line is one JSON object with
 * the URLs and the emulator's own throwaway credentials; log lines go to stderr. Exit codes:
 * 0 after SIGINT/SIGTERM (state flushed), 1 on a start-up error, 2 on bad arguments.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { parseFaultSpec } from "./faults";
import { parseSeed } from "./seed";
import { startEmulator } from "./server";
import type { EmulatorOptions } from "./types";

const HELP = `Usage: umapi-emulator [options]

A local Adobe User Management API (UMAPI) + IMS emulator, listening on 127.0.0.1.

Options:
  --port N                 port (default 0: a random free port)
  --seed FILE              seed org, .json or .yaml (default: the built-in demo org)
  --state FILE             persist the org here after every change; load it at start if it exists
  --time-scale K           divide throttle windows, token lifetimes and Retry-After by K (default 1)
  --faults SPEC            inject faults, e.g. 502=0.1,503=0.05,429=0.1,reset=0.01,lost=0.05,latency=20,retryAfter=2,seed=7,longThrottle=3600
  --generate users=N,groups=M   add a generated org of N users and M user groups
  --token-lifetime SECONDS expires_in of issued tokens (default 86399); they expire after that / --time-scale
  --no-throttle            disable the per-minute throttle (per client and global)
  --clients N              the org has N clients (integrations), each with its own credentials and
                           per-client windows: emulator-client-id, emulator-client-id-2, ... (default 1)
  --global-throttle N      action requests a minute for all clients together (default 100)
  -h, --help               show this help

The first line on stdout is JSON: {"umapiUrl","imsUrl","jwtExchangeUrl","controlUrl","orgId","clientId","clientSecret","clients"}.
The credentials are the emulator's own throwaway values, not Adobe secrets.
Control plane: GET|POST <controlUrl>/{metrics,state,requests,reset,seed,faults,metrics/reset}.`;

class UsageError extends Error {}

function numberArg(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${name} needs a number, got ${value}`);
  return n;
}

function clientCount(value: string): number {
  const n = numberArg("clients", value)!;
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--clients needs a whole number of at least 1, got ${value}`);
  return n - 1;
}

function parseGenerate(text: string): { users: number; groups: number } {
  const out = { users: 0, groups: 0 };
  for (const part of text.split(",")) {
    const [key, value] = part.split("=");
    const n = Number(value);
    if ((key !== "users" && key !== "groups") || !Number.isInteger(n) || n < 0) throw new UsageError(`Bad --generate part: ${part}`);
    out[key] = n;
  }
  return out;
}

function readSeed(file: string): unknown {
  const text = readFileSync(file, "utf8");
  return /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
}

export function parseCli(argv: string[]): EmulatorOptions | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      seed: { type: "string" },
      state: { type: "string" },
      "time-scale": { type: "string" },
      faults: { type: "string" },
      generate: { type: "string" },
      "token-lifetime": { type: "string" },
      "no-throttle": { type: "boolean" },
      clients: { type: "string" },
      "global-throttle": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return "help";
  return {
    port: numberArg("port", values.port),
    seed: values.seed === undefined ? undefined : parseSeed(readSeed(values.seed)),
    statePath: values.state,
    timeScale: numberArg("time-scale", values["time-scale"]),
    faults: values.faults === undefined ? undefined : parseFaultSpec(values.faults),
    generate: values.generate === undefined ? undefined : parseGenerate(values.generate),
    throttle: values["no-throttle"] ? false : undefined,
    tokenLifetimeSeconds: numberArg("token-lifetime", values["token-lifetime"]),
    clients: values.clients === undefined ? undefined : clientCount(values.clients),
    globalThrottle: values["global-throttle"] === undefined ? undefined : { action: numberArg("global-throttle", values["global-throttle"]) },
  };
}

async function main(): Promise<void> {
  let opts: EmulatorOptions | "help";
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`umapi-emulator: ${e instanceof Error ? e.message : String(e)}\n\n${HELP}\n`);
    process.exit(2);
  }
  if (opts === "help") {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const emu = await startEmulator(opts);
  const { umapiUrl, imsUrl, jwtExchangeUrl, controlUrl, orgId, clientId, clientSecret, clients } = emu;
  process.stdout.write(`${JSON.stringify({ umapiUrl, imsUrl, jwtExchangeUrl, controlUrl, orgId, clientId, clientSecret, clients })}\n`);
  process.stderr.write(`umapi-emulator: listening on 127.0.0.1:${emu.port} (org ${orgId})\n`);
  const stop = (signal: string) => {
    process.stderr.write(`umapi-emulator: ${signal}, shutting down\n`);
    emu.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`umapi-emulator: failed to save state: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`umapi-emulator: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
