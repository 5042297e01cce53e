// A throwaway PostgreSQL server for the tests of `cva sql --dialect postgres`: initdb and pg_ctl
// of the newest /usr/lib/postgresql/<version>/bin (Debian's `postgresql`, which .ci/run installs),
// a data directory and a unix socket in a fresh temporary folder, no TCP (listen_addresses is
// empty, so the port only names the socket file), trust authentication for the socket. Under
// root (CI, this machine) the server runs as the `postgres` user, or `nobody`: PostgreSQL refuses
// to run as root. psql, as the caller, runs the queries; there is no Node client to install.
import { execFileSync, spawnSync, type SpawnSyncOptions } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The folder holding initdb, pg_ctl, postgres and psql of the newest installed PostgreSQL, or undefined. */
export function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return undefined;
  const versions = fs
    .readdirSync(root)
    .filter((v) => ["initdb", "pg_ctl", "postgres", "psql"].every((b) => fs.existsSync(path.join(root, v, "bin", b))))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(root, versions[0], "bin") : undefined;
}

/** The user the server runs as: the caller, or under root an unprivileged one from /etc/passwd. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const passwd = fs.readFileSync("/etc/passwd", "utf8").split("\n");
  for (const name of ["postgres", "nobody"]) {
    const line = passwd.find((l) => l.startsWith(`${name}:`));
    if (line) {
      const [, , uid, gid] = line.split(":");
      return { uid: Number(uid), gid: Number(gid) };
    }
  }
  throw new Error("running as root and neither a postgres nor a nobody user exists to run PostgreSQL as");
}

export interface PgServer {
  /** Runs SQL through psql (stopping at the first error) and returns its CSV output with a header. */
  query(sql: string): string;
  /** Runs psql's \copy of a local CSV file with a header into a table. */
  copyIn(table: string, file: string): void;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): void;
}

/** Starts a server; stops it again (and removes its folder) if starting fails. */
export function startPostgres(bin: string): PgServer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cva-pg-"));
  const user = serverUser();
  const asServer: SpawnSyncOptions = { encoding: "utf8", ...(user ?? {}), cwd: dir };
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const data = path.join(dir, "data");
  const port = "54329";
  let started = false;
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(path.join(bin, cmd), args, asServer);
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status ?? r.signal}): ${String(r.stderr)}${String(r.stdout)}${logTail()}`);
  };
  const logTail = () => {
    const log = path.join(dir, "log");
    return fs.existsSync(log) ? `\n--- server log ---\n${fs.readFileSync(log, "utf8").slice(-2000)}` : "";
  };
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.removeListener("exit", stop);
    try {
      if (started) spawnSync(path.join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate", "-w", "-s"], asServer);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  // A jest worker that exits without afterAll (a crash) still stops the server.
  process.on("exit", stop);
  try {
    run("initdb", ["-D", data, "-U", "cva", "--auth=trust", "--no-locale", "-E", "UTF8", "--no-sync", "--no-instructions"]);
    started = true;
    const settings = `-k ${dir} -p ${port} -c listen_addresses='' -c fsync=off -c shared_buffers=16MB`;
    run("pg_ctl", ["start", "-D", data, "-l", path.join(dir, "log"), "-w", "-s", "-o", settings]);
  } catch (e) {
    stop();
    throw e;
  }
  const psql = (args: string[], input?: string) =>
    execFileSync(path.join(bin, "psql"), ["-X", "-q", "-h", dir, "-p", port, "-U", "cva", "-d", "postgres", "-v", "ON_ERROR_STOP=1", ...args], {
      encoding: "utf8",
      input,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["pipe", "pipe", "pipe"],
    });
  return {
    query: (sql) => psql(["--csv", "-f", "-"], sql),
    copyIn: (table, file) => void psql(["-c", `\\copy ${table} FROM '${file.replace(/'/g, "''")}' WITH (FORMAT csv, HEADER true)`]),
    stop,
  };
}
