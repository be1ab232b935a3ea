/**
 * The thin node:http adapter: serves an EmulatorCore on 127.0.0.1 only, and `startEmulator`, the
 * in-process entry point tests and tools use.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { CONTROL_PREFIX } from "./control";
import { EmulatorCore } from "./core";
import type { EmuRequest } from "./http";
import { resolveOptions } from "./options";
import { UMAPI_PREFIX } from "./routes";
import type { EmulatorOptions, RunningEmulator } from "./types";

const HOST = "127.0.0.1";
const MAX_BODY_BYTES = 10 * 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function toEmuRequest(req: IncomingMessage, body: string): EmuRequest {
  const url = new URL(req.url ?? "/", `http://${HOST}`);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return { method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers, body };
}

async function serve(core: EmulatorCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  if (body === null) {
    res.writeHead(413, { "content-type": "application/json", connection: "close" }).end('{"error":"request body too large"}');
    return;
  }
  const out = await core.handle(toEmuRequest(req, body));
  if (out.destroy) {
    req.socket.destroy();
    return;
  }
  res.writeHead(out.status, out.headers).end(out.body);
}

/** Starts an emulator on 127.0.0.1 (random port unless `port` is given). */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(opts);
  const core = new EmulatorCore(resolved);
  const server = createServer((req, res) => {
    serve(core, req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ result: "error.internal.exceptionflys", message: String(e) }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : resolved.port;
  const base = `http://${HOST}:${port}`;
  const { orgId, clientId, clientSecret, clients } = resolved.app.auth;
  return {
    umapiUrl: `${base}${UMAPI_PREFIX}`,
    imsUrl: `${base}/ims/token/v3`,
    jwtExchangeUrl: `${base}/ims/exchange/jwt`,
    controlUrl: `${base}${CONTROL_PREFIX}`,
    orgId,
    clientId,
    clientSecret,
    clients: clients.map((c) => ({ ...c })),
    port,
    metrics: () => core.metrics(),
    requests: () => core.requests(),
    issuedTokens: () => core.tokens.issued(),
    state: () => core.state(),
    reset: (seed) => core.reset(seed),
    resetMetrics: () => core.resetMetrics(),
    setFaults: (f) => core.setFaults(f),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await core.flush();
    },
  };
}
