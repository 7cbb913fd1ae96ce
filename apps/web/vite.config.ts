import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { pagePaths, pagePathsFile } from './src/app/page-paths';

const apiTarget = process.env.API_URL ?? 'http://localhost:3000';

/**
 * The policy the API sends with the built app. `vite preview` sends it too, so a page that would break
 * under it in production breaks in preview first. (The dev server injects an inline script for fast
 * refresh, so it cannot run under this policy.)
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' https: 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' https: data:",
  "object-src 'none'",
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const proxy = {
  '/api': { target: apiTarget, changeOrigin: true, ws: true },
  '/metrics': { target: apiTarget, changeOrigin: true },
  // The short links of text messages (`/l/<code>`); a pattern, so that `/login` and `/live` stay pages.
  '^/l/': { target: apiTarget, changeOrigin: true },
};

/** Writes the pages' path patterns next to `index.html`: the server answers other URLs with a 404. */
function pagePathsManifest(): Plugin {
  return {
    name: 'capitune-page-paths',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: pagePathsFile, source: `${JSON.stringify(pagePaths)}\n` });
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), pagePathsManifest()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, proxy, headers: { 'Content-Security-Policy': contentSecurityPolicy } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              // The libraries every page needs, in one long-cached chunk that changes only on upgrades.
              // Libraries used by some pages only (Radix, react-hook-form, zod…) stay with those pages.
              name: 'vendor',
              test: /node_modules[\\/](react|react-dom|scheduler|@tanstack|i18next|react-i18next|use-sync-external-store[\\/](?:shim|cjs[\\/]use-sync-external-store-shim)|i18next-resources-to-backend|clsx)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
