/** The `umapi-emulator` CLI (dist/emulator/cli.js; build with `npx tsc -p .` first). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { CLI, getToken, startCli, stopCli, Umapi } from "./helpers";

let dir: string;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -p .\` first`);
  dir = mkdtempSync(join(tmpdir(), "umapi-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("umapi-emulator CLI", () => {
  it("prints its URLs and throwaway credentials as the first stdout line, serves UMAPI, and exits 0 on SIGTERM", async () => {
    const { child, info } = await startCli(["--port", "0"]);
    expect(info).toMatchObject({
      umapiUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/v2\/usermanagement$/),
      imsUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/ims\/token\/v3$/),
      orgId: "0123456789ABCDEF01234567@AdobeOrg",
      clientId: "emulator-client-id",
      clientSecret: "emulator-client-secret",
    });
    const api = new Umapi(info, await getToken(info));
    expect((await api.user("owner@example.com")).status).toBe(200);
    expect(await stopCli(child)).toBe(0);
  });

  it("loads a YAML seed, persists to --state, and flushes the state on SIGTERM", async () => {
    const seedPath = join(dir, "seed.yaml");
    const statePath = join(dir, "state.json");
    writeFileSync(seedPath, stringify({ domains: [{ name: "corp.test", directory: "enterpriseID" }], users: [{ type: "enterpriseID", email: "ann@corp.test" }] }));
    const { child, info } = await startCli(["--seed", seedPath, "--state", statePath, "--time-scale", "60", "--no-throttle"]);
    const api = new Umapi(info, await getToken(info));
    const res = await api.action([{ user: "ben@corp.test", do: [{ createEnterpriseID: { email: "ben@corp.test", firstname: "Ben", lastname: "B" } }] }]);
    expect(res.body.result).toBe("success");
    expect(await stopCli(child)).toBe(0);
    const saved = JSON.parse(readFileSync(statePath, "utf8")) as { users: { email: string }[] };
    expect(saved.users.map((u) => u.email)).toEqual(["ann@corp.test", "ben@corp.test"]);
  });

  it("--help prints usage and exits 0; a bad argument exits 2", () => {
    const help = spawnSync(process.execPath, [CLI, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: umapi-emulator/);
    const bad = spawnSync(process.execPath, [CLI, "--faults", "500=1"], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Invalid fault setting/);
  });

  it("--token-lifetime makes short-lived tokens, for runs that outlive theirs", async () => {
    const { child, info } = await startCli(["--token-lifetime", "120", "--time-scale", "60"]);
    try {
      const res = await fetch(info.imsUrl, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: info.clientId, client_secret: info.clientSecret }),
      });
      expect(((await res.json()) as { expires_in: number }).expires_in).toBe(120);
    } finally {
      await stopCli(child);
    }
  });

  it("--clients N serves N clients of the org, each with its own credentials, and prints them all", async () => {
    const { child, info } = await startCli(["--clients", "3"]);
    try {
      const clients = (info as unknown as { clients: { clientId: string; clientSecret: string }[] }).clients;
      expect(clients.map((c) => c.clientId)).toEqual(["emulator-client-id", "emulator-client-id-2", "emulator-client-id-3"]);
      const third = { ...info, ...clients[2]! };
      expect((await new Umapi(third, await getToken(third)).user("owner@example.com")).status).toBe(200);
    } finally {
      await stopCli(child);
    }
    expect(spawnSync(process.execPath, [CLI, "--clients", "0"], { encoding: "utf8" }).status).toBe(2);
  });
});
