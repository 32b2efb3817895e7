// Issue #11 "Hardening", items 1-4, 17 and TRUSTED_PROXIES, over raw sockets against the real
// im-server binary: what one HTTP connection can cost the server is bounded (backpressure on
// pipelined answers, bodies refused before they are read, header/body/idle time limits, a header
// cap, connection caps, a full descriptor table survived), malformed requests get a clear 4xx/5xx,
// and X-Forwarded-For counts only from a trusted proxy.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';

import { httpRequest, rssBytes, startImServer, startServerProcess, waitFor, withTimeout } from './helpers.mjs';
import { registerUser } from './imclient.mjs';

const servers = [];
const sockets = [];

async function server(env = {}) {
    const started = await startImServer({ env });
    servers.push(started);
    return started;
}

after(async () => {
    for (const socket of sockets)
        socket.destroy();
    for (const each of servers)
        await each.stop();
});


function cpuSeconds(started) {
    const fields = readFileSync(`/proc/${started.process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime in clock ticks
}

//! A raw TCP connection that collects what the server sends: {socket, text(), closed}.
function rawConnection(started) {
    const socket = net.connect(started.port, '127.0.0.1');
    sockets.push(socket);
    let received = Buffer.alloc(0);
    socket.on('data', (chunk) => {
        received = Buffer.concat([received, chunk]);
    });
    socket.on('error', () => {});
    const closed = new Promise((resolve) => socket.on('close', resolve));
    const open = new Promise((resolve) => socket.on('connect', resolve));
    return { socket, open, closed, text: () => received.toString('latin1') };
}

//! Sends \a bytes on a new connection and resolves with the first answer's status and body.
async function answerTo(started, bytes, what, timeoutMs = 5000) {
    const connection = rawConnection(started);
    await connection.open;
    connection.socket.write(bytes);
    await waitFor(() => /\r\n\r\n/.test(connection.text()), `an answer to ${what}`, timeoutMs);
    const text = connection.text();
    const status = Number(text.slice(9, 12));
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    connection.socket.destroy();
    return { status, head: text.slice(0, text.indexOf('\r\n\r\n')), body };
}

async function healthAnswersWithin(started, timeoutMs) {
    const begun = Date.now();
    const response = await httpRequest(`${started.url}/api/v1/health`, { timeoutMs });
    assert.equal(response.status, 200);
    return Date.now() - begun;
}

describe('answers that are never read', () => {
    it('pipelined downloads stop being read at the unsent cap: memory stays flat, others are served', async () => {
        const started = await server();
        const baseline = rssBytes(started);
        const request = 'GET /api/docs/swagger-ui-bundle.js HTTP/1.1\r\nHost: x\r\n\r\n';
        const attackers = [];
        for (let i = 0; i < 2; ++i) {
            const connection = rawConnection(started);
            await connection.open;
            connection.socket.pause(); // never read
            connection.socket.write(request.repeat(1000));
            attackers.push(connection);
        }
        let peak = baseline;
        const end = Date.now() + 5000;
        while (Date.now() < end) {
            peak = Math.max(peak, rssBytes(started));
            assert.ok(await healthAnswersWithin(started, 3000) < 3000);
            await new Promise((resolve) => setTimeout(resolve, 250));
        }
        // Before: 2 x 1000 answers of 1.4 MB queued (3.5 GB in 20 s). Now: a few answers' chunks.
        assert.ok(peak - baseline < 120 * 1024 * 1024,
            `RSS grew by ${Math.round((peak - baseline) / 1048576)} MB`);
        for (const connection of attackers)
            connection.socket.destroy();
    });

    it('a large download is streamed whole, with HEAD and ranges', async () => {
        const started = await server();
        const whole = await httpRequest(`${started.url}/api/docs/swagger-ui-bundle.js`, { timeoutMs: 10000 });
        assert.equal(whole.status, 200);
        assert.ok(whole.raw.length > 500 * 1024, 'the bundle is large enough to be streamed');
        assert.equal(Number(whole.headers['content-length']), whole.raw.length);
        const range = await httpRequest(`${started.url}/api/docs/swagger-ui-bundle.js`,
            { headers: { Range: 'bytes=100000-299999' } });
        assert.equal(range.status, 206);
        assert.ok(range.raw.equals(whole.raw.subarray(100000, 300000)));
        const head = await httpRequest(`${started.url}/uploads/none`, { method: 'HEAD' });
        assert.equal(head.status, 404);
    });
});

describe('bodies refused before they are read', () => {
    let started;
    before(async () => {
        started = await server();
    });

    const upload = (path, headers = '') =>
        `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n`
        + `Content-Length: 524288000\r\n${headers}\r\n`;

    it('an upload without a session gets 401 on its headers alone', async () => {
        const answer = await answerTo(started, upload('/api/v1/electron/full'), 'an unauthenticated upload');
        assert.equal(answer.status, 401);
        assert.match(answer.head, /Connection: close/);
    });

    it('an upload without the permission gets 403, one to a path that does not exist 404', async () => {
        const user = await registerUser(started);
        const forbidden = await answerTo(started,
            upload('/api/v1/electron/full', `userid: ${user.id}\r\nauthorization: ${user.token}\r\n`),
            'an upload by a user');
        assert.equal(forbidden.status, 403);
        const missing = await answerTo(started, upload('/api/v1/electron/full/nonexistent'), 'a missing path');
        assert.equal(missing.status, 404);
    });

    it('a body announced over the limit gets 413 before it is sent', async () => {
        const answer = await answerTo(started,
            'POST /api/v1/users/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
            + 'Content-Length: 600000000\r\n\r\n', 'an oversized login');
        assert.equal(answer.status, 413);
    });
});

describe('time limits and caps', () => {
    let started;
    before(async () => {
        started = await server({
            HTTP_HEADER_TIMEOUT_SECONDS: '1', HTTP_BODY_TIMEOUT_SECONDS: '1',
            HTTP_IDLE_TIMEOUT_SECONDS: '2', HTTP_MAX_HEADER_BYTES: '8192',
            HTTP_MAX_CONNECTIONS_PER_ADDRESS: '120',
        });
    });

    it('a silent connection, and an idle keep-alive one, are closed', async () => {
        const silent = rawConnection(started);
        await silent.open;
        await withTimeout(silent.closed, 'the silent connection closed', 6000);
        assert.equal(silent.text(), '');

        const idle = rawConnection(started);
        await idle.open;
        idle.socket.write('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n');
        await withTimeout(idle.closed, 'the idle keep-alive connection closed', 6000);
        assert.match(idle.text(), /^HTTP\/1\.1 200/);
    });

    it('a head sent byte by byte, or stopped halfway, gets 408', async () => {
        const halfway = rawConnection(started);
        await halfway.open;
        halfway.socket.write('GET /api/v1/health HTTP/1.1\r\nHost:');
        await withTimeout(halfway.closed, 'the unfinished head closed', 6000);
        assert.match(halfway.text(), /^HTTP\/1\.1 408/);

        const slow = rawConnection(started);
        await slow.open;
        const drip = setInterval(() => slow.socket.write('X'), 200);
        slow.socket.write('GET /api/v1/health HTTP/1.1\r\nX-Slow: ');
        await withTimeout(slow.closed, 'the dripping head closed', 6000);
        clearInterval(drip);
        assert.match(slow.text(), /^HTTP\/1\.1 408/);
    });

    it('a body that stops arriving gets 408', async () => {
        const body = rawConnection(started);
        await body.open;
        body.socket.write('POST /api/v1/users/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'
            + 'Content-Length: 100\r\n\r\n{"account":');
        await withTimeout(body.closed, 'the stalled body closed', 6000);
        assert.match(body.text(), /^HTTP\/1\.1 408/);
    });

    it('100 connections with huge unfinished heads get 431 and cost nothing', async () => {
        const baseline = rssBytes(started);
        const connections = [];
        for (let i = 0; i < 100; ++i) {
            const connection = rawConnection(started);
            connections.push(connection);
            connection.open.then(() => connection.socket.write(`GET / HTTP/1.1\r\nX-Big: ${'a'.repeat(1024 * 1024)}`));
        }
        await withTimeout(Promise.all(connections.map((each) => each.closed)), 'every huge head refused', 20000);
        for (const connection of connections)
            assert.match(connection.text(), /^HTTP\/1\.1 431/);
        assert.ok(rssBytes(started) - baseline < 64 * 1024 * 1024);
        assert.ok(await healthAnswersWithin(started, 3000) < 3000);
    });

    it('connections over the per-address cap are closed at once', async () => {
        const capped = await server({ HTTP_MAX_CONNECTIONS_PER_ADDRESS: '4' });
        const held = [];
        for (let i = 0; i < 4; ++i) {
            const connection = rawConnection(capped);
            await connection.open;
            held.push(connection);
        }
        const refused = rawConnection(capped);
        await withTimeout(refused.closed, 'the fifth connection closed', 5000);
        assert.equal(refused.text(), '');
        // The four held ones still work.
        held[0].socket.write('GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n');
        await waitFor(() => /^HTTP\/1\.1 200/.test(held[0].text()), 'an answer on a held connection');
        for (const connection of held)
            connection.socket.destroy();
        // The log is written by its own thread: wait for the line rather than expect it now.
        await waitFor(() => /HTTP_MAX_CONNECTIONS_PER_ADDRESS 4 reached/.test(capped.output()),
            'the refusal in the log');
    });
});

describe('a descriptor limit below the connection cap', () => {
    it('caps connections below it, logs that once, costs no CPU, and serves again once they go', async () => {
        // 128 descriptors, 64 of them kept for the server's own use: at most 64 connections.
        const started = await startServerProcess('prlimit', ['--nofile=128:128', process.env.IM_SERVER_BINARY], {
            env: { ...process.env, DATA_DIR: mkdtempSync('/tmp/im-emfile-'), PORT: '0', LOG_FILE: 'false' },
        });
        servers.push(started);
        const flood = [];
        for (let i = 0; i < 120; ++i)
            flood.push(rawConnection(started));
        await withTimeout(Promise.all(flood.map((each) => each.open)), 'every connection made', 30000);
        await waitFor(() => flood.filter((each) => each.socket.destroyed).length >= 120 - 64,
            'the connections over the cap closed', 30000);
        const cpuBefore = cpuSeconds(started);
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const cpuUsed = cpuSeconds(started) - cpuBefore;
        assert.ok(cpuUsed < 0.5, `the server used ${cpuUsed} s of CPU in 2 s at its cap`);
        assert.equal(started.output().split('connection refused:').length - 1, 1, 'logged once per interval');
        assert.doesNotMatch(started.output(), /cannot accept connections/, 'the descriptors never ran out');
        for (const connection of flood)
            connection.socket.destroy();
        await waitFor(async () => {
            try {
                return (await httpRequest(`${started.url}/api/v1/health`, { timeoutMs: 1000 })).status === 200;
            } catch {
                return false;
            }
        }, 'the server answering again', 10000);
    });
});

describe('malformed requests', () => {
    let started;
    before(async () => {
        started = await server();
    });

    const cases = [
        ['a garbage request line', '\x16\x03\x01garbage\r\n\r\n', 400],
        ['an unknown method', 'BREW /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n', 405],
        ['HTTP/2.0 in a request line', 'GET /api/v1/health HTTP/2.0\r\n\r\n', 505],
        ['two Content-Length headers', 'POST /api/v1/users/login HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}', 400],
        ['a gzip transfer coding', 'POST /api/v1/users/login HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n', 501],
        ['a text/plain body on a JSON route', 'POST /api/v1/users/login HTTP/1.1\r\nContent-Type: text/plain\r\n'
            + 'Content-Length: 2\r\n\r\n{}', 415],
        ['an XML body announced large on a JSON route', 'POST /api/v1/users/login HTTP/1.1\r\n'
            + 'Content-Type: application/xml\r\nContent-Length: 500000\r\n\r\n', 415],
        ['a WebSocket upgrade without a key', 'GET /socket/v1/IM/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n'
            + 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n\r\n', 400],
    ];
    for (const [what, bytes, status] of cases) {
        it(`${what} gets ${status} with the envelope`, async () => {
            const answer = await answerTo(started, bytes, what);
            assert.equal(answer.status, status, answer.head);
            assert.equal(JSON.parse(answer.body).statusCode, status);
        });
    }

    it('the unknown method is named, with what is allowed', async () => {
        const answer = await answerTo(started, 'BREW /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n', 'BREW');
        assert.match(JSON.parse(answer.body).message, /BREW/);
        assert.match(answer.head, /Allow: GET/);
    });

    it('an unmasked WebSocket frame from the client ends the connection', async () => {
        const connection = rawConnection(started);
        await connection.open;
        connection.socket.write('GET /socket/v1/IM/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\n'
            + 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n'
            + 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
        await waitFor(() => connection.text().includes('101 Switching Protocols'), 'the upgrade');
        connection.socket.write(Buffer.from([0x81, 0x01, 0x32])); // text "2", no mask
        await withTimeout(connection.closed, 'the connection closed', 5000);
    });

    it('no line of Qt\'s own (QIODevice warnings) was printed', () => {
        assert.doesNotMatch(started.output(), /QIODevice/);
    });
});

describe('TRUSTED_PROXIES', () => {
    const oversized = (forwardedFor) => 'POST /api/v1/users/login HTTP/1.1\r\nHost: x\r\n'
        + `X-Forwarded-For: ${forwardedFor}\r\nContent-Length: 600000000\r\n\r\n`;

    it('X-Forwarded-For names the client only when the peer is a trusted proxy', async () => {
        const direct = await server();
        await answerTo(direct, oversized('203.0.113.5'), 'a direct request');
        await waitFor(() => /announced by "127\.0\.0\.1"/.test(direct.output()), 'the peer in the log');
        assert.doesNotMatch(direct.output(), /203\.0\.113\.5/);

        const proxied = await server({ TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' });
        await answerTo(proxied, oversized('198.51.100.1, 203.0.113.5, 10.1.1.1'), 'a proxied request');
        await waitFor(() => /announced by "203\.0\.113\.5"/.test(proxied.output()), 'the client in the log');
    });
});
