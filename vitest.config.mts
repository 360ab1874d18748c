import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

const alias = {
  '@shared': resolve(import.meta.dirname, 'src-main/shared'),
  '@': resolve(import.meta.dirname, 'src-renderer/src'),
}

export default defineConfig({
  test: {
    // In CI, also write a JSON report so .ci/run can print a plain 'N passed, N failed' line.
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
      : ['default'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'engine',
          environment: 'node',
          include: ['src-main/**/*.test.ts', 'tests/unit/**/*.test.ts'],
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: { name: 'components', environment: 'happy-dom', include: ['src-renderer/**/*.test.ts'] },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
