/**
 * Adobe IMS (reference §7): OAuth server-to-server tokens (`/ims/token/v2|v3`, `expires_in` in
 * seconds), the legacy JWT exchange (`/ims/exchange/jwt`, `expires_in` in milliseconds), and the
 * bearer-token + API-key check of every UMAPI request. Secrets are never echoed.
 */
import { randomBytes } from "node:crypto";
import { importSPKI, jwtVerify } from "jose";
import { ApiKeyError, ImsError, UnauthorizedError } from "./errors";
import { formParams, jsonResponse, type EmuRequest, type EmuResponse } from "./http";

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

export interface AuthConfig {
  orgId: string;
  /** The org's first client (Developer Console integration). */
  clientId: string;
  clientSecret: string;
  /** Every client of the org, the first one included: each has its own tokens and throttle windows. */
  clients: ClientCredentials[];
  jwtPublicKeyPem?: string;
  tokenLifetimeSeconds: number;
  timeScale: number;
}

const METASCOPE = "https://ims-na1.adobelogin.com/s/ent_user_sdk";

/** Issued tokens; several may be valid at once (reference §7.1). */
export class TokenStore {
  private readonly tokens = new Map<string, { expires: number; clientId: string }>();

  constructor(private readonly lifetimeMs: number, private readonly now: () => number) {}

  issue(clientId: string): string {
    if (this.tokens.size > 1000) this.prune();
    // Real tokens are JWTs and "usually begin with ey" (reference §1.1).
    const token = `ey${randomBytes(48).toString("base64url")}`;
    this.tokens.set(token, { expires: this.now() + this.lifetimeMs, clientId });
    return token;
  }

  /** The client a valid token was issued to, or undefined. */
  owner(token: string): string | undefined {
    const t = this.tokens.get(token);
    return t !== undefined && t.expires > this.now() ? t.clientId : undefined;
  }

  /** Every token issued and not yet pruned: lets tests prove tokens never leak into state or logs. */
  issued(): string[] {
    return [...this.tokens.keys()];
  }

  isValid(token: string): boolean {
    return this.owner(token) !== undefined;
  }

  private prune(): void {
    const now = this.now();
    for (const [token, t] of this.tokens) if (t.expires <= now) this.tokens.delete(token);
  }
}

const INVALID_CLIENT = "invalid client_id or client_secret";

function checkClient(cfg: AuthConfig, params: URLSearchParams): string {
  const clientId = params.get("client_id");
  if (!clientId) throw new ImsError(400, "invalid_request", "missing client_id parameter");
  const client = cfg.clients.find((c) => c.clientId === clientId);
  if (!client) throw new ImsError(400, "invalid_client", INVALID_CLIENT);
  if (params.get("client_secret") !== client.clientSecret) throw new ImsError(401, "invalid_client", INVALID_CLIENT);
  return clientId;
}

/** `POST /ims/token/v2|v3` with grant_type=client_credentials (form body or query). */
export function issueToken(cfg: AuthConfig, tokens: TokenStore, req: EmuRequest): EmuResponse {
  const params = formParams(req);
  const grant = params.get("grant_type");
  if (grant !== "client_credentials") {
    throw new ImsError(400, "unsupported_grant_type", `unsupported grant_type: ${grant ?? "(missing)"}`);
  }
  const clientId = checkClient(cfg, params);
  return jsonResponse(200, { access_token: tokens.issue(clientId), token_type: "bearer", expires_in: cfg.tokenLifetimeSeconds });
}

/** `POST /ims/exchange/jwt`: RS256 JWT signed by the integration's key, iss = org, metascope claim. */
export async function exchangeJwt(cfg: AuthConfig, tokens: TokenStore, req: EmuRequest): Promise<EmuResponse> {
  if (!cfg.jwtPublicKeyPem) {
    throw new ImsError(400, "invalid_request", "JWT exchange is not configured: start the emulator with credentials.jwtPublicKeyPem");
  }
  const params = formParams(req);
  const clientId = checkClient(cfg, params);
  const jwt = params.get("jwt_token");
  if (!jwt) throw new ImsError(400, "invalid_request", "missing jwt_token parameter");
  let payload: Record<string, unknown>;
  try {
    const key = await importSPKI(cfg.jwtPublicKeyPem, "RS256");
    ({ payload } = await jwtVerify(jwt, key, { issuer: cfg.orgId, algorithms: ["RS256"] }));
  } catch (e) {
    throw new ImsError(400, "invalid_token", `JWT validation failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Clients name the metascope on the IMS host they call (Adobe's client: `https://{ims_host}/s/ent_user_sdk`):
  // accept production's and this emulator's own origin.
  const ownMetascope = req.headers.host ? `http://${req.headers.host}/s/ent_user_sdk` : METASCOPE;
  if (payload[METASCOPE] !== true && payload[ownMetascope] !== true) {
    throw new ImsError(400, "invalid_scope", `JWT lacks the metascope claim ${METASCOPE}`);
  }
  const aud = payload.aud;
  if (aud !== undefined && !(typeof aud === "string" && aud.endsWith(`/c/${clientId}`))) {
    throw new ImsError(400, "invalid_token", "JWT audience does not name this client");
  }
  // The JWT exchange reports expires_in in milliseconds (reference §7.2).
  return jsonResponse(200, { token_type: "bearer", access_token: tokens.issue(clientId), expires_in: cfg.tokenLifetimeSeconds * 1000 });
}

/**
 * Every UMAPI request: `Authorization: Bearer <valid token>` then `X-Api-Key: <the client id the
 * token was issued to>`. Returns that client id.
 */
export function checkUmapiAuth(tokens: TokenStore, req: EmuRequest): string {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  const owner = match ? tokens.owner(match[1]!) : undefined;
  if (!owner) throw new UnauthorizedError("invalid token");
  if (req.headers["x-api-key"] !== owner) throw new ApiKeyError("invalid api key");
  return owner;
}
