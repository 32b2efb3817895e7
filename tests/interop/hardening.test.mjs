// Issue #11 "Hardening", over real sockets against the real im-server binary with the real
// socket.io-client: libprotobuf's log goes through ours at a bounded rate, a flooding socket is
// rate limited (429, then dropped) without delaying other users, and the writer serves senders in
// turn.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { startImServer, waitFor, withTimeout } from './helpers.mjs';
import { ChatDevice, decode, encode, registerUser } from './imclient.mjs';

// Our log line: `[yyyy-MM-dd hh:mm:ss.zzz] [LEVEL] [category] message`.
const LOG_LINE = /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\] \[[A-Z]+\] \[[a-z0-9_.]+\] /;

describe('libprotobuf log', () => {
    let server;
    const devices = [];

    before(async () => {
        server = await startImServer({ env: { LOG_PROTOBUF_LINES_PER_MINUTE: '5' } });
    });

    after(async () => {
        for (const each of devices)
            each.close();
        if (server)
            await server.stop();
    });

    it('a stream of payloads missing required fields logs a bounded number of our lines', async () => {
        const alice = await registerUser(server);
        const device = new ChatDevice(server, alice);
        devices.push(device);
        await device.connect();
        // MessageForSender with only msgId: decodable, but every other required field is missing,
        // which makes libprotobuf log an ERROR line per payload.
        const bad = Buffer.from([0x0a, 0x01, 0x78]);
        const sent = 300;
        const acks = [];
        for (let i = 0; i < sent; ++i)
            acks.push(device.socket.timeout(20000).emitWithAck('on-message', bad));
        const replies = await withTimeout(Promise.all(acks), 'acks of the bad payloads', 30000);
        for (const reply of replies)
            assert.ok(decode('AckMessage', reply).statusCode >= 400);

        // The log is written by its own thread: the lines may follow the acks.
        await waitFor(() => server.output().includes('[im.protobuf]'), 'libprotobuf\'s complaint in the log', 10000);
        const output = server.output();
        // Whole lines only: the writer may be in the middle of one.
        const lines = output.slice(0, output.lastIndexOf('\n') + 1).split('\n')
            .filter((line) => line.trim() !== '');
        const foreign = lines.filter((line) => !LOG_LINE.test(line) && !/^\s/.test(line)
            && !line.startsWith('im-server '));
        assert.equal(foreign.length, 0,
            `every line the server printed is one of our log lines; ${foreign.length} are not, e.g.\n${foreign.slice(0, 3).join('\n')}`);
        const protobufLines = lines.filter((line) => line.includes('[im.protobuf]'));
        assert.ok(protobufLines.length <= 6, `at most 5 lines a minute, got ${protobufLines.length}`);
    });
});

//! Emits \a count `on-message` events from \a device as fast as possible (no waiting for acks) and
//! tracks their acks: {statuses, disconnected, settled()} where settled resolves once every ack
//! came or the socket was disconnected.
function flood(device, receiver, count) {
    const state = { statuses: [], disconnected: false };
    let wake = () => {};
    const settled = new Promise((resolve) => {
        wake = () => {
            if (state.disconnected || state.statuses.length === count)
                resolve(state);
        };
    });
    device.socket.on('disconnect', () => {
        state.disconnected = true;
        wake();
    });
    for (let i = 0; i < count; ++i) {
        const payload = encode('MessageForSender', {
            msgId: `flood-${i}-${Date.now()}`, sender: device.user.id, receiver: receiver.id,
            type: 'text', content: `flood ${i}`, timer: Date.now(),
        });
        device.socket.emit('on-message', payload, (reply) => {
            state.statuses.push(decode('AckMessage', reply).statusCode);
            wake();
        });
    }
    state.settled = settled;
    return state;
}

describe('event rate limits', () => {
    let server;
    const devices = [];
    const device = (user, options) => {
        const created = new ChatDevice(server, user, options);
        devices.push(created);
        return created;
    };

    before(async () => {
        server = await startImServer({
            env: {
                CHAT_REQUIRE_FRIENDSHIP: 'false', EVENT_RATE_PER_SOCKET: '20', EVENT_BURST_PER_SOCKET: '20',
                EVENT_RATE_PER_USER: '40', EVENT_BURST_PER_USER: '40', EVENT_ABUSE_DISCONNECT: '500',
            },
        });
    });

    after(async () => {
        for (const each of devices)
            each.close();
        if (server)
            await server.stop();
    });

    it('a flooding socket gets 429 and is dropped while another user is served at once', async () => {
        const [alice, bob, carol] = [await registerUser(server), await registerUser(server), await registerUser(server)];
        // WebSocket, as the desktop client ends up on: a long-polling session could not hold the
        // acks of such a flood, and the kicked socket's queued acks would be lost with it.
        const flooder = await device(alice, { transports: ['websocket'] }).connect();
        const other = await device(carol).connect();
        await device(bob).connect();
        const started = Date.now();
        const flooding = flood(flooder, bob, 3000);

        const sentAt = Date.now();
        const ack = await other.send({ receiver: bob.id, content: 'not delayed' }, 5000);
        const latency = Date.now() - sentAt;
        assert.equal(ack.statusCode, 200);
        assert.ok(latency < 2000, `the other user's message was acked after ${latency} ms`);

        const result = await withTimeout(flooding.settled, 'the flood to be answered or dropped', 60000);
        const limited = result.statuses.filter((status) => status === 429).length;
        const stored = result.statuses.filter((status) => status === 200).length;
        assert.ok(limited > 0, `the flood is answered 429: ${JSON.stringify({ n: result.statuses.length, limited, disconnected: result.disconnected })}`);
        const seconds = (Date.now() - started) / 1000;
        assert.ok(stored <= 20 + 20 * seconds + 5, `${stored} stored in ${seconds} s is over the rate`);
        assert.ok(result.disconnected, 'the abusive socket is disconnected');
    });
});

describe('writer fairness', () => {
    let server;
    const devices = [];

    before(async () => {
        server = await startImServer({
            env: { CHAT_REQUIRE_FRIENDSHIP: 'false', EVENT_RATE_PER_SOCKET: '0', EVENT_RATE_PER_USER: '0' },
        });
    });

    after(async () => {
        for (const each of devices)
            each.close();
        if (server)
            await server.stop();
    });

    it('one sender\'s backlog does not delay another sender\'s message', async () => {
        const [alice, bob, carol] = [await registerUser(server), await registerUser(server), await registerUser(server)];
        const flooder = new ChatDevice(server, alice, { transports: ['websocket'] });
        const other = new ChatDevice(server, carol);
        devices.push(flooder, other);
        await flooder.connect();
        await other.connect();
        const total = 4000;
        const flooding = flood(flooder, bob, total);
        // Once the first batch is answered, the rest of the flood waits in the writer.
        await waitFor(() => flooding.statuses.length > 0, 'the first flood ack', 30000);
        const ack = await other.send({ receiver: bob.id, content: 'my turn' }, 60000);
        const floodAcksBefore = flooding.statuses.length;
        assert.equal(ack.statusCode, 200);
        assert.ok(floodAcksBefore < total / 2,
            `the other sender's message waited for ${floodAcksBefore} of ${total} flood messages`);
        const result = await withTimeout(flooding.settled, 'the flood acks', 120000);
        assert.equal(result.statuses.filter((status) => status === 200).length, total);
    });
});

describe('daily message quota', () => {
    let server;
    const devices = [];

    before(async () => {
        server = await startImServer({ env: { CHAT_REQUIRE_FRIENDSHIP: 'false', MESSAGE_DAILY_QUOTA: '3' } });
    });

    after(async () => {
        for (const each of devices)
            each.close();
        if (server)
            await server.stop();
    });

    it('messages over the quota are refused with 429, refused ones do not count', async () => {
        const [alice, bob] = [await registerUser(server), await registerUser(server)];
        const sender = new ChatDevice(server, alice);
        devices.push(sender);
        await sender.connect();
        // A refused message (no such receiver) uses none of the quota.
        assert.equal((await sender.send({ receiver: 999999 })).statusCode, 404);
        for (let i = 0; i < 3; ++i)
            assert.equal((await sender.send({ receiver: bob.id, content: `m${i}` })).statusCode, 200);
        const over = await sender.send({ receiver: bob.id, content: 'one too many' });
        assert.equal(over.statusCode, 429);
        assert.match(over.message, /Daily message quota of 3/);
    });
});
