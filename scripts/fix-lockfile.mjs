// @ts-check
// The registry here answers 404 for some other-platform optional packages (@next/swc-darwin-*,
// @tailwindcss/oxide-win32-*, …), so `npm install` leaves them out of package-lock.json and
// `npm ci` then refuses the lockfile. This adds a placeholder entry for each missing optional
// dependency, marked with the os/cpu it is for, so npm ci skips it on this platform.
// Run after every `npm install`: `node scripts/fix-lockfile.mjs`.
import fs from "node:fs";

const LOCK = "package-lock.json";
const OSES = ["darwin", "win32", "linux", "freebsd", "android", "openbsd", "sunos", "aix"];
const CPUS = ["arm64", "x64", "ia32", "arm", "wasm32", "ppc64", "riscv64", "s390x", "loong64"];

/** @param {string} name */
function platformOf(name) {
  const tail = name.split("/").pop() ?? name;
  const os = OSES.find((o) => tail.includes(`-${o}`));
  const cpu = CPUS.find((c) => tail.includes(`-${c}`)) ?? (tail.includes("-arm-") ? "arm" : undefined);
  return { os: os ? [os] : undefined, cpu: cpu ? [cpu] : undefined };
}

const lock = JSON.parse(fs.readFileSync(LOCK, "utf8"));
const packages = lock.packages;
let added = 0;
for (const [where, pkg] of Object.entries(packages)) {
  for (const [dep, range] of Object.entries(pkg.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    const nested = `${where}/node_modules/${dep}`;
    if (packages[key] || packages[nested]) continue;
    const version = String(range).replace(/^[\^~=]/, "");
    packages[key] = { version, optional: true, ...platformOf(dep) };
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
lock.packages = sorted;
fs.writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`fix-lockfile: added ${added} placeholder entr${added === 1 ? "y" : "ies"}`);
