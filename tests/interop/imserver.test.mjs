// The real im-server as the desktop client meets it: log in over REST, then connect Socket.IO at
// /socket/v1/IM/ with the `userid` + `authorization` headers (polling first, then the upgrade).

import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';

import { CLIENTS, ClientTracker, connected, httpRequest, nextEvent, startImServer, waitFor } from './helpers.mjs';

const PATH = '/socket/v1/IM/';

describe('im-server Socket.IO entrance', () => {
    let server;
    let session;
    const tracker = new ClientTracker();

    before(async () => {
        server = await startImServer();
        const created = await httpRequest(`${server.url}/api/v1/users/create`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ account: '13600000001', pwd: 'secret123' }),
        });
        assert.equal(created.status, 200, created.body);
        session = JSON.parse(created.body).data;
    });

    afterEach(() => tracker.closeAll());

    after(async () => {
        if (server)
            await server.stop();
    });

    for (const client of CLIENTS) {
        it(`${client.label}: accepts the client's headers and upgrades to WebSocket`, async () => {
            const socket = tracker.add(client.io(server.url, {
                path: PATH,
                forceNew: true,
                reconnection: false,
                extraHeaders: { userid: String(session.id), authorization: session.token },
            }));
            await connected(socket, 5000);
            await waitFor(() => socket.io.engine.transport.name === 'websocket', 'the upgrade', 5000);
        });

        it(`${client.label}: refuses a bad token with "Authentication error" and does not retry`, async () => {
            const socket = tracker.add(client.io(server.url, {
                path: PATH,
                forceNew: true,
                extraHeaders: { userid: String(session.id), authorization: 'not-a-token' },
            }));
            const [error] = await nextEvent(socket, 'connect_error', 5000);
            assert.equal(error.message, 'Authentication error');
            assert.equal(socket.active, false);
        });

        it(`${client.label}: refuses a connection without headers`, async () => {
            const socket = tracker.add(client.io(server.url, { path: PATH, forceNew: true }));
            const [error] = await nextEvent(socket, 'connect_error', 5000);
            assert.equal(error.message, 'Authentication error');
        });
    }

    it('shuts down promptly and cleanly while a client holds a long-poll', async () => {
        const own = await startImServer();
        const created = await httpRequest(`${own.url}/api/v1/users/create`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ account: '13600000002', pwd: 'secret123' }),
        });
        const user = JSON.parse(created.body).data;
        const socket = tracker.add(CLIENTS[0].io(own.url, {
            path: PATH,
            forceNew: true,
            upgrade: false,
            reconnection: false,
            extraHeaders: { userid: String(user.id), authorization: user.token },
        }));
        await connected(socket, 5000);
        const started = Date.now();
        const { code, signal } = await own.stop('SIGTERM', 15000);
        assert.equal(signal, null);
        assert.equal(code, 0);
        assert.ok(Date.now() - started < 5000, 'the held poll must not delay the shutdown');
    });

    it('answers the polling handshake with the open packet the client expects', async () => {
        const open = await httpRequest(`${server.url}${PATH}?EIO=4&transport=polling&t=x`, {
            headers: { Origin: 'null', userid: String(session.id), authorization: session.token },
        });
        assert.equal(open.status, 200);
        assert.equal(open.headers['access-control-allow-origin'], 'null');
        const fields = JSON.parse(open.body.slice(1));
        assert.deepEqual(fields.upgrades, ['websocket']);
        assert.equal(fields.pingInterval, 25000);
        assert.equal(fields.pingTimeout, 20000);
        assert.equal(fields.maxPayload, 1000000);
    });
});
