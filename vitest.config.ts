import { defineConfig } from 'vitest/config';

// Unit tests: pure modules (retrieval core, catalog, protocols, scripts) run in Node.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'cli/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
