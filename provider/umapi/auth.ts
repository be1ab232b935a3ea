/**
 * Access tokens: OAuth Server-to-Server (client credentials) and the deprecated Service Account
 * JWT exchange (reference §7). Tokens are cached in memory until shortly before they expire.
 */
import { importPKCS8, SignJWT } from "jose";
import { AuthError, ResponseFormatError, type Redactor } from "./errors";
import { TokenResponseSchema } from "./schema";
import { UMAPI_SCOPE } from "./limits";
import type { Send } from "./transport";

export interface TokenProvider {
  getToken(): Promise<string>;
  /** Drops a token UMAPI refused, so the next getToken fetches a new one. */
  invalidate(token: string): void;
}

interface Cached {
  token: string;
  expiresAt: number;
}

/** Refresh this long before expiry (tokens live 24 h). */
const EXPIRY_MARGIN_MS = 5 * 60_000;

abstract class CachingTokenProvider implements TokenProvider {
  private cached?: Cached;
  private pending?: Promise<string>;

  constructor(
    protected readonly send: Send,
    protected readonly redactor: Redactor,
    protected readonly now: () => number,
  ) {}

  protected abstract fetchToken(): Promise<Cached>;

  getToken(): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt) return Promise.resolve(this.cached.token);
    this.pending ??= this.fetchToken()
      .then((c) => {
        this.redactor.add(c.token);
        this.cached = c;
        return c.token;
      })
      .finally(() => (this.pending = undefined));
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  protected async exchange(url: string, form: URLSearchParams, expiresInUnitMs: number): Promise<Cached> {
    const res = await this.send({ method: "POST", url, endpointClass: "ims", form });
    if (res.status !== 200) {
      const detail = this.redactor.redact(res.text.slice(0, 300));
      throw new AuthError(`IMS refused the credentials (HTTP ${res.status}) at ${url}: ${detail}`, {
        status: res.status,
        requestId: res.requestId,
        endpointClass: "ims",
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(res.text);
    } catch {
      throw new ResponseFormatError(`IMS answered with a body that is not JSON (HTTP 200) at ${url}`, { endpointClass: "ims" });
    }
    const parsed = TokenResponseSchema.safeParse(body);
    if (!parsed.success) throw new ResponseFormatError(`IMS token response lacks access_token/expires_in at ${url}`, { endpointClass: "ims" });
    const lifetime = parsed.data.expires_in * expiresInUnitMs;
    return { token: parsed.data.access_token, expiresAt: this.now() + Math.max(0, lifetime - Math.min(EXPIRY_MARGIN_MS, lifetime / 10)) };
  }
}

export class OAuthTokenProvider extends CachingTokenProvider {
  constructor(
    send: Send,
    redactor: Redactor,
    now: () => number,
    private readonly creds: { imsUrl: string; clientId: string; clientSecret: string },
  ) {
    super(send, redactor, now);
    redactor.add(creds.clientSecret);
  }

  protected fetchToken(): Promise<Cached> {
    const form = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.creds.clientId,
      client_secret: this.creds.clientSecret,
      scope: UMAPI_SCOPE,
    });
    // expires_in is in seconds for OAuth S2S (reference §7.1).
    return this.exchange(this.creds.imsUrl, form, 1000);
  }
}

/**
 * @deprecated Adobe ended Service Account (JWT) credentials: they stop working when their
 * certificate expires or on 2026-03-01, whichever is earlier. Use OAuth Server-to-Server.
 */
export class JwtTokenProvider extends CachingTokenProvider {
  constructor(
    send: Send,
    redactor: Redactor,
    now: () => number,
    private readonly creds: {
      exchangeUrl: string;
      orgId: string;
      clientId: string;
      clientSecret: string;
      technicalAccountId: string;
      privateKeyPem: string;
    },
  ) {
    super(send, redactor, now);
    redactor.add(creds.clientSecret);
    redactor.add(creds.privateKeyPem);
  }

  protected async fetchToken(): Promise<Cached> {
    const imsHost = new URL(this.creds.exchangeUrl).origin;
    const key = await importPKCS8(this.creds.privateKeyPem, "RS256");
    const jwt = await new SignJWT({ [`${imsHost}/s/ent_user_sdk`]: true })
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(this.creds.orgId)
      .setSubject(this.creds.technicalAccountId)
      .setAudience(`${imsHost}/c/${this.creds.clientId}`)
      .setExpirationTime(Math.floor(this.now() / 1000) + 3600)
      .sign(key);
    const form = new URLSearchParams({ client_id: this.creds.clientId, client_secret: this.creds.clientSecret, jwt_token: jwt });
    // The JWT exchange answers expires_in in milliseconds (reference §7.2).
    return this.exchange(this.creds.exchangeUrl, form, 1);
  }
}
