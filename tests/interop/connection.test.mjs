// Connecting with the real socket.io-client: transports and the polling-to-WebSocket upgrade,
// header authentication from the polling handshake (as the desktop client does it), the CONNECT
// auth payload, namespaces. Runs against both client versions.
//
// The server uses the desktop client's path (client contract §2).

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import {
    CLIENTS,
    ClientTracker,
    connected,
    nextEvent,
    startEcho,
    waitFor,
} from './helpers.mjs';

const PATH = '/socket/v1/IM/';
const PING_INTERVAL = 300;
const PING_TIMEOUT = 200;

let server;
const clients = new ClientTracker();

before(async () => {
    server = await startEcho({
        args: [
            '--path', PATH,
            '--ping-interval', String(PING_INTERVAL),
            '--ping-timeout', String(PING_TIMEOUT),
            '--connect-timeout', '1000',
        ],
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

for (const client of CLIENTS) {
    describe(client.label, () => {
        const open = (namespace = '/', options = {}) =>
            clients.add(client.io(`${server.url}${namespace}`, {
                path: PATH,
                forceNew: true,
                reconnection: false,
                timeout: 3000,
                ...options,
            }));

        it('default transports: polling first, then the upgrade to WebSocket, with header auth', async () => {
            const socket = open('/auth', {
                extraHeaders: { userid: '10007', authorization: 'good-token' },
            });
            const whoami = nextEvent(socket, 'whoami');
            await connected(socket);
            assert.deepEqual(await whoami, ['10007']);
            await waitFor(() => socket.io.engine.transport.name === 'websocket',
                'the upgrade to WebSocket');
            // Traffic keeps flowing after the upgrade.
            const back = nextEvent(socket, 'message-back');
            socket.emit('message', 'after upgrade');
            assert.deepEqual(await back, ['after upgrade']);
        });

        it('the first request of the default transports is a polling request', async () => {
            const socket = open('/', { autoConnect: false });
            const transports = [];
            socket.io.on('open', () => transports.push(socket.io.engine.transport.name));
            socket.connect();
            await connected(socket);
            assert.deepEqual(transports, ['polling']);
        });

        it('header auth with a wrong token: connect_error "Authentication error", no retry', async () => {
            const socket = open('/auth', {
                extraHeaders: { userid: '10007', authorization: 'bad-token' },
                reconnection: true,
            });
            const [error] = await nextEvent(socket, 'connect_error');
            assert.equal(error.message, 'Authentication error');
            assert.equal(socket.connected, false);
            assert.equal(socket.active, false, 'a refused CONNECT must not be retried');
        });

        it('header auth without the userid header is refused', async () => {
            const socket = open('/auth', { extraHeaders: { authorization: 'good-token' } });
            const [error] = await nextEvent(socket, 'connect_error');
            assert.equal(error.message, 'Authentication error');
            assert.equal(socket.active, false);
        });

        it('WebSocket only (transports: ["websocket"])', async () => {
            const socket = open('/', { transports: ['websocket'] });
            await connected(socket);
            assert.equal(socket.io.engine.transport.name, 'websocket');
            const back = nextEvent(socket, 'message-back');
            socket.emit('message', 'over websocket');
            assert.deepEqual(await back, ['over websocket']);
        });

        it('header auth over WebSocket only', async () => {
            const socket = open('/auth', {
                transports: ['websocket'],
                extraHeaders: { userid: '7', authorization: 'good-token' },
            });
            const whoami = nextEvent(socket, 'whoami');
            await connected(socket);
            assert.deepEqual(await whoami, ['7']);
        });

        it('polling only (upgrade: false) stays on polling', async () => {
            const socket = open('/', { upgrade: false });
            let upgrades = 0;
            socket.io.on('open', () => socket.io.engine.on('upgrading', () => upgrades++));
            await connected(socket);
            const back = nextEvent(socket, 'message-back');
            socket.emit('message', 'over polling');
            assert.deepEqual(await back, ['over polling']);
            // A whole heartbeat later (the default transports have upgraded by then; see the
            // first test) the session is still on polling and never probed a WebSocket.
            await nextEvent(socket.io.engine, 'ping', 3000);
            assert.equal(socket.io.engine.transport.name, 'polling');
            assert.equal(upgrades, 0, 'no upgrade was attempted');
        });

        for (const transports of [['polling'], ['websocket']]) {
            it(`stays connected across several heartbeats (${transports[0]})`, async () => {
                const socket = open('/', { transports });
                await connected(socket);
                let disconnectReason = null;
                socket.on('disconnect', (reason) => {
                    disconnectReason = reason;
                });
                let pings = 0;
                socket.io.engine.on('ping', () => pings++);
                // Four heartbeats, each answered in time, or the first disconnect: whichever comes
                // first (a client that missed one would disconnect within pingInterval + pingTimeout).
                await waitFor(() => pings >= 4 || disconnectReason !== null,
                    'four server pings', 8 * (PING_INTERVAL + PING_TIMEOUT));
                assert.equal(disconnectReason, null);
                assert.ok(socket.connected);
            });
        }

        for (const namespace of ['/', '/custom']) {
            it(`auth payload is echoed on connect to "${namespace}"`, async () => {
                const socket = open(namespace, { auth: { token: '123', nested: { n: 1 } } });
                const [auth] = await nextEvent(socket, 'auth');
                assert.deepEqual(auth, { token: '123', nested: { n: 1 } });
            });

            it(`no auth payload gives an empty object on "${namespace}"`, async () => {
                const socket = open(namespace);
                const [auth] = await nextEvent(socket, 'auth');
                assert.deepEqual(auth, {});
            });
        }

        it('two namespaces share one Manager and one Engine.IO session', async () => {
            const manager = new client.Manager(server.url, {
                path: PATH,
                reconnection: false,
                timeout: 3000,
            });
            const main = clients.add(manager.socket('/', { auth: { who: 'main' } }));
            const custom = clients.add(manager.socket('/custom', { auth: { who: 'custom' } }));
            const mainAuth = nextEvent(main, 'auth');
            const customAuth = nextEvent(custom, 'auth');
            await Promise.all([connected(main), connected(custom)]);
            assert.equal(main.io, custom.io);
            assert.notEqual(main.id, custom.id, 'each namespace has its own socket id');
            assert.deepEqual(await mainAuth, [{ who: 'main' }]);
            assert.deepEqual(await customAuth, [{ who: 'custom' }]);

            // Events stay in their namespace.
            const mainBack = [];
            const customBack = [];
            main.on('message-back', (...args) => mainBack.push(args));
            custom.on('message-back', (...args) => customBack.push(args));
            main.emit('message', 'to main');
            custom.emit('message', 'to custom');
            // A second round is the marker: the session is ordered, so a stray echo of the first
            // round in the wrong namespace would have come before it.
            main.emit('message', 'main marker');
            custom.emit('message', 'custom marker');
            await waitFor(() => mainBack.length >= 2 && customBack.length >= 2, 'both markers');
            assert.deepEqual(mainBack, [['to main'], ['main marker']]);
            assert.deepEqual(customBack, [['to custom'], ['custom marker']]);

            // Leaving one namespace keeps the other one connected: the echo below is answered
            // after the server handled the namespace's DISCONNECT (same session, in order).
            custom.disconnect();
            const back = nextEvent(main, 'message-back');
            main.emit('message', 'still here');
            assert.deepEqual(await back, ['still here']);
            assert.ok(main.connected);
        });

        it('io(url + "/custom", {forceNew: false}) reuses the Manager of io(url)', async () => {
            // io() caches Managers per URL (per client package); only this test uses the cache.
            const main = clients.add(client.io(server.url, {
                path: PATH,
                reconnection: false,
                forceNew: false,
            }));
            const custom = clients.add(client.io(`${server.url}/custom`, {
                path: PATH,
                reconnection: false,
                forceNew: false,
            }));
            await Promise.all([connected(main), connected(custom)]);
            assert.equal(main.io, custom.io);
        });

        it('an unknown namespace gets connect_error', async () => {
            const socket = open('/does-not-exist');
            const [error] = await nextEvent(socket, 'connect_error');
            assert.equal(error.message, 'Invalid namespace');
            assert.equal(socket.connected, false);
        });

        it('an unknown namespace does not disturb another namespace on the same session', async () => {
            const manager = new client.Manager(server.url, { path: PATH, reconnection: false });
            const main = clients.add(manager.socket('/'));
            await connected(main);
            const unknown = clients.add(manager.socket('/nope'));
            const [error] = await nextEvent(unknown, 'connect_error');
            assert.equal(error.message, 'Invalid namespace');
            const back = nextEvent(main, 'message-back');
            main.emit('message', 'fine');
            assert.deepEqual(await back, ['fine']);
        });
    });
}
