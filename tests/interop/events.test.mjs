// Events and acknowledgements with the real socket.io-client: plain and binary, client-to-server
// acks, server-to-client acks (answered, timed out), over each transport. Runs against both
// client versions.

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { CLIENTS, ClientTracker, connected, nextEvent, startEcho, waitFor, withTimeout } from './helpers.mjs';

let server;
const clients = new ClientTracker();

before(async () => {
    server = await startEcho({
        args: ['--ping-interval', '300', '--ping-timeout', '200', '--connect-timeout', '1000'],
    });
});

afterEach(() => clients.closeAll());

after(async () => {
    clients.closeAll();
    if (server) {
        const { code } = await server.stop('SIGTERM');
        server.dumpOutput();
        assert.equal(code, 0, `echo server should exit 0 on SIGTERM; output:\n${server.output()}`);
    }
});

//! Emits with an ack callback and resolves with the ack's arguments.
function emitWithAck(socket, event, ...args) {
    return withTimeout(new Promise((resolve) => socket.emit(event, ...args, (...reply) => resolve(reply))),
        `ack of "${event}"`);
}

const binary = () => Buffer.from([0, 1, 2, 3, 250, 251, 252, 253, 254, 255]);
const bigBinary = () => Buffer.alloc(200 * 1024, 7);

const TRANSPORTS = [
    { name: 'default transports', options: {} },
    { name: 'WebSocket only', options: { transports: ['websocket'] } },
    { name: 'polling only', options: { transports: ['polling'] } },
];

for (const client of CLIENTS) {
    for (const transport of TRANSPORTS) {
        describe(`${client.label}, ${transport.name}`, () => {
            const open = async (namespace = '/', options = {}) => {
                const socket = clients.add(client.io(`${server.url}${namespace}`, {
                    forceNew: true,
                    reconnection: false,
                    timeout: 3000,
                    ...transport.options,
                    ...options,
                }));
                return connected(socket);
            };

            it('plain event is echoed as message-back', async () => {
                const socket = await open();
                const back = nextEvent(socket, 'message-back');
                socket.emit('message', 'hello', 42, true, null, { a: [1, 'two'] }, 'ünïcödé ✓');
                assert.deepEqual(await back,
                    ['hello', 42, true, null, { a: [1, 'two'] }, 'ünïcödé ✓']);
            });

            it('binary event is echoed with its attachments in order', async () => {
                const socket = await open();
                const back = nextEvent(socket, 'message-back');
                socket.emit('message', binary(), 'text between', { nested: Buffer.from('xyz') });
                const [first, text, object] = await back;
                assert.ok(Buffer.isBuffer(first) || first instanceof ArrayBuffer);
                assert.deepEqual(Buffer.from(first), binary());
                assert.equal(text, 'text between');
                assert.deepEqual(Buffer.from(object.nested), Buffer.from('xyz'));
            });

            it('a large binary attachment (200 KiB) round-trips', async () => {
                const socket = await open();
                const back = nextEvent(socket, 'message-back');
                socket.emit('message', bigBinary());
                const [data] = await back;
                assert.ok(Buffer.from(data).equals(bigBinary()));
            });

            it('many events keep their order', async () => {
                const socket = await open();
                const received = [];
                socket.on('message-back', (n) => received.push(n));
                for (let n = 0; n < 100; n++)
                    socket.emit('message', n);
                await waitFor(() => received.length >= 100, '100 echoes');
                assert.deepEqual(received, [...Array(100).keys()]);
            });

            it('client emit with ack: the server acks with the same arguments', async () => {
                const socket = await open();
                assert.deepEqual(await emitWithAck(socket, 'message-with-ack', 'one', 2, { three: 3 }),
                    ['one', 2, { three: 3 }]);
            });

            it('client emit with ack: binary arguments come back as a binary ack', async () => {
                const socket = await open();
                const [data, label] = await emitWithAck(socket, 'message-with-ack', binary(), 'label');
                assert.deepEqual(Buffer.from(data), binary());
                assert.equal(label, 'label');
            });

            it('client emit with ack via socket.timeout().emitWithAck()', async () => {
                const socket = await open();
                const reply = await socket.timeout(3000).emitWithAck('message-with-ack', 'x');
                assert.equal(reply, 'x');
            });

            it('concurrent acks are matched to their emits', async () => {
                const socket = await open();
                const replies = await Promise.all([...Array(20).keys()].map(
                    (n) => emitWithAck(socket, 'message-with-ack', n)));
                assert.deepEqual(replies, [...Array(20).keys()].map((n) => [n]));
            });

            it('server-initiated ack answered by the client (text)', async () => {
                const socket = await open();
                socket.on('server-ping', (arg, callback) => {
                    assert.equal(arg, 'ping');
                    callback('pong', 1);
                });
                const result = nextEvent(socket, 'server-ack-result');
                socket.emit('request-server-ack', 'server-ping', 2000);
                assert.deepEqual(await result, ['acknowledged', 'pong', 1]);
            });

            it('server-initiated ack answered by the client with binary', async () => {
                const socket = await open();
                socket.on('server-ping', (arg, callback) => callback(binary()));
                const result = nextEvent(socket, 'server-ack-result');
                socket.emit('request-server-ack', 'server-ping', 2000);
                const [status, data] = await result;
                assert.equal(status, 'acknowledged');
                assert.deepEqual(Buffer.from(data), binary());
            });

            it('server-initiated ack times out when the client does not answer', async () => {
                const socket = await open();
                let asked = 0;
                socket.on('never-answered', () => asked++); // takes the callback, never calls it
                const result = nextEvent(socket, 'server-ack-result', 5000);
                const started = Date.now();
                socket.emit('request-server-ack', 'never-answered', 300);
                assert.deepEqual(await result, ['timeout']);
                assert.equal(asked, 1);
                assert.ok(Date.now() - started >= 250, 'the server waited for its timeout');
            });

            it('events and acks work on "/custom" too', async () => {
                const socket = await open('/custom');
                const back = nextEvent(socket, 'message-back');
                socket.emit('message', binary());
                assert.deepEqual(Buffer.from((await back)[0]), binary());
                assert.deepEqual(await emitWithAck(socket, 'message-with-ack', 'c'), ['c']);
            });

            it('a socket that disconnected can connect again and exchange events', async () => {
                const socket = await open();
                const disconnected = nextEvent(socket, 'disconnect');
                socket.disconnect();
                assert.equal((await disconnected)[0], 'io client disconnect');
                const auth = nextEvent(socket, 'auth');
                socket.connect();
                await connected(socket);
                assert.deepEqual(await auth, [{}]);
                assert.deepEqual(await emitWithAck(socket, 'message-with-ack', 'again'), ['again']);
            });
        });
    }
}
