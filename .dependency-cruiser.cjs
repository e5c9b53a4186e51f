/**
 * Import boundaries between Lathe's layers (DESIGN.md "Where things live"), checked in
 * `npm test` by `scripts/test.mjs` (stage "lint"). A rule here is a rule of the architecture:
 * change it only together with the READMEs that state it.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "engine-is-a-library",
      comment: "engine/ knows nothing of the app, the React components or the server.",
      severity: "error",
      from: { path: "^engine/" },
      to: { path: "^(app|components|server|e2e|bench|scripts)/" },
    },
    {
      name: "engine-no-frameworks",
      comment: "engine/ imports no React, Next.js, React Flow, Prisma or database driver.",
      severity: "error",
      from: { path: "^engine/" },
      to: { path: "node_modules/(react|react-dom|next|@xyflow|@prisma|prisma|better-sqlite3|pg|nodemailer|@uiw|@codemirror)/" },
    },
    {
      name: "components-never-import-server",
      comment: "React components reach the server over HTTP only (components/ui/api.ts, engine/contract).",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^(server|app)/|node_modules/(@prisma|prisma|better-sqlite3|pg|nodemailer)/" },
    },
    {
      name: "runtime-not-from-editors",
      comment: "The page runtime and the user view run without the editors: shared pieces live in components/shared or components/ui.",
      severity: "error",
      from: { path: "^components/(runtime|app-view|shared|ui)/" },
      to: { path: "^components/(editor|pages-editor|home|resources)/" },
    },
    {
      name: "shared-and-ui-are-leaves",
      comment: "components/shared and components/ui are used by the others and use none of them.",
      severity: "error",
      from: { path: "^components/(shared|ui)/" },
      to: { path: "^components/(runtime|app-view)/" },
    },
    {
      name: "server-not-from-app-or-components",
      comment: "server/ is used by app/ routes; it never imports routes or React components.",
      severity: "error",
      from: { path: "^server/" },
      to: { path: "^(app|components)/" },
    },
    {
      name: "server-layers",
      comment:
        "Inside server/ the layers run one way: http → services → auth, runtime → storage → db. " +
        "Tests may build their fixtures through services.",
      severity: "error",
      from: { path: "^server/(storage|db)/", pathNot: "\\.test\\.ts$" },
      to: { path: "^server/(services|runtime|http|auth)/" },
    },
    {
      name: "server-runtime-below-services",
      severity: "error",
      from: { path: "^server/runtime/", pathNot: "\\.test\\.ts$" },
      to: { path: "^server/(services|http)/" },
    },
    {
      name: "server-auth-below-services",
      comment: "Sign-in and permissions know people, sessions and storage; never routes, services or the engine's runtime.",
      severity: "error",
      from: { path: "^server/auth/", pathNot: "\\.test\\.ts$" },
      to: { path: "^server/(services|http|runtime)/" },
    },
    {
      name: "server-services-below-http",
      severity: "error",
      from: { path: "^server/services/", pathNot: "\\.test\\.ts$" },
      to: { path: "^server/http/" },
    },
    {
      name: "server-db-is-the-bottom",
      severity: "error",
      from: { path: "^server/db/", pathNot: "\\.test\\.ts$|test-db\\.ts$" },
      to: { path: "^server/storage/" },
    },
    {
      name: "no-circular",
      comment: "An import cycle between modules makes the layers meaningless.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "production-not-to-dev-deps",
      comment: "Code that ships does not import a devDependency.",
      severity: "error",
      from: { path: "^(app|components|engine|server)/", pathNot: "\\.test\\.tsx?$|/test-support/|test-db\\.ts$|test-graph\\.ts$|test-resources\\.ts$" },
      to: { dependencyTypes: ["npm-dev"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(\\.next|node_modules|data|reports|test-results)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".mts", ".js", ".mjs", ".cjs", ".json"],
    },
    moduleSystems: ["es6", "cjs"],
  },
};
