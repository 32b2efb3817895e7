// Issue #11 items 5, 6 and 16 against the real im-server binary: Engine.IO sessions nobody has
// authenticated are capped and short-lived, slow consumers are closed without losing messages
// and the memory comes back, sockets are capped per user and per address, and a WebSocket
// upgrade must belong to its session and complete the probe. Clients come from several loopback
// addresses (127.0.0.x) so that per-address limits can be told apart.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import WebSocket from 'ws';

import { CLIENTS, httpRequest, MessageQueue, rssBytes, startImServer, waitFor, withTimeout } from './helpers.mjs';
import { ChatDevice, registerUser, SOCKET_PATH } from './imclient.mjs';

//! An HTTP request to \a server from the loopback address \a from: {status, body}.
function requestFrom(server, from, path, { method = 'GET', headers = {}, body } = {}) {
    return httpRequest(`${server.url}${path}`, { method, headers, body, timeoutMs: 10000, localAddress: from });
}

const sessionHeaders = (user) => ({ userid: String(user.id), authorization: user.token });
const pollingPath = (sid) => `${SOCKET_PATH}?EIO=4&transport=polling${sid ? `&sid=${sid}` : ''}`;

//! A raw polling handshake from \a from: {status, body}.
const handshakeFrom = (server, from, headers = {}) => requestFrom(server, from, pollingPath(), { headers });

//! Opens a WebSocket at the Socket.IO path from \a from; resolves with its MessageQueue once
//! open, or with null when the server refused the upgrade (HTTP answer, error or close).
function openWebSocket(server, query, { from = '127.0.0.1', headers = {} } = {}) {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${SOCKET_PATH}?${query}`, { localAddress: from, headers });
    const queue = new MessageQueue(ws);
    return withTimeout(new Promise((resolve) => {
        ws.once('open', () => resolve(queue));
        ws.once('unexpected-response', (request) => {
            request.destroy();
            resolve(null);
        });
        ws.once('error', () => resolve(null));
        ws.once('close', () => resolve(null));
    }), 'the WebSocket handshake', 10000);
}

//! The HTTP status a WebSocket handshake at the Socket.IO path gets: 101 when it opens, else the
//! refusal's (429, 403...), 0 when the connection just ends.
function upgradeStatus(server, query, { from = '127.0.0.1', headers = {} } = {}) {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}${SOCKET_PATH}?${query}`, { localAddress: from, headers });
    return withTimeout(new Promise((resolve) => {
        ws.once('open', () => {
            ws.terminate();
            resolve(101);
        });
        ws.once('unexpected-response', (request, response) => {
            request.destroy();
            resolve(response.statusCode);
        });
        ws.once('error', () => resolve(0));
    }), 'the WebSocket handshake', 10000);
}

//! Whether an upgrade of \a sid gets its probe answered: false when the server refuses the
//! WebSocket or closes it instead of answering `2probe`.
async function probeAnswered(server, sid, options) {
    const queue = await openWebSocket(server, `EIO=4&transport=websocket&sid=${sid}`, options);
    if (!queue)
        return false;
    queue.ws.send('2probe');
    try {
        const reply = await queue.next(5000);
        return reply.text === '3probe';
    } catch {
        return false; // closed without an answer
    } finally {
        queue.ws.terminate();
    }
}

//! A polling session of \a user from 127.0.0.1 connected to namespace "/" by hand: its sid.
async function chatPollingSession(server, user) {
    const headers = sessionHeaders(user);
    const open = await requestFrom(server, '127.0.0.1', pollingPath(), { headers });
    assert.equal(open.status, 200, open.body);
    const { sid } = JSON.parse(open.body.slice(1));
    const posted = await requestFrom(server, '127.0.0.1', pollingPath(sid), { method: 'POST', headers, body: '40' });
    assert.equal(posted.status, 200);
    const answer = await requestFrom(server, '127.0.0.1', pollingPath(sid), { headers });
    assert.match(answer.body, /(^|\x1e)40\{"sid"/, `CONNECT accepted: ${answer.body}`);
    return sid;
}

//! A Socket.IO socket of \a user over a raw WebSocket from \a from, connected to "/": resolves
//! with {queue, error} where error is the CONNECT_ERROR message if the CONNECT was refused.
async function rawChatSocket(server, user, { from, deviceId }) {
    const queue = await openWebSocket(server, 'EIO=4&transport=websocket',
        { from, headers: { ...sessionHeaders(user), deviceid: deviceId } });
    assert.ok(queue, 'the WebSocket handshake is accepted');
    assert.match((await queue.next(5000)).text, /^0\{/);
    queue.ws.send('40');
    const reply = (await queue.next(10000)).text;
    if (reply.startsWith('44'))
        return { queue, error: JSON.parse(reply.slice(2)).message };
    assert.match(reply, /^40\{"sid"/);
    return { queue, error: null };
}

//! Stops \a server, first printing what it logged when it died on its own (or IM_TEST_DUMP is set).
async function stopServer(server) {
    if (!server)
        return;
    if (!server.alive || process.env.IM_TEST_DUMP)
        server.dumpOutput(400);
    await server.stop();
}

const countLines = (server, pattern) => server.output().split('\n').filter((line) => pattern.test(line)).length;

describe('Engine.IO sessions without a namespace', () => {
    let server;
    const devices = [];

    before(async () => {
        server = await startImServer({
            env: { ENGINE_MAX_UNJOINED_PER_ADDRESS: '4', ENGINE_MAX_UNJOINED: '6', ENGINE_CONNECT_TIMEOUT_MS: '4000' },
        });
    });

    after(async () => {
        for (const device of devices)
            device.close();
        await stopServer(server);
    });

    it('are capped per address (429) and in total (503), WebSocket handshakes included, and expire after the connect timeout', async () => {
        // Joined sessions do not count: more of them than the per-address cap, from one address.
        const alice = await registerUser(server);
        for (let i = 0; i < 6; ++i) {
            const device = new ChatDevice(server, alice, { deviceId: `joined-${i}` });
            devices.push(device);
            await device.connect();
        }

        for (let i = 0; i < 4; ++i)
            assert.equal((await handshakeFrom(server, '127.0.0.1')).status, 200, `handshake ${i + 1} of 4`);
        const perAddress = await handshakeFrom(server, '127.0.0.1');
        assert.equal(perAddress.status, 429, `the fifth unjoined session from one address: ${perAddress.body}`);
        const refusal = JSON.parse(perAddress.body);
        assert.equal(refusal.code, 4);
        assert.equal(typeof refusal.message, 'string');
        assert.equal(await upgradeStatus(server, 'EIO=4&transport=websocket'), 429,
            'a WebSocket handshake over the cap is answered like a polling one');

        for (let i = 0; i < 2; ++i)
            assert.equal((await handshakeFrom(server, '127.0.0.2')).status, 200);
        const total = await handshakeFrom(server, '127.0.0.3');
        assert.equal(total.status, 503, `the seventh unjoined session in total: ${total.body}`);
        assert.equal(await upgradeStatus(server, 'EIO=4&transport=websocket', { from: '127.0.0.3' }), 503);
        assert.equal(JSON.parse(total.body).code, 4);
        // The log is written by its own thread: wait for the line, then count.
        const refusalLines = () => countLines(server, /refusing Engine\.IO handshakes/);
        await waitFor(() => refusalLines() > 0, 'the refusal to be logged');
        assert.equal(refusalLines(), 1, 'three refusals are logged in one line (at most one a minute)');

        // Unjoined sessions are closed after ENGINE_CONNECT_TIMEOUT_MS, which frees the caps.
        await waitFor(async () => (await handshakeFrom(server, '127.0.0.1')).status === 200,
            'a handshake from 127.0.0.1 to be admitted again', 15000);
        // Joined sessions were not touched by the timeout.
        assert.ok(devices.every((device) => device.socket.connected), 'joined sockets stay connected');
    });
});

describe('WebSocket-first sessions behind a trusted proxy', () => {
    let server;
    const sockets = [];

    before(async () => {
        server = await startImServer({ env: { TRUSTED_PROXIES: '127.0.0.1', ENGINE_MAX_UNJOINED_PER_ADDRESS: '2' } });
    });

    after(async () => {
        for (const queue of sockets)
            queue.ws.terminate();
        await stopServer(server);
    });

    it('count against the client the proxy names, not the proxy', async () => {
        const behind = (client) => ({ headers: { 'X-Forwarded-For': client } });
        for (let i = 0; i < 2; ++i) {
            const queue = await openWebSocket(server, 'EIO=4&transport=websocket', behind('10.0.0.1'));
            assert.ok(queue, `WebSocket-first session ${i + 1} of 10.0.0.1`);
            sockets.push(queue);
        }
        assert.equal(await upgradeStatus(server, 'EIO=4&transport=websocket', behind('10.0.0.1')), 429,
            'the third unjoined session of 10.0.0.1');
        assert.equal(await upgradeStatus(server, 'EIO=4&transport=websocket', behind('10.0.0.2')), 101,
            'another client behind the same proxy');
    });
});

describe('WebSocket upgrade of an existing session', () => {
    let server;
    let alice;
    let bob;
    const devices = [];

    before(async () => {
        server = await startImServer({ env: { CHAT_REQUIRE_FRIENDSHIP: 'false' } });
        alice = await registerUser(server);
        bob = await registerUser(server);
    });

    after(async () => {
        for (const device of devices)
            device.close();
        await stopServer(server);
    });

    it('from another address without the session\'s headers is refused; the session stays on polling', async () => {
        const sid = await chatPollingSession(server, alice);
        assert.equal(await probeAnswered(server, sid, { from: '127.0.0.2' }), false);
        assert.equal(await upgradeStatus(server, `EIO=4&transport=websocket&sid=${sid}`, { from: '127.0.0.2' }), 403,
            'a stranger\'s upgrade is refused with 403');
        assert.equal(await upgradeStatus(server, 'EIO=4&transport=websocket&sid=unknown'), 400,
            'an upgrade of an unknown session is refused with 400');
        const pong = await requestFrom(server, '127.0.0.1', pollingPath(sid), { method: 'POST', body: '3' });
        assert.equal(pong.status, 200, 'the session still polls');
    });

    it('carrying another user\'s session headers is refused, even from the same address', async () => {
        const sid = await chatPollingSession(server, alice);
        assert.equal(await probeAnswered(server, sid, { headers: sessionHeaders(bob) }), false);
    });

    it('does not switch transports without the probe', async () => {
        const sid = await chatPollingSession(server, alice);
        const queue = await openWebSocket(server, `EIO=4&transport=websocket&sid=${sid}`);
        assert.ok(queue, 'an upgrade from the session\'s own address is accepted');
        queue.ws.send('5');
        await queue.whenClosed(5000);
        const pong = await requestFrom(server, '127.0.0.1', pollingPath(sid), { method: 'POST', body: '3' });
        assert.equal(pong.status, 200, 'the session is still on polling');
    });

    it('from the session\'s address without headers (a browser) upgrades after the probe', async () => {
        const sid = await chatPollingSession(server, alice);
        const queue = await openWebSocket(server, `EIO=4&transport=websocket&sid=${sid}`);
        assert.ok(queue);
        queue.ws.send('2probe');
        assert.deepEqual(await queue.next(5000), { text: '3probe' });
        queue.ws.send('5');
        // An event with an ack: the answer comes back over the WebSocket now.
        queue.ws.send('420["on-message","not protobuf"]');
        const reply = await queue.next(5000);
        assert.match(reply.text, /^4[36]/, `an ack over the WebSocket: ${reply.text}`);
        queue.ws.terminate();
    });

    for (const client of CLIENTS) {
        it(`${client.label} (polling, then the upgrade with its headers) ends on WebSocket and chats`, async () => {
            const device = new ChatDevice(server, alice, { client, deviceId: `upgrade-${devices.length}` });
            devices.push(device);
            await device.connect();
            await waitFor(() => device.socket.io.engine.transport.name === 'websocket', 'the upgrade', 10000);
            const ack = await device.send({ receiver: bob.id, content: 'over the upgraded WebSocket' });
            assert.equal(ack.statusCode, 200);
        });
    }
});

describe('slow consumers and socket caps', () => {
    let server;
    const devices = [];
    const rawSockets = [];

    before(async () => {
        server = await startImServer({
            env: {
                CHAT_REQUIRE_FRIENDSHIP: 'false', EVENT_RATE_PER_SOCKET: '0', EVENT_RATE_PER_USER: '0',
                MESSAGE_MAX_CONTENT: '40000', SOCKET_BUFFER_CAP_BYTES: '65536', SOCKET_SLOW_CLOSE_MS: '1500',
                // The kernel's buffers of a loopback connection absorb a few MB before the server
                // buffers anything: a large window and quick retries get past them sooner.
                DELIVERY_WINDOW: '100', SOCKET_ACK_TIMEOUT_MS: '1500',
                SOCKET_MAX_PER_USER: '10', SOCKET_MAX_PER_ADDRESS: '30',
            },
        });
    });

    after(async () => {
        for (const device of devices)
            device.close();
        for (const queue of rawSockets)
            queue.ws.terminate();
        await stopServer(server);
    });

    it('a user has at most SOCKET_MAX_PER_USER sockets', async () => {
        const user = await registerUser(server);
        for (let i = 0; i < 10; ++i) {
            const device = new ChatDevice(server, user, { deviceId: `cap-${i}` });
            devices.push(device);
            await device.connect();
        }
        const eleventh = new ChatDevice(server, user, { deviceId: 'cap-10' });
        devices.push(eleventh);
        await assert.rejects(eleventh.connect(), /Too many connections/);
    });

    //! 10 raw sockets for each of \a users from \a from.
    async function rawSocketsOf(users, from) {
        const opened = [];
        for (const user of users) {
            for (let i = 0; i < 10; ++i) {
                const { queue, error } = await rawChatSocket(server, user, { from, deviceId: `raw-${i}` });
                assert.equal(error, null);
                rawSockets.push(queue);
                opened.push(queue);
            }
        }
        return opened;
    }

    it('sockets that never read are closed, nothing is lost, and the memory comes back', async () => {
        const slowUsers = [await registerUser(server), await registerUser(server), await registerUser(server)];
        // 30 sockets that stop reading at once.
        const slowSockets = await rawSocketsOf(slowUsers, '127.0.0.2');
        for (const queue of slowSockets)
            queue.ws._socket.pause();

        const baseline = rssBytes(server);
        const sender = new ChatDevice(server, await registerUser(server), { transports: ['websocket'] });
        devices.push(sender);
        await sender.connect();
        const perUser = 80;
        const content = 'x'.repeat(30000);
        const sends = [];
        for (const user of slowUsers) {
            for (let i = 0; i < perUser; ++i)
                sends.push(sender.send({ receiver: user.id, content: `${i} ${content}` }, 60000));
        }
        const acks = await withTimeout(Promise.all(sends), 'the sender\'s acks', 60000);
        assert.ok(acks.every((ack) => ack.statusCode === 200), 'every message is stored');
        let peak = rssBytes(server);

        // Every slow socket stays over its 64 KiB cap and is closed 1.5 s later.
        await waitFor(() => {
            peak = Math.max(peak, rssBytes(server));
            return countLines(server, /closed as a slow consumer/) >= 30;
        }, 'the 30 slow sockets to be closed', 30000);

        // Their messages wait in the database: a device that comes back gets all of them.
        const back = new ChatDevice(server, slowUsers[0], { deviceId: 'raw-0' });
        devices.push(back);
        await back.connect();
        await back.until((device) => device.received.size === perUser, `${perUser} messages after reconnecting`, 20000);

        // The buffers are gone and the allocator gave the memory back: RSS ends within 32 MiB of
        // where it started, or, when the load raised it by more (AddressSanitizer keeps what was
        // freed in quarantine until the server purges it), at least half of that came back.
        const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB`;
        let now = rssBytes(server);
        const returned = () => now - baseline < Math.max(32 * 1048576, (peak - baseline) / 2);
        try {
            await waitFor(() => {
                now = rssBytes(server);
                return returned();
            }, 'RSS to come back down', 10000);
        } finally {
            process.stderr.write(`RSS: baseline ${mib(baseline)}, peak ${mib(peak)}, after ${mib(now)}\n`);
        }
    });

    it('sockets from one address are capped at SOCKET_MAX_PER_ADDRESS', async () => {
        const users = [await registerUser(server), await registerUser(server), await registerUser(server)];
        await rawSocketsOf(users, '127.0.0.3');
        const extra = await rawChatSocket(server, await registerUser(server), { from: '127.0.0.3', deviceId: 'raw-x' });
        rawSockets.push(extra.queue);
        assert.match(String(extra.error), /Too many connections from this address/);
        // Another address is not affected.
        const other = await rawChatSocket(server, await registerUser(server), { from: '127.0.0.4', deviceId: 'raw-y' });
        rawSockets.push(other.queue);
        assert.equal(other.error, null);
    });
});
