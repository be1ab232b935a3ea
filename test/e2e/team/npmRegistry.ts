/**
 * A stand-in for npm's registry, on 127.0.0.1: it serves this checkout's tarball as
 * pulumi-adobe-umapi (as the registry will once it is published) and redirects every other request
 * to registry.npmjs.org. With `npm_config_registry` pointing at it, the README's registry commands
 * (`npm pack pulumi-adobe-umapi`, the template's `npm install`) run as written.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { REPO } from "../harness";

export interface NpmRegistry {
  url: string;
  /** The request paths it answered, in order. */
  served: string[];
  stop(): Promise<void>;
}

const UPSTREAM = "https://registry.npmjs.org";

export async function startNpmRegistry(tarball: string): Promise<NpmRegistry> {
  const pkg = JSON.parse(readFileSync(path.join(REPO, "package.json"), "utf8")) as { name: string; version: string; [k: string]: unknown };
  const bytes = readFileSync(tarball);
  const file = `${pkg.name}-${pkg.version}.tgz`;
  const served: string[] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? "/";
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (url === `/${pkg.name}`) {
      served.push(url);
      const { scripts, devDependencies, ...manifest } = pkg;
      void scripts;
      void devDependencies;
      const dist = {
        tarball: `${base}/${pkg.name}/-/${file}`,
        shasum: createHash("sha1").update(bytes).digest("hex"),
        integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
      };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ name: pkg.name, "dist-tags": { latest: pkg.version }, versions: { [pkg.version]: { ...manifest, dist } } }));
    } else if (url === `/${pkg.name}/-/${file}`) {
      served.push(url);
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": bytes.length });
      res.end(bytes);
    } else {
      res.writeHead(302, { location: `${UPSTREAM}${url}` });
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    served,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
