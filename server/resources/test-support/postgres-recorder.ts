import net, { type AddressInfo } from "node:net";

/**
 * A listener on 127.0.0.1 that speaks just enough of PostgreSQL's wire protocol to be sent a
 * password: it refuses TLS, asks for the password in clear text, records what arrives, and
 * refuses the sign-in. For tests that prove a password is NOT sent to a host.
 */

export interface PostgresRecorder {
  port: number;
  /** One entry per sign-in attempt: the start-up parameters (user, database) and the password sent. */
  attempts: { user?: string; database?: string; password?: string }[];
  close(): Promise<void>;
}

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

function errorResponse(message: string): Buffer {
  const fields = Buffer.concat([Buffer.from("SFATAL\0C28P01\0M"), Buffer.from(`${message}\0`), Buffer.from("\0")]);
  const head = Buffer.alloc(5);
  head.write("E", 0);
  head.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([head, fields]);
}

function startupParams(body: Buffer): Record<string, string> {
  const parts = body.subarray(4).toString("utf8").split("\0");
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i]) out[parts[i]] = parts[i + 1];
  return out;
}

export async function startPostgresRecorder(): Promise<PostgresRecorder> {
  const attempts: PostgresRecorder["attempts"] = [];
  const server = net.createServer((socket) => {
    let buf = Buffer.alloc(0);
    let started = false;
    let attempt: PostgresRecorder["attempts"][number] = {};
    socket.on("error", () => {});
    socket.on("data", (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        if (!started) {
          if (buf.length < 8) return;
          const len = buf.readInt32BE(0);
          if (buf.length < len) return;
          const body = buf.subarray(4, len);
          buf = buf.subarray(len);
          const code = body.readInt32BE(0);
          if (code === SSL_REQUEST || code === GSS_REQUEST) {
            socket.write("N");
            continue;
          }
          started = true;
          const params = startupParams(body);
          attempt = { user: params.user, database: params.database };
          attempts.push(attempt);
          const auth = Buffer.alloc(9);
          auth.write("R", 0);
          auth.writeInt32BE(8, 1);
          auth.writeInt32BE(3, 5); // AuthenticationCleartextPassword
          socket.write(auth);
          continue;
        }
        if (buf.length < 5) return;
        const len = buf.readInt32BE(1);
        if (buf.length < len + 1) return;
        const type = String.fromCharCode(buf[0]);
        const body = buf.subarray(5, len + 1);
        buf = buf.subarray(len + 1);
        if (type === "p") {
          attempt.password = body.toString("utf8").replace(/\0$/, "");
          socket.end(errorResponse("password authentication failed (recorder)"));
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo; // listening on TCP: address() is an AddressInfo
  return { port, attempts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
