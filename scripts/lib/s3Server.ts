/**
 * An S3-compatible server for the self-managed backend the template's pipeline uses: moto's server
 * (installed from PyPI into .tools/moto by scripts/install-test-tools.sh), on 127.0.0.1, one bucket.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { REPO } from "./localStack";
import { freePort } from "./freePort";

export interface S3Server {
  /** The Pulumi backend URL of the bucket (`s3://…?endpoint=…`). */
  backendUrl: string;
  /** Credentials and region the CLI's AWS SDK needs (moto accepts any key). */
  env: Record<string, string>;
  /** Object keys under a prefix, e.g. `.pulumi/locks/`. */
  list(prefix: string): Promise<string[]>;
  /** Bytes of each object under a prefix, e.g. the stack's checkpoint under `.pulumi/stacks/`. */
  sizes(prefix: string): Promise<Map<string, number>>;
  /** The server process (the scale benchmark counts its CPU as the backend's). */
  pid: number;
  stop(): Promise<void>;
}

const MOTO = path.join(REPO, ".tools/moto/bin/moto_server");

async function waitUntilServing(endpoint: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    try {
      await fetch(endpoint);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`moto_server did not answer on ${endpoint}`);
}

export async function startS3Server(bucket = "adobe-org-state"): Promise<S3Server> {
  if (!existsSync(MOTO)) throw new Error(`${MOTO} is missing: run scripts/install-test-tools.sh`);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(MOTO, ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  await waitUntilServing(endpoint, child);
  const listing = async (prefix: string) => {
    const res = await fetch(`${endpoint}/${bucket}?list-type=2&prefix=${encodeURIComponent(prefix)}`);
    const objects = [...(await res.text()).matchAll(/<Contents>.*?<Key>([^<]+)<\/Key>.*?<Size>(\d+)<\/Size>.*?<\/Contents>/gs)];
    return new Map(objects.map((m) => [m[1]!, Number(m[2])]));
  };
  const created = await fetch(`${endpoint}/${bucket}`, { method: "PUT" });
  if (!created.ok) throw new Error(`creating bucket ${bucket}: HTTP ${created.status}`);
  return {
    backendUrl: `s3://${bucket}?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1&use_path_style=true`,
    env: { AWS_ACCESS_KEY_ID: "team-flow", AWS_SECRET_ACCESS_KEY: "team-flow", AWS_REGION: "us-east-1", AWS_EC2_METADATA_DISABLED: "true" },
    list: async (prefix) => [...(await listing(prefix)).keys()],
    sizes: listing,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      });
    },
  };
}
