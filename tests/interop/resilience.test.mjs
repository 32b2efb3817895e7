// Failures around the connection: the server process dies and comes back (the client reconnects
// by itself), and raw polling clients vanish in the middle of a long-poll while a real client
// keeps exchanging messages. Runs against both client versions.

import assert from 'node:assert/strict';
import { after, afterEach, describe, it } from 'node:test';
import {
    CLIENTS,
    ClientTracker,
    connected,
    httpRequest,
    nextEvent,
    openPollingSession,
    sleep,
    startEcho,
    waitFor,
    withTimeout,
} from './helpers.mjs';

const SERVER_ARGS = ['--ping-interval', '300', '--ping-timeout', '200', '--connect-timeout', '1000'];

const clients = new ClientTracker();
const servers = new Set();

async function start(options = {}) {
    const server = await startEcho({ args: SERVER_ARGS, ...options });
    servers.add(server);
    return server;
}

afterEach(async () => {
    clients.closeAll();
    for (const server of servers) {
        await server.stop('SIGKILL');
        server.dumpOutput();
    }
    servers.clear();
});

after(() => clients.closeAll());

function emitWithAck(socket, event, ...args) {
    return withTimeout(new Promise((resolve) => socket.emit(event, ...args, (...reply) => resolve(reply))),
        `ack of "${event}"`);
}

for (const client of CLIENTS) {
    describe(client.label, () => {
        for (const transports of [undefined, ['websocket'], ['polling']]) {
            const name = transports ? transports[0] : 'default transports';
            it(`reconnects by itself after the server is killed and restarted (${name})`, async () => {
                const first = await start();
                const port = first.port;
                const socket = clients.add(client.io(first.url, {
                    forceNew: true,
                    reconnectionDelay: 100,
                    reconnectionDelayMax: 300,
                    randomizationFactor: 0,
                    timeout: 2000,
                    auth: { token: 'abc' },
                    ...(transports ? { transports } : {}),
                }));
                const firstAuth = nextEvent(socket, 'auth');
                await connected(socket);
                assert.deepEqual(await firstAuth, [{ token: 'abc' }]);
                const firstId = socket.id;

                const disconnected = nextEvent(socket, 'disconnect', 3000);
                await first.stop('SIGKILL');
                servers.delete(first);
                const [reason] = await disconnected;
                assert.ok(['transport close', 'transport error', 'ping timeout'].includes(reason),
                    `unexpected disconnect reason ${reason}`);

                // Let a couple of reconnection attempts fail while the port is closed.
                let failedAttempts = 0;
                socket.io.on('reconnect_error', () => failedAttempts++);
                await waitFor(() => failedAttempts >= 2, 'two failed reconnection attempts', 5000);
                assert.equal(socket.connected, false);
                assert.equal(socket.active, true, 'the client keeps trying to reconnect');

                const secondAuth = nextEvent(socket, 'auth', 10000);
                const reconnected = nextEvent(socket, 'connect', 10000);
                await start({ port });
                await reconnected;
                assert.notEqual(socket.id, firstId, 'a new server gives a new socket id');
                assert.deepEqual(await secondAuth, [{ token: 'abc' }], 'auth is sent again');
                assert.deepEqual(await emitWithAck(socket, 'message-with-ack', 'back again'),
                    ['back again']);
            });
        }

        it('raw clients killed mid long-poll do not disturb a live client', async () => {
            const server = await start();
            const socket = clients.add(client.io(server.url, {
                forceNew: true,
                reconnection: false,
                timeout: 3000,
            }));
            await connected(socket);

            const exchange = async () => {
                for (let n = 0; n < 40; n++) {
                    assert.deepEqual(await emitWithAck(socket, 'message-with-ack', n, Buffer.from([n])),
                        [n, Buffer.from([n])]);
                    await sleep(10);
                }
            };

            const killedSids = [];
            const killLongPolls = async () => {
                for (let round = 0; round < 5; round++) {
                    const base = `${server.url}/socket.io/`;
                    const { sid } = await openPollingSession(base);
                    killedSids.push(sid);
                    // Connect to "/" like a real client would, so the session is fully set up.
                    const post = await httpRequest(`${base}?EIO=4&transport=polling&sid=${sid}`, {
                        method: 'POST',
                        body: '40',
                        headers: { 'content-type': 'text/plain;charset=UTF-8' },
                    });
                    assert.equal(post.status, 200);
                    const connectAnswer = await httpRequest(`${base}?EIO=4&transport=polling&sid=${sid}`);
                    assert.match(connectAnswer.body, /^40\{"sid":"[^"]+"/);
                    // The next GET has nothing to return: it hangs until we destroy it.
                    const longPoll = httpRequest(`${base}?EIO=4&transport=polling&sid=${sid}`);
                    longPoll.catch(() => {}); // destroyed on purpose
                    await sleep(50);
                    longPoll.request.destroy();
                    await sleep(20);
                }
            };

            await Promise.all([exchange(), killLongPolls()]);
            assert.ok(server.alive, `echo server died; output:\n${server.output()}`);

            // The server still opens new sessions, and the live client outlasts several heartbeats.
            await openPollingSession(`${server.url}/socket.io/`);
            let pings = 0;
            let disconnectReason = null;
            socket.io.engine.on('ping', () => pings++);
            socket.on('disconnect', (reason) => {
                disconnectReason = reason;
            });
            await waitFor(() => pings >= 3 || disconnectReason !== null, 'three heartbeats', 5000);
            assert.equal(disconnectReason, null);
            assert.ok(socket.connected);
            assert.deepEqual(await emitWithAck(socket, 'message-with-ack', 'still fine'), ['still fine']);

            // The abandoned sessions end by their ping timeout at the latest (the GETs below
            // answer no ping, so they keep nothing alive): poll each until it is gone.
            for (const sid of killedSids) {
                await waitFor(async () => {
                    const response = await httpRequest(
                        `${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { timeoutMs: 3000 })
                        .catch(() => null);
                    return response?.status === 400;
                }, `session ${sid} to be closed`, 5000);
            }
        });
    });
}

describe('Socket.IO connect timeout', () => {
    it('a session that never sends CONNECT is closed after connectTimeout', async () => {
        const server = await start(); // --connect-timeout 1000
        const base = `${server.url}/socket.io/`;
        const opened = Date.now();
        const { sid } = await openPollingSession(base);
        // Keep the heartbeat going so that only the connect timeout can end the session.
        let closedAfter = null;
        while (closedAfter === null && Date.now() - opened < 4000) {
            const response = await httpRequest(`${base}?EIO=4&transport=polling&sid=${sid}`);
            const packets = response.status === 200 ? response.body.split('\x1e') : [];
            if (response.status !== 200 || packets.includes('1'))
                closedAfter = Date.now() - opened;
            else if (packets.includes('2'))
                await httpRequest(`${base}?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body: '3' });
        }
        assert.notEqual(closedAfter, null, 'the session is still open after 4 s');
        assert.ok(closedAfter >= 900, `closed after ${closedAfter} ms, before connectTimeout`);
    });
});
