// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // Loaded from node_modules at run time, never bundled: native addons, WebAssembly,
  // and the sandbox worker entry files that are resolved by path.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/client",
    "@prisma/adapter-better-sqlite3",
    "quickjs-emscripten",
    "@jitl/quickjs-wasmfile-release-sync",
    "pyodide",
    "pg",
    "nodemailer",
  ],
  // `npm test` type-checks the whole project once with tsc; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
  devIndicators: false,
};

export default nextConfig;
