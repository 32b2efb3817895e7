// Raw Engine.IO v4 checks against the echo server in --engine-only mode, with plain HTTP and the
// `ws` package: the handshake, the errors a server must answer with 400, message framing on both
// transports, duplicate polls and closing, the probe upgrade, the server-sent heartbeat, CORS.
// (After socketio/engine.io-protocol's test-suite.js, adapted to node:test.)

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { httpRequest, MessageQueue, openPollingSession, sleep, startEcho } from './helpers.mjs';

const PING_INTERVAL = 300;
const PING_TIMEOUT = 200;
const RS = '\x1e'; // record separator between the packets of one polling payload

let server;
let base; // http://127.0.0.1:<port>/engine.io/
let wsBase; // ws://127.0.0.1:<port>/engine.io/
const sockets = new Set();

before(async () => {
    server = await startEcho({
        args: [
            '--engine-only',
            '--ping-interval', String(PING_INTERVAL),
            '--ping-timeout', String(PING_TIMEOUT),
            '--max-payload', '1000000',
        ],
    });
    base = `${server.url}/engine.io/`;
    wsBase = base.replace(/^http/, 'ws');
});

afterEach(() => {
    for (const ws of sockets)
        ws.terminate();
    sockets.clear();
});

after(async () => {
    if (server) {
        const { code } = await server.stop('SIGTERM');
        server.dumpOutput();
        assert.equal(code, 0, `echo server should exit 0 on SIGTERM; output:\n${server.output()}`);
    }
});

const pollUrl = (sid) => `${base}?EIO=4&transport=polling&sid=${encodeURIComponent(sid)}`;
const get = (sid, options) => httpRequest(pollUrl(sid), options);
const post = (sid, body, options = {}) => httpRequest(pollUrl(sid), {
    method: 'POST',
    body,
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    ...options,
});

//! Long-polls \a sid until \a count packets other than pings arrived (pings are answered).
async function readPackets(sid, count, timeoutMs = 3000) {
    const packets = [];
    const deadline = Date.now() + timeoutMs;
    while (packets.length < count) {
        const response = await get(sid, { timeoutMs: Math.max(deadline - Date.now(), 1) });
        assert.equal(response.status, 200, `GET: ${response.body}`);
        for (const packet of response.body.split(RS)) {
            if (packet === '2')
                assert.equal((await post(sid, '3')).status, 200);
            else
                packets.push(packet);
        }
    }
    return packets;
}

//! Opens a WebSocket to \a query and resolves with its message queue once open.
function openWebSocket(query) {
    const ws = new WebSocket(`${wsBase}?${query}`);
    sockets.add(ws);
    const queue = new MessageQueue(ws);
    return new Promise((resolve, reject) => {
        ws.once('open', () => resolve(queue));
        ws.once('error', reject);
        ws.once('unexpected-response', (request, response) =>
            reject(new Error(`WebSocket refused with HTTP ${response.statusCode}`)));
    });
}

//! Next WebSocket message that is not a ping (pings are answered).
async function nextNonPing(queue, timeoutMs = 3000) {
    for (;;) {
        const message = await queue.next(timeoutMs);
        if (message.text === '2')
            queue.ws.send('3');
        else
            return message;
    }
}

function parseOpenPacket(text) {
    assert.equal(text[0], '0', `expected an open packet, got ${text}`);
    return JSON.parse(text.slice(1));
}

describe('handshake', () => {
    it('polling handshake answers an open packet with sid, upgrades, pingInterval, pingTimeout, maxPayload', async () => {
        const response = await httpRequest(`${base}?EIO=4&transport=polling`);
        assert.equal(response.status, 200);
        assert.match(response.headers['content-type'], /^text\/plain/);
        const open = parseOpenPacket(response.body);
        assert.equal(typeof open.sid, 'string');
        assert.ok(open.sid.length > 0);
        assert.deepEqual(open.upgrades, ['websocket']);
        assert.equal(open.pingInterval, PING_INTERVAL);
        assert.equal(open.pingTimeout, PING_TIMEOUT);
        assert.equal(open.maxPayload, 1000000);
    });

    it('each handshake gets a new sid', async () => {
        const a = await openPollingSession(base);
        const b = await openPollingSession(base);
        assert.notEqual(a.sid, b.sid);
    });

    it('WebSocket handshake answers an open packet with no upgrades', async () => {
        const queue = await openWebSocket('EIO=4&transport=websocket');
        const open = parseOpenPacket((await queue.next()).text);
        assert.equal(typeof open.sid, 'string');
        assert.deepEqual(open.upgrades, []);
        assert.equal(open.pingInterval, PING_INTERVAL);
        assert.equal(open.pingTimeout, PING_TIMEOUT);
        assert.equal(open.maxPayload, 1000000);
    });

    const badQueries = [
        ['missing EIO', 'transport=polling'],
        ['EIO=3 (v2/v3 clients)', 'EIO=3&transport=polling'],
        ['EIO=5', 'EIO=5&transport=polling'],
        ['EIO=abc', 'EIO=abc&transport=polling'],
        ['missing transport', 'EIO=4'],
        ['unknown transport', 'EIO=4&transport=carrier-pigeon'],
        ['unknown sid (GET)', 'EIO=4&transport=polling&sid=does-not-exist'],
    ];
    for (const [what, query] of badQueries) {
        it(`400 for ${what}`, async () => {
            const response = await httpRequest(`${base}?${query}`);
            assert.equal(response.status, 400, response.body);
        });
    }

    it('400 for a POST to an unknown sid', async () => {
        const response = await post('does-not-exist', '4hello');
        assert.equal(response.status, 400, response.body);
    });

    it('400 for an invalid request method (PUT)', async () => {
        const response = await httpRequest(`${base}?EIO=4&transport=polling`, { method: 'PUT' });
        assert.equal(response.status, 400, response.body);
    });

    for (const [what, query] of [
        ['EIO=3', 'EIO=3&transport=websocket'],
        ['an unknown sid', 'EIO=4&transport=websocket&sid=does-not-exist'],
    ]) {
        it(`WebSocket with ${what} is refused (no open packet)`, async () => {
            let queue;
            try {
                queue = await openWebSocket(query);
            } catch {
                return; // refused at the HTTP upgrade: fine
            }
            // Wait for the close (the server must end it); whatever came before it is queued.
            await queue.whenClosed(3000);
            const open = queue.messages.find((message) => message.text?.[0] === '0');
            assert.ok(!open, `got an open packet: ${open?.text}`);
        });
    }
});

describe('messages', () => {
    it('polling: a text message is echoed; POST is answered 200 "ok"', async () => {
        const { sid } = await openPollingSession(base);
        const response = await post(sid, '4hello');
        assert.equal(response.status, 200);
        assert.equal(response.body, 'ok');
        assert.deepEqual(await readPackets(sid, 1), ['4hello']);
    });

    it('polling: several packets in one payload are echoed in order', async () => {
        const { sid } = await openPollingSession(base);
        assert.equal((await post(sid, ['4one', '4two', '4thrée ✓'].join(RS))).status, 200);
        assert.deepEqual(await readPackets(sid, 3), ['4one', '4two', '4thrée ✓']);
    });

    it('polling: binary "b" records are echoed as base64 records', async () => {
        const { sid } = await openPollingSession(base);
        const data = Buffer.from([0, 1, 2, 3, 255]).toString('base64');
        assert.equal((await post(sid, `b${data}${RS}4text`)).status, 200);
        assert.deepEqual(await readPackets(sid, 2), [`b${data}`, '4text']);
    });

    it('polling: an empty message is echoed', async () => {
        const { sid } = await openPollingSession(base);
        assert.equal((await post(sid, '4')).status, 200);
        assert.deepEqual(await readPackets(sid, 1), ['4']);
    });

    it('polling: an invalid packet closes the session', async () => {
        const { sid } = await openPollingSession(base);
        // The protocol suite wants 400 for the POST itself; the reference server answers 200 and
        // closes; an aborted connection is tolerated too. What matters: the session is gone.
        const response = await post(sid, 'abc').catch(() => null);
        assert.ok(!response || [200, 400].includes(response.status), `status ${response?.status}`);
        assert.equal((await get(sid)).status, 400);
    });

    it('WebSocket: text is echoed as text, binary as binary', async () => {
        const queue = await openWebSocket('EIO=4&transport=websocket');
        parseOpenPacket((await queue.next()).text);
        queue.ws.send('4hello ✓');
        assert.deepEqual(await nextNonPing(queue), { text: '4hello ✓' });
        const data = Buffer.from([0, 1, 2, 3, 255]);
        queue.ws.send(data);
        const echoed = await nextNonPing(queue);
        assert.ok(echoed.binary, 'binary comes back as a binary frame');
        assert.deepEqual(echoed.binary, data);
    });

    it('WebSocket: a large binary message (500 KB) is echoed', async () => {
        const queue = await openWebSocket('EIO=4&transport=websocket');
        await queue.next();
        const data = Buffer.alloc(500 * 1000, 0x5a);
        queue.ws.send(data);
        const echoed = await nextNonPing(queue);
        assert.ok(echoed.binary?.equals(data));
    });
});

describe('session life cycle', () => {
    it('a second concurrent GET is refused with 400 and closes the session', async () => {
        const { sid } = await openPollingSession(base);
        // Two GETs on two connections: whichever the server sees second is the concurrent one
        // (no sleep can promise which that is).
        const responses = await Promise.all([get(sid), get(sid)]);
        const refused = responses.filter((response) => response.status === 400);
        const held = responses.filter((response) => response.status === 200);
        assert.equal(refused.length, 1, `one GET refused: ${responses.map((r) => `${r.status} ${r.body}`)}`);
        assert.equal(held.length, 1);
        // As the official engine.io-protocol suite checks: the held GET ends with a close packet.
        assert.equal(held[0].body, '1', `the pending GET ends with a close, got ${held[0].body}`);
        assert.equal((await get(sid)).status, 400, 'the session is closed');
    });

    it('POST "1" closes the session: the pending GET returns, later requests get 400', async () => {
        const { sid } = await openPollingSession(base);
        const pending = get(sid);
        await sleep(50);
        const close = await post(sid, '1');
        assert.equal(close.status, 200);
        const pendingResponse = await pending;
        if (pendingResponse.status === 200) {
            assert.ok(['1', '6'].includes(pendingResponse.body),
                `the pending GET ends with a noop or a close, got ${pendingResponse.body}`);
        }
        assert.equal((await get(sid)).status, 400);
    });

    it('WebSocket: "1" from the client closes the connection', async () => {
        const queue = await openWebSocket('EIO=4&transport=websocket');
        await queue.next();
        queue.ws.send('1');
        await queue.whenClosed(2000);
    });
});

describe('upgrade', () => {
    //! Opens a polling session with a pending GET and probes a WebSocket, as engine.io-client does;
    //! resolves once `3probe` arrived.
    async function startProbe() {
        const { sid } = await openPollingSession(base);
        const pending = get(sid);
        await sleep(50);
        const queue = await openWebSocket(`EIO=4&transport=websocket&sid=${sid}`);
        queue.ws.send('2probe');
        assert.deepEqual(await queue.next(2000), { text: '3probe' });
        return { sid, pending, queue, probedAt: Date.now() };
    }

    it('probe upgrade: 2probe -> 3probe, the pending GET gets 6 at once, then 5 moves the session to WebSocket', async () => {
        const { sid, pending, queue, probedAt } = await startProbe();

        // The client pauses polling: it waits for the pending GET, which the server must answer
        // with a noop right away (a ping may come first when the timing is unlucky).
        let response = await pending;
        for (let i = 0; i < 3 && response.status === 200 && !response.body.split(RS).includes('6'); i++)
            response = await get(sid);
        assert.equal(response.status, 200);
        assert.ok(response.body.split(RS).includes('6'), `expected a noop, got ${response.body}`);
        const noopDelay = Date.now() - probedAt;
        assert.ok(noopDelay < 250, `the noop came ${noopDelay} ms after the probe; the client `
            + 'sends nothing (pongs included) until it has it');
        // engine.io-client drops whatever the probing WebSocket receives besides 3probe.
        assert.deepEqual(queue.messages, [], 'nothing but 3probe on the WebSocket before 5');

        queue.ws.send('5');
        queue.ws.send('4after upgrade');
        assert.deepEqual(await nextNonPing(queue), { text: '4after upgrade' });

        // Polling is over for this sid.
        assert.equal((await get(sid)).status, 400);
        assert.equal((await post(sid, '4x')).status, 400);

        // The session keeps its heartbeat on the WebSocket: two pings, each within one heartbeat.
        for (let pings = 0; pings < 2;) {
            const message = await queue.next(PING_INTERVAL + PING_TIMEOUT + 200);
            if (message.text === '2') {
                pings++;
                queue.ws.send('3');
            }
        }
        assert.equal(queue.closed, null);
    });

    it('a GET that arrives after the probe is answered with a noop at once', async () => {
        // engine.io-client may start its next poll just before the probe answer arrives.
        const { sid } = await openPollingSession(base);
        const queue = await openWebSocket(`EIO=4&transport=websocket&sid=${sid}`);
        queue.ws.send('2probe');
        assert.deepEqual(await queue.next(2000), { text: '3probe' });
        const started = Date.now();
        const response = await get(sid);
        assert.equal(response.status, 200);
        assert.ok(response.body.split(RS).includes('6'), `expected a noop, got ${response.body}`);
        assert.ok(Date.now() - started < 250, `the noop came after ${Date.now() - started} ms`);
        queue.ws.send('5');
        queue.ws.send('4upgraded');
        assert.deepEqual(await nextNonPing(queue), { text: '4upgraded' });
    });

    it('a message posted while the probe is under way is echoed on one transport or the other', async () => {
        const { sid, pending, queue } = await startProbe();
        // A POST the client had in flight when it started to pause.
        assert.equal((await post(sid, '4in between')).status, 200);
        const response = await pending;
        const polled = response.status === 200 ? response.body.split(RS) : [];
        queue.ws.send('5');
        if (!polled.includes('4in between'))
            assert.deepEqual(await nextNonPing(queue), { text: '4in between' });
        queue.ws.send('4next');
        assert.deepEqual(await nextNonPing(queue), { text: '4next' });
    });

    it('a second WebSocket for an upgraded sid is refused', async () => {
        const { sid } = await openPollingSession(base);
        const first = await openWebSocket(`EIO=4&transport=websocket&sid=${sid}`);
        first.ws.send('2probe');
        assert.deepEqual(await first.next(2000), { text: '3probe' });
        first.ws.send('5');
        // An echo after the 5 shows that the server has handled the upgrade.
        first.ws.send('4upgraded');
        assert.deepEqual(await nextNonPing(first), { text: '4upgraded' });

        let second;
        try {
            second = await openWebSocket(`EIO=4&transport=websocket&sid=${sid}`);
        } catch {
            second = null; // refused at the HTTP upgrade: fine
        }
        if (second) {
            // Accepted at the HTTP level, it must be closed without answering its probe.
            second.ws.send('2probe');
            await second.whenClosed(3000);
            assert.ok(!second.messages.some((message) => message.text === '3probe'),
                'the second probe must not be answered');
        }
        // The first WebSocket still works.
        first.ws.send('4still mine');
        assert.deepEqual(await nextNonPing(first), { text: '4still mine' });
    });
});

describe('heartbeat', () => {
    it('polling: the server pings every pingInterval and accepts pongs', async () => {
        const { sid } = await openPollingSession(base);
        for (let i = 0; i < 3; i++) {
            const started = Date.now();
            const response = await get(sid, { timeoutMs: PING_INTERVAL + 1000 });
            assert.equal(response.status, 200);
            assert.equal(response.body, '2');
            assert.ok(Date.now() - started < PING_INTERVAL + 500);
            const pong = await post(sid, '3');
            assert.equal(pong.status, 200);
        }
    });

    it('polling: without pong the session is closed after pingInterval + pingTimeout', async () => {
        const opened = Date.now();
        const { sid } = await openPollingSession(base);
        // Poll without ever answering a ping (a GET is no pong) until the session is gone.
        let closedAfter = null;
        while (closedAfter === null && Date.now() - opened < 5000) {
            // A held GET may also end without an answer when the session closes under it.
            const response = await get(sid, { timeoutMs: 3000 }).catch(() => null);
            if (response?.status === 400)
                closedAfter = Date.now() - opened;
            else if (response)
                assert.equal(response.status, 200, `GET: ${response.body}`);
        }
        assert.notEqual(closedAfter, null, 'the session is still open after 5 s');
        assert.ok(closedAfter >= PING_INTERVAL + PING_TIMEOUT - 50,
            `closed after ${closedAfter} ms, before pingInterval + pingTimeout`);
    });

    it('polling: a client that stops polling is closed after pingInterval + pingTimeout', async () => {
        const opened = Date.now();
        const { sid } = await openPollingSession(base);
        // No GET at all: the ping waits in the session's queue, unanswered. Poll the session's
        // existence with POSTs of a noop, which never count as a pong.
        let closedAfter = null;
        while (closedAfter === null && Date.now() - opened < 5000) {
            const response = await post(sid, '6');
            if (response.status === 400)
                closedAfter = Date.now() - opened;
            else
                await sleep(50);
        }
        assert.notEqual(closedAfter, null, 'the session is still open after 5 s');
        assert.ok(closedAfter >= PING_INTERVAL + PING_TIMEOUT - 50,
            `closed after ${closedAfter} ms, before pingInterval + pingTimeout`);
    });

    it('WebSocket: the server pings, and closes the connection without pong', async () => {
        const queue = await openWebSocket('EIO=4&transport=websocket');
        await queue.next();
        for (let i = 0; i < 2; i++) {
            assert.deepEqual(await queue.next(PING_INTERVAL + 500), { text: '2' });
            queue.ws.send('3');
        }
        assert.deepEqual(await queue.next(PING_INTERVAL + 500), { text: '2' });
        const lastPing = Date.now();
        await queue.whenClosed(PING_TIMEOUT + 1000);
        assert.ok(Date.now() - lastPing >= PING_TIMEOUT - 50, 'closed only after pingTimeout');
    });
});

describe('CORS', () => {
    const origin = 'http://localhost:1212';

    it('preflight on the polling path echoes Origin and allows authorization, userid, content-type', async () => {
        const response = await httpRequest(`${base}?EIO=4&transport=polling`, {
            method: 'OPTIONS',
            headers: {
                origin,
                'access-control-request-method': 'GET',
                'access-control-request-headers': 'authorization,userid,content-type',
            },
        });
        assert.ok(response.status >= 200 && response.status < 300, `status ${response.status}`);
        assert.equal(response.headers['access-control-allow-origin'], origin);
        const allowed = (response.headers['access-control-allow-headers'] ?? '')
            .toLowerCase().split(',').map((header) => header.trim());
        for (const header of ['authorization', 'userid', 'content-type'])
            assert.ok(allowed.includes(header), `${header} missing from ${allowed}`);
    });

    it('polling GET and POST responses carry Access-Control-Allow-Origin', async () => {
        const open = await httpRequest(`${base}?EIO=4&transport=polling`, { headers: { origin } });
        assert.equal(open.status, 200);
        assert.equal(open.headers['access-control-allow-origin'], origin);
        const { sid } = parseOpenPacket(open.body);
        const response = await httpRequest(pollUrl(sid), {
            method: 'POST',
            body: '4cors',
            headers: { origin, 'content-type': 'text/plain;charset=UTF-8' },
        });
        assert.equal(response.status, 200);
        assert.equal(response.headers['access-control-allow-origin'], origin);
    });

    it('a "null" Origin (file:// pages) is reflected too', async () => {
        const response = await httpRequest(`${base}?EIO=4&transport=polling`, {
            method: 'OPTIONS',
            headers: { origin: 'null', 'access-control-request-method': 'POST' },
        });
        assert.ok(response.status >= 200 && response.status < 300);
        assert.equal(response.headers['access-control-allow-origin'], 'null');
    });
});
