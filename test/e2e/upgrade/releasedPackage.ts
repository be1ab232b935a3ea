/**
 * A released version's tarball, built from this repository's history: the commit that set the
 * version in package.json, exported with `git archive`, installed with `npm ci`, built and packed.
 * The tarball is kept under .e2e/upgrade/<commit>/ so that later runs reuse it; a clean checkout
 * builds it once (it needs the history: `actions/checkout` with `fetch-depth: 0`).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO } from "../harness";
import { ok, run } from "../team/teamRepo";

/** The commit that set `"version": "<version>"` in package.json (the oldest, if several did). */
export async function releaseCommit(version: string): Promise<string> {
  const log = ok(await run("git", ["log", "--format=%H", `-S"version": "${version}"`, "--", "package.json"], { cwd: REPO, env: {} }), "git log");
  const commit = log.stdout.trim().split("\n").filter(Boolean).at(-1);
  if (!commit) throw new Error(`no commit in this checkout's history sets version ${version} in package.json: the upgrade test needs the history (git fetch --unshallow, or actions/checkout with fetch-depth: 0)`);
  return commit;
}

/** The path of the tarball of `version` as it was released, built (once) from its commit. */
export async function releasedTarball(version: string): Promise<{ commit: string; tarball: string; built: boolean }> {
  const commit = await releaseCommit(version);
  const cache = path.join(REPO, ".e2e", "upgrade", commit);
  const cached = existsSync(cache) ? readdirSync(cache).find((f) => f.endsWith(".tgz")) : undefined;
  if (cached) return { commit, tarball: path.join(cache, cached), built: false };
  const src = mkdtempSync(path.join(tmpdir(), `umapi-release-${version}-`));
  try {
    ok(await run("bash", ["-c", `git -C "${REPO}" archive ${commit} | tar -x -C "${src}"`], { cwd: REPO, env: {} }), "git archive");
    ok(await run("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: src, env: {}, timeoutMs: 600_000 }), `npm ci (${version})`);
    ok(await run("npm", ["run", "build"], { cwd: src, env: {}, timeoutMs: 600_000 }), `npm run build (${version})`);
    mkdirSync(cache, { recursive: true });
    const packed = ok(await run("npm", ["pack", "--json", "--pack-destination", cache], { cwd: src, env: {} }), `npm pack (${version})`);
    const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
    return { commit, tarball: path.join(cache, filename), built: true };
  } finally {
    rmSync(src, { recursive: true, force: true });
  }
}
