/**
 * Markdown as a reviewer sees it: rendered by a GitHub-flavoured renderer (marked, GFM on), styled
 * like a GitHub comment, and loaded in headless Chromium (Debian's `chromium`, installed by
 * scripts/install-test-tools.sh), which returns the DOM it built and, when asked, a screenshot.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { marked } from "marked";

export const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

const STYLE = `body{font-family:-apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,sans-serif;font-size:14px;line-height:1.5;color:#1f2328;max-width:880px;margin:16px auto;padding:0 16px}
h3{font-size:1.25em;border-bottom:1px solid #d1d9e0;padding-bottom:.3em}h4{font-size:1em;margin:16px 0 4px}
table{border-collapse:collapse}th,td{border:1px solid #d1d9e0;padding:4px 12px}tr:nth-child(2n){background:#f6f8fa}
code{background:#eff1f3;border-radius:6px;padding:.2em .4em;font-size:85%;font-family:ui-monospace,SFMono-Regular,Menlo,monospace}
blockquote{margin:0;padding:0 1em;color:#59636e;border-left:.25em solid #d1d9e0}ul{padding-left:2em;margin:4px 0}`;

/** The page GitHub would show for `markdown` (GFM: tables, lists, code spans, escapes). */
export function gfmPage(markdown: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>${marked.parse(markdown, { gfm: true, async: false })}</body></html>`;
}

const run = promisify(execFile);

/** Loads `html` in headless Chromium: the serialized DOM, and a PNG at `screenshot` when given. */
export async function inChromium(html: string, options: { screenshot?: string; width?: number; height?: number } = {}): Promise<string> {
  if (!CHROMIUM) throw new Error("chromium is not installed: run scripts/install-test-tools.sh (apt-get install chromium)");
  const dir = mkdtempSync(path.join(tmpdir(), "umapi-chromium-"));
  const page = path.join(dir, "page.html");
  writeFileSync(page, html);
  const flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"];
  const profile = (name: string) => `--user-data-dir=${path.join(dir, name)}`;
  try {
    const { stdout } = await run(CHROMIUM, [...flags, profile("dom"), "--dump-dom", `file://${page}`], { maxBuffer: 16 * 1024 * 1024, timeout: 120_000 });
    if (options.screenshot) {
      await run(CHROMIUM, [...flags, profile("shot"), `--screenshot=${options.screenshot}`, `--window-size=${options.width ?? 920},${options.height ?? 1400}`, `file://${page}`], { timeout: 120_000 });
    }
    return stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
