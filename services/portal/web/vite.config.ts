import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// React and ECharts in chunks of their own (cached across deployments); each portal is a chunk
// of its own through its lazy import in src/App.tsx, with the Ant Design components only its
// pages use (the login page and the shell load the few they need).
function vendorChunk(id: string): string | undefined {
  if (/node_modules\/(echarts|zrender)\//.test(id)) return "echarts";
  if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) {
    return "react";
  }
  return undefined;
}

export default defineConfig({
  plugins: [react()],
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 2000,
    rollupOptions: { output: { manualChunks: vendorChunk } },
  },
  server: {
    // `npm run dev` against a BFF on its default port.
    proxy: { "/api": "http://127.0.0.1:8080", "/bff": "http://127.0.0.1:8080" },
  },
  test: { environment: "jsdom", include: ["src/**/*.test.{ts,tsx}"] },
});
