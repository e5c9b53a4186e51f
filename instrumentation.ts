/**
 * Runs once when the server starts: seeds the demo app on the very first start.
 * Migrations are applied before the server starts (scripts/start.mjs).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getDb } = await import("./server/db/client");
  const { seedDemoOnce } = await import("./server/services/seed");
  try {
    const outcome = await seedDemoOnce(getDb());
    if (outcome === "seeded") console.log("[lathe] seeded the demo app");
  } catch (err) {
    console.error("[lathe] could not seed the demo app:", err);
  }
}
