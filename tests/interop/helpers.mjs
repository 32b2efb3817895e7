// Shared helpers of the interop tests: starting and stopping echo servers, the two client
// versions, raw HTTP and WebSocket access, bounded waits.

import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import * as client472 from 'socket.io-client-472';
import * as clientLatest from 'socket.io-client-latest';

export { sleep };

function packageVersion(name) {
    const url = new URL(`./node_modules/${name}/package.json`, import.meta.url);
    return JSON.parse(readFileSync(url, 'utf8')).version;
}

//! Every client test runs once per entry.
export const CLIENTS = [
    { label: `socket.io-client ${packageVersion('socket.io-client-472')}`, ...pick(client472) },
    { label: `socket.io-client ${packageVersion('socket.io-client-latest')}`, ...pick(clientLatest) },
];

function pick(module) {
    return { io: module.io, Manager: module.Manager };
}

// ---------------------------------------------------------------------------------------------
// Echo server processes

const liveServers = new Set();

// Last resort: never leave a server behind, even when a test file crashes.
process.on('exit', () => {
    for (const server of liveServers)
        server.process.kill('SIGKILL');
});

function echoBinary() {
    const binary = process.env.IM_SOCKETIO_ECHO;
    if (!binary)
        throw new Error('IM_SOCKETIO_ECHO is not set: point it at the im-socketio-echo executable');
    return binary;
}

//! Starts the echo server with \a args (--engine-only, --ping-interval ...) on \a port (0: a free
//! one) and resolves once it printed its `listening on` line.
export function startEcho({ args = [], port = 0, startTimeoutMs = 15000 } = {}) {
    return startServerProcess(echoBinary(), ['--port', String(port), ...args], { startTimeoutMs });
}

//! Starts the real im-server (IM_SERVER_BINARY) and resolves once it listens: by default on the
//! embedded SQLite in a fresh data folder on a free port; \a env adds or overrides settings and
//! \a dataDir reuses a folder (a restart). The server object carries its dataDir. Every test
//! registers its users from 127.0.0.1, so the per-address sign-up limit is lifted unless the
//! environment or \a env sets it (the tests of that limit do).
export async function startImServer({ startTimeoutMs = 60000, env = {}, dataDir } = {}) {
    const binary = process.env.IM_SERVER_BINARY;
    if (!binary)
        throw new Error('IM_SERVER_BINARY is not set: point it at the im-server executable');
    const folder = dataDir ?? mkdtempSync(join(tmpdir(), 'im-server-interop-'));
    const server = await startServerProcess(binary, [], {
        startTimeoutMs,
        env: {
            SIGNUP_MAX_PER_ADDRESS: '1000000', ...process.env, DATA_DIR: folder, PORT: '0', LOG_FILE: 'false', ...env,
        },
    });
    server.dataDir = folder;
    return server;
}

//! Starts \a binary with \a args in \a cwd (default: this process's) with exactly \a env, and
//! resolves once it printed its `listening on` line.
export function startServerProcess(binary, args, { startTimeoutMs = 60000, env = process.env, cwd } = {}) {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env, cwd });
    let output = '';
    const server = {
        process: child,
        port: 0,
        url: '',
        output: () => output,
        //! Writes what the server printed to stderr (ctest shows it for failed tests), the last
        //! \a maxLines lines at most.
        dumpOutput(maxLines = 200) {
            const lines = output.trimEnd().split('\n');
            const shown = lines.slice(-maxLines).join('\n');
            process.stderr.write(`--- ${basename(binary)} on port ${server.port} (${lines.length} lines) ---\n${shown}\n`);
        },
        //! True while the process runs.
        get alive() {
            return child.exitCode === null && child.signalCode === null;
        },
        //! Sends \a signal and resolves with the exit code (SIGKILL after \a timeoutMs).
        stop(signal = 'SIGTERM', timeoutMs = 5000) {
            server.stopping = true;
            if (!server.alive) {
                liveServers.delete(server);
                return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
            }
            return new Promise((resolve) => {
                const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
                child.once('exit', (code, exitSignal) => {
                    clearTimeout(timer);
                    liveServers.delete(server);
                    resolve({ code, signal: exitSignal });
                });
                child.kill(signal);
            });
        },
    };
    liveServers.add(server);

    return new Promise((resolve, reject) => {
        const fail = (why) => {
            clearTimeout(timer);
            child.kill('SIGKILL');
            liveServers.delete(server);
            reject(new Error(`${basename(binary)} ${why}; output:\n${output}`));
        };
        const timer = setTimeout(() => fail(`printed no "listening on" line within ${startTimeoutMs} ms`),
            startTimeoutMs);
        child.on('error', (error) => fail(`could not start (${error.message})`));
        child.on('exit', (code, signal) => {
            if (!server.port) {
                fail(`exited early (code ${code}, signal ${signal})`);
            } else if (!server.stopping) {
                // Died under a test: what it printed last explains why (ctest shows stderr).
                process.stderr.write(`${basename(binary)} exited by itself (code ${code}, signal ${signal})\n`);
                child.once('close', () => server.dumpOutput());
            }
        });
        child.stderr.on('data', (chunk) => {
            output += chunk;
        });
        child.stdout.on('data', (chunk) => {
            output += chunk;
            const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
            if (match && !server.port) {
                clearTimeout(timer);
                server.port = Number(match[1]);
                server.url = `http://127.0.0.1:${server.port}`;
                resolve(server);
            }
        });
    });
}

// ---------------------------------------------------------------------------------------------
// Waiting

//! Resolves with the arguments of the next \a event of \a emitter (an array), or rejects after
//! \a timeoutMs.
export function nextEvent(emitter, event, timeoutMs = 3000) {
    return handled(new Promise((resolve, reject) => {
        const onEvent = (...args) => {
            clearTimeout(timer);
            resolve(args);
        };
        const timer = setTimeout(() => {
            emitter.off(event, onEvent);
            reject(new Error(`no "${event}" event within ${timeoutMs} ms`));
        }, timeoutMs);
        emitter.once(event, onEvent);
    }));
}

//! Marks \a promise as handled so that a test that failed before awaiting it reports its own
//! failure instead of an unrelated unhandled rejection later; awaiting it still throws.
function handled(promise) {
    promise.catch(() => {});
    return promise;
}

//! The resident memory of \a server's process (Linux), in bytes.
export function rssBytes(server) {
    const status = readFileSync(`/proc/${server.process.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

//! Polls \a predicate (which may return a promise) until it is true; rejects with \a what after
//! \a timeoutMs.
export async function waitFor(predicate, what, timeoutMs = 3000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await predicate())) {
        if (Date.now() > deadline)
            throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await sleep(10);
    }
}

//! \a promise, or a rejection naming \a what after \a timeoutMs.
export function withTimeout(promise, what, timeoutMs = 3000) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms: ${what}`)),
            timeoutMs);
    });
    return handled(Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}

// ---------------------------------------------------------------------------------------------
// Socket.IO clients

//! Keeps every client socket a test opens, so that afterEach can close them all.
export class ClientTracker {
    constructor() {
        this.sockets = [];
    }

    add(socket) {
        this.sockets.push(socket);
        return socket;
    }

    closeAll() {
        for (const socket of this.sockets) {
            socket.disconnect();
            socket.io.disconnect(); // closes the Manager's Engine.IO connection too
        }
        this.sockets = [];
    }
}

//! Connects \a socket and resolves once `connect` fired; rejects on connect_error.
export function connected(socket, timeoutMs = 3000) {
    if (socket.connected)
        return Promise.resolve(socket);
    return new Promise((resolve, reject) => {
        const cleanup = () => {
            clearTimeout(timer);
            socket.off('connect', onConnect);
            socket.off('connect_error', onError);
        };
        const onConnect = () => {
            cleanup();
            resolve(socket);
        };
        const onError = (error) => {
            cleanup();
            reject(new Error(`connect_error: ${error.message}`));
        };
        const timer = setTimeout(() => {
            cleanup();
            reject(new Error(`not connected within ${timeoutMs} ms`));
        }, timeoutMs);
        socket.on('connect', onConnect);
        socket.on('connect_error', onError);
    });
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP

//! One HTTP request on a connection of its own. Resolves with {status, headers, body (string),
//! raw (Buffer)}. \a signal (AbortSignal) or the returned `request` lets a caller destroy it.
export function httpRequest(url, { method = 'GET', headers = {}, body, timeoutMs = 5000, localAddress } = {}) {
    let request;
    const promise = new Promise((resolve, reject) => {
        request = http.request(url, { method, headers, agent: false, localAddress }, (response) => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => {
                clearTimeout(timer);
                const raw = Buffer.concat(chunks);
                resolve({
                    status: response.statusCode,
                    headers: response.headers,
                    raw,
                    body: raw.toString('utf8'),
                });
            });
            response.on('error', reject);
        });
        const timer = setTimeout(() => {
            request.destroy();
            reject(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        request.on('error', (error) => {
            clearTimeout(timer);
            reject(error);
        });
        if (body !== undefined)
            request.write(body);
        request.end();
    });
    promise.request = request;
    return promise;
}

//! Opens an Engine.IO polling session at \a baseUrl (`http://host:port/path/`); resolves with the
//! parsed open packet (sid, upgrades, ...).
export async function openPollingSession(baseUrl) {
    const response = await httpRequest(`${baseUrl}?EIO=4&transport=polling`);
    if (response.status !== 200 || !response.body.startsWith('0'))
        throw new Error(`handshake failed: ${response.status} ${response.body}`);
    return JSON.parse(response.body.slice(1));
}

// ---------------------------------------------------------------------------------------------
// Raw WebSocket

//! A WebSocket whose messages are read in order with next(): {text} or {binary: Buffer}.
export class MessageQueue {
    constructor(ws) {
        this.ws = ws;
        this.messages = [];
        this.waiters = [];
        this.closed = null;
        ws.on('message', (data, isBinary) => {
            this.push(isBinary ? { binary: Buffer.from(data) } : { text: data.toString('utf8') });
        });
        ws.on('close', (code, reason) => {
            this.closed = { code, reason: reason.toString() };
            for (const waiter of this.waiters.splice(0))
                waiter.reject(new Error(`WebSocket closed (${code})`));
        });
        ws.on('error', () => {}); // close follows
    }

    push(message) {
        const waiter = this.waiters.shift();
        if (waiter)
            waiter.resolve(message);
        else
            this.messages.push(message);
    }

    next(timeoutMs = 5000) {
        if (this.messages.length)
            return Promise.resolve(this.messages.shift());
        if (this.closed)
            return Promise.reject(new Error(`WebSocket closed (${this.closed.code})`));
        return new Promise((resolve, reject) => {
            const waiter = {
                resolve: (message) => {
                    clearTimeout(timer);
                    resolve(message);
                },
                reject: (error) => {
                    clearTimeout(timer);
                    reject(error);
                },
            };
            const timer = setTimeout(() => {
                this.waiters.splice(this.waiters.indexOf(waiter), 1);
                reject(new Error(`no WebSocket message within ${timeoutMs} ms`));
            }, timeoutMs);
            this.waiters.push(waiter);
        });
    }

    //! Resolves once the WebSocket is closed (by either side), or rejects after \a timeoutMs.
    whenClosed(timeoutMs = 5000) {
        if (this.closed)
            return Promise.resolve(this.closed);
        return withTimeout(new Promise((resolve) => this.ws.once('close', (code) => resolve({ code }))),
            'WebSocket close', timeoutMs);
    }
}

// ---------------------------------------------------------------------------------------------
// MariaDB (started by scripts/test.sh; IM_TEST_MARIADB_*)

export const mariadb = {
    host: process.env.IM_TEST_MARIADB_HOST,
    port: process.env.IM_TEST_MARIADB_PORT,
    user: process.env.IM_TEST_MARIADB_USER,
    password: process.env.IM_TEST_MARIADB_PASSWORD,
};

//! Whether MariaDB tests run: when the services are configured, or required (then they fail
//! loudly without them instead of being skipped).
export const mariadbWanted = Boolean(mariadb.host) || process.env.IM_TEST_REQUIRE_SERVICES === '1';

//! Runs \a statement with the mariadb client in \a database (none: server level); resolves with
//! the rows as arrays of strings.
export function sql(statement, database) {
    if (!mariadb.host)
        return Promise.reject(new Error('IM_TEST_MARIADB_* is not set: run the tests with scripts/test.sh'));
    const args = ['--batch', '--skip-column-names', '-h', mariadb.host, '-P', String(mariadb.port),
        '-u', mariadb.user, `-p${mariadb.password}`];
    if (database)
        args.push(database);
    args.push('-e', statement);
    return new Promise((resolve, reject) => {
        // Bounded, like every wait here: a statement stuck on a lock fails instead of hanging.
        execFile('mariadb', args, { maxBuffer: 64 * 1024 * 1024, timeout: 60000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
            if (error)
                reject(new Error(`mariadb: ${stderr || error.message}`));
            else
                resolve(stdout.trim() ? stdout.trim().split('\n').map((line) => line.split('\t')) : []);
        });
    });
}

//! A fresh database and the im-server settings that use it.
export async function scratchMariaDb(name) {
    await sql(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
    return {
        name,
        env: {
            DB_DRIVER: 'mariadb', DB_HOST: mariadb.host, DB_PORT: String(mariadb.port), DB_USER: mariadb.user,
            DB_PASS: mariadb.password, DB_NAME: name,
        },
        drop: () => sql(`DROP DATABASE IF EXISTS \`${name}\``).catch(() => {}),
    };
}
