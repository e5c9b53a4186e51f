import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

export const DEMO_DB_FILE = "demo-customers.sqlite";

const CUSTOMERS: Array<[string, string, string, string]> = [
  ["Ada Lovelace", "ada@example.com", "pro", "UK"],
  ["Grace Hopper", "grace@example.com", "team", "US"],
  ["Katherine Johnson", "katherine@example.com", "free", "US"],
  ["Hedy Lamarr", "hedy@example.com", "pro", "AT"],
  ["Alan Turing", "alan@example.com", "team", "UK"],
  ["Margaret Hamilton", "margaret@example.com", "enterprise", "US"],
  ["Radia Perlman", "radia@example.com", "pro", "US"],
  ["Barbara Liskov", "barbara@example.com", "team", "US"],
  ["Frances Allen", "frances@example.com", "free", "US"],
  ["Tim Berners-Lee", "tim@example.com", "enterprise", "UK"],
  ["Linus Torvalds", "linus@example.com", "free", "FI"],
  ["Sophie Wilson", "sophie@example.com", "pro", "UK"],
];

/**
 * The demo resource's database: customers and their orders, in a SQLite file of the SQLite
 * folder (the only one SQLite resources may open). Made once; an existing file (perhaps edited
 * by the user) is left as it is.
 */
export function createDemoDatabase(sqliteDir: string): string {
  const file = path.join(/*turbopackIgnore: true*/ sqliteDir, DEMO_DB_FILE);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(sqliteDir, { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  const db = new Database(tmp);
  try {
    db.exec(`
      CREATE TABLE customers (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL UNIQUE,
        plan TEXT NOT NULL, country TEXT NOT NULL, created_at TEXT NOT NULL
      );
      CREATE TABLE orders (
        id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        product TEXT NOT NULL, amount_cents INTEGER NOT NULL, status TEXT NOT NULL, ordered_at TEXT NOT NULL
      );
      CREATE INDEX orders_customer ON orders(customer_id);
    `);
    const addCustomer = db.prepare("INSERT INTO customers (name, email, plan, country, created_at) VALUES (?, ?, ?, ?, ?)");
    const addOrder = db.prepare("INSERT INTO orders (customer_id, product, amount_cents, status, ordered_at) VALUES (?, ?, ?, ?, ?)");
    const products = ["Starter kit", "Support hours", "Seat licence", "Training", "Hardware token"];
    const statuses = ["paid", "paid", "shipped", "refunded", "pending"];
    db.transaction(() => {
      CUSTOMERS.forEach(([name, email, plan, country], i) => {
        const id = Number(addCustomer.run(name, email, plan, country, `2026-0${1 + (i % 9)}-1${i % 10}`).lastInsertRowid);
        for (let k = 0; k < 1 + (i % 4); k++) {
          addOrder.run(id, products[(i + k) % products.length], 1500 + ((i * 7919 + k * 104729) % 90000), statuses[(i + k) % statuses.length], `2026-${String(1 + ((i + k) % 10)).padStart(2, "0")}-0${1 + k}`);
        }
      });
    })();
  } finally {
    db.close();
  }
  fs.renameSync(tmp, file);
  return file;
}
