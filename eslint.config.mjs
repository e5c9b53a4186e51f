// @ts-check
// Lint for every TypeScript and JavaScript file of the project, run by `npm test` (stage
// "lint") and `npm run lint`. Import boundaries between layers are checked separately by
// dependency-cruiser (.dependency-cruiser.cjs).
import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      ".next/**", "node_modules/**", "data/**", "reports/**", "test-results/**", "playwright-report/**",
      "next-env.d.ts",
      // Sources evaluated inside QuickJS as text: their globals are the sandbox's, not Node's.
      "engine/sandbox/js/vm-*.mjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": "off",
      // Name and URL validators refuse control characters on purpose.
      "no-control-regex": "off",
    },
  },
  {
    // The two classic rules of hooks. The React Compiler diagnostics that react-hooks 7 adds
    // to its presets (purity, refs, set-state-in-effect…) judge code for the compiler, which
    // Lathe does not use; they stay off until it does.
    files: ["app/**/*.tsx", "components/**/*.tsx", "components/**/*.ts"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
);
