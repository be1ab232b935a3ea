/**
 * State persistence: after a mutation the whole org is written to a temporary file and renamed over
 * the state file (atomic on POSIX). Writes are coalesced: while one runs, later requests for a write
 * collapse into one more write of the then-current state.
 */
import { existsSync, readFileSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import type { OrgStateJson } from "./types";

export function readStateFile(path: string): unknown | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8"));
}

export class StateWriter {
  private running: Promise<void> | null = null;
  private pending = false;
  private lastError: unknown = null;

  constructor(private readonly path: string, private readonly snapshot: () => OrgStateJson) {}

  schedule(): void {
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = this.loop();
  }

  /** Resolves when every scheduled write is on disk; rethrows the last write error. */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    if (this.lastError) {
      const e = this.lastError;
      this.lastError = null;
      throw e;
    }
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.pending = false;
        await this.write();
      } while (this.pending);
    } finally {
      this.running = null;
    }
  }

  private async write(): Promise<void> {
    const tmp = `${this.path}.${process.pid}.tmp`;
    try {
      await writeFile(tmp, JSON.stringify(this.snapshot()));
      await rename(tmp, this.path);
    } catch (e) {
      this.lastError = e;
    }
  }
}
