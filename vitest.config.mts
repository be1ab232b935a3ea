import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // End-to-end tests drive the real CLI and share one machine's 2 cores: run files one at a time.
    fileParallelism: false,
    reporters: ["default"],
  },
});
