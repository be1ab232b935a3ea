/** The emulator's own speed with throttling off: GET requests per second, and a 2,000-user page. */
import { startEmulator } from "../../emulator";
import type { Row } from "../report";

async function token(imsUrl: string, clientId: string, clientSecret: string): Promise<string> {
  const res = await fetch(imsUrl, { method: "POST", body: new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret, scope: "openid,AdobeID,user_management_sdk" }) });
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function emulatorSpeed(): Promise<Row[]> {
  const emulator = await startEmulator({ throttle: false, generate: { users: 10_000, groups: 200 } });
  try {
    const headers = { Authorization: `Bearer ${await token(emulator.imsUrl, emulator.clientId, emulator.clientSecret)}`, "X-Api-Key": emulator.clientId };
    const get = async (p: string) => {
      const res = await fetch(`${emulator.umapiUrl}/${p}`, { headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP ${res.status} for ${p}`);
    };
    const total = 3000;
    let next = 0;
    const start = Date.now();
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next < total) await get(`organizations/${emulator.orgId}/users/user${(next++ % 10_000) + 1}@example.com`);
    }));
    const getMs = Date.now() - start;
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await get(`users/${emulator.orgId}/${i % 5}`);
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    return [
      { workload: "emulator: GET one user, 16 concurrent, throttle off", requests: total, wallMs: getMs, note: `${Math.round((total * 1000) / getMs)} GET/s (target >= 1000)` },
      { workload: "emulator: one 2,000-user page (10k-user org)", requests: samples.length, wallMs: samples[Math.floor(samples.length / 2)], note: `median ${samples[Math.floor(samples.length / 2)]!.toFixed(1)} ms, max ${samples.at(-1)!.toFixed(1)} ms (target < 50 ms)` },
    ];
  } finally {
    await emulator.close();
  }
}
