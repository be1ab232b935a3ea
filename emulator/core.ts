/**
 * One emulator instance: the org store, tokens, throttle, faults and recorder behind the app, plus
 * the control operations (reset, seed, faults, metrics) and state persistence.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { createApp, type App } from "./app";
import { TokenStore } from "./auth";
import type { Controller } from "./control";
import { FaultInjector, validateFaultSpec } from "./faults";
import type { EmuRequest, EmuResponse } from "./http";
import type { ResolvedOptions } from "./options";
import { readStateFile, StateWriter } from "./persist";
import { Recorder } from "./recorder";
import { applySeed, parseSeed } from "./seed";
import { storeFromState, toStateJson } from "./state";
import { OrgStore } from "./store";
import { Throttle } from "./throttle";
import type { EmulatorMetrics, OrgSeed, OrgStateJson, RecordedRequest } from "./types";

const MINUTE_MS = 60_000;

export class EmulatorCore implements Controller {
  readonly recorder = new Recorder();
  private store: OrgStore;
  private readonly throttle: Throttle;
  private readonly faults: FaultInjector;
  private readonly writer?: StateWriter;
  private readonly app: App;
  private savedVersion = -1;

  readonly tokens: TokenStore;

  constructor(private readonly opts: ResolvedOptions, now: () => number = Date.now) {
    const saved = opts.statePath ? readStateFile(opts.statePath) : undefined;
    this.store = saved === undefined ? this.buildStore(opts.startSeed()) : storeFromState(saved, this.orgId);
    this.throttle = new Throttle(opts.throttle, MINUTE_MS / opts.timeScale, now, opts.globalThrottle);
    this.faults = new FaultInjector(opts.faults, opts.timeScale);
    const tokens = (this.tokens = new TokenStore((opts.app.auth.tokenLifetimeSeconds * 1000) / opts.timeScale, now));
    if (opts.statePath) this.writer = new StateWriter(opts.statePath, () => this.state());
    this.app = createApp({
      config: opts.app,
      store: () => this.store,
      tokens,
      throttle: this.throttle,
      faults: this.faults,
      recorder: this.recorder,
      control: this,
      now,
      sleep: (ms) => sleep(ms),
    });
    this.persistIfChanged();
  }

  get orgId(): string {
    return this.opts.app.auth.orgId;
  }

  async handle(req: EmuRequest): Promise<EmuResponse> {
    const res = await this.app(req);
    this.persistIfChanged();
    return res;
  }

  metrics(): EmulatorMetrics {
    return this.recorder.metrics();
  }

  requests(): RecordedRequest[] {
    return this.recorder.requests();
  }

  state(): OrgStateJson {
    return toStateJson(this.store);
  }

  /** Restores a seed (default: the starting one); clears metrics, the log, throttle windows and faults. */
  reset(seed?: unknown): void {
    this.install(seed ? parseSeed(seed) : this.opts.startSeed());
    this.resetMetrics();
    this.faults.set(null);
  }

  /** Replaces the org (the org id stays the emulator's). */
  loadSeed(seed: unknown): void {
    this.install(parseSeed(seed));
  }

  resetMetrics(): void {
    this.recorder.reset();
    this.throttle.reset();
  }

  setFaults(f: unknown): void {
    this.faults.set(f === null ? null : validateFaultSpec(f));
  }

  /** Waits until the state file holds the current org. */
  async flush(): Promise<void> {
    await this.writer?.flush();
  }

  private install(seed: OrgSeed): void {
    this.store = this.buildStore(seed);
    this.persistIfChanged(true);
  }

  private buildStore(seed: OrgSeed): OrgStore {
    const store = new OrgStore(this.orgId);
    applySeed(store, seed);
    return store;
  }

  private persistIfChanged(force = false): void {
    if (!this.writer || (!force && this.store.version === this.savedVersion)) return;
    this.savedVersion = this.store.version;
    this.writer.schedule();
  }
}
