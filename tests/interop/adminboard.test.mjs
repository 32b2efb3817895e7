// Issue #15, server side, end to end against the real im-server: the stuck-delivery board (devices
// that never acked and offline devices, sorted, bounded), true pending acks, the `/admin` feed's
// periodic sessions, per-sample latency quantiles and the minute history, the server's identity,
// revoking a user's sessions, and finding users by an 11-digit account.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { CLIENTS, connected, mariadbWanted, scratchMariaDb, startImServer, waitFor } from './helpers.mjs';
import { api, befriend, ChatDevice, createAdmin, registerUser, SOCKET_PATH } from './imclient.mjs';

const backends = [
    { name: 'SQLite', setup: async () => ({ env: {}, drop: async () => {} }) },
    { name: 'MariaDB', skip: !mariadbWanted && 'IM_TEST_MARIADB_* not set', setup: () => scratchMariaDb(`im_adminboard_${process.pid}`) },
];

// A short ack timeout makes a device that never acks time out within the test, and a long enough
// one keeps its pushes in flight across a 1-s sample (the feed test sees pendingAcks > 0).
const ACK_TIMEOUT_MS = 2000;

for (const backend of backends) describe(`admin board and live figures on ${backend.name}`, { skip: backend.skip }, () => {
    let server;
    let database;
    let admin;
    const devices = [];
    const feeds = [];
    const device = (user, options) => {
        const created = new ChatDevice(server, user, options);
        devices.push(created);
        return created;
    };
    const ok = async (method, path, body) => {
        const answer = await api(server, method, path, admin, body);
        assert.equal(answer.statusCode, 200, `${method} ${path}: ${JSON.stringify(answer)}`);
        return answer.data;
    };
    const board = (query = '') => ok('GET', `/admin/cursors/stuck${query}`);
    const rowsOf = (answer, users) => answer.devices.filter((row) => users.some((user) => user.id === row.userId));
    // A socket on `/admin` that records every event with all its arguments.
    const feed = async () => {
        const socket = CLIENTS[0].io(`${server.url}/admin`, {
            path: SOCKET_PATH, forceNew: true, reconnection: false,
            extraHeaders: { userid: String(admin.id), authorization: admin.token },
        });
        const events = { server: [], sessions: [], sample: [] };
        for (const name of Object.keys(events))
            socket.on(name, (...args) => events[name].push(args));
        feeds.push(socket);
        await connected(socket);
        return { socket, events };
    };
    const users = async (count) => {
        const created = [];
        for (let i = 0; i < count; ++i)
            created.push(await registerUser(server, '154'));
        return created;
    };

    before(async () => {
        database = await backend.setup();
        server = await startImServer({
            env: {
                ...database.env, ADMIN_SAMPLE_SECONDS: '1', SOCKET_ACK_TIMEOUT_MS: String(ACK_TIMEOUT_MS),
                LOG_RULES: process.env.IM_TEST_LOG_RULES ?? '',
            },
        });
        admin = await createAdmin(server, database.env, `1880000${String(process.pid % 10000).padStart(4, '0')}`);
    });

    after(async () => {
        for (const socket of feeds)
            socket.disconnect();
        for (const each of devices)
            each.close();
        if (server)
            await server.stop();
        await database?.drop();
    });

    it('lists devices that never acked, online and offline, oldest waiting first, with true pending acks', async () => {
        const [alice, bob, carol, dave] = await users(4);
        for (const friend of [bob, carol, dave])
            await befriend(server, alice, friend);
        const sender = await device(alice, { deviceId: 'desk' }).connect();
        // GIVEN carol's tablet, which connected once before anything was sent to her and never acked
        const tablet = await device(carol, { deviceId: 'tablet', dropAckRate: 1 }).connect();
        await waitFor(async () => (await ok('GET', `/admin/users/${carol.id}/cursors`)).devices.some((d) => d.deviceId === 'tablet'),
            'the tablet\'s cursor recorded on attach', 10000);
        tablet.close();
        // AND bob's device that receives pushes and never acks them, and dave's phone that acks
        const mute = await device(bob, { deviceId: 'mute', dropAckRate: 1 }).connect();
        const phone = await device(dave, { deviceId: 'phone' }).connect();
        const toBob = [];
        for (let i = 0; i < 3; ++i)
            toBob.push((await sender.send({ receiver: bob.id, content: `b${i}` })).id);
        const toDave = (await sender.send({ receiver: dave.id, content: 'd' })).id;
        const toCarol = [];
        for (let i = 0; i < 2; ++i)
            toCarol.push((await sender.send({ receiver: carol.id, content: `c${i}` })).id);
        await mute.until((d) => d.pushes >= 3, 'bob\'s three pushes');
        await phone.until((d) => d.acked.has(toDave), 'dave\'s ack');

        // THEN the sessions list counts bob's unacknowledged pushes as pending acks
        await waitFor(async () => {
            const sessions = await ok('GET', '/admin/sessions');
            const row = sessions.find((s) => s.userId === bob.id && s.deviceId === 'mute');
            return row && row.pendingAcks > 0;
        }, 'bob\'s pending acks above 0', 10000);

        // AND the board shows bob's device online with its queue and timeouts, carol's offline tablet
        // after it (its oldest waiting message is newer), and not dave's phone
        let rows;
        await waitFor(async () => {
            rows = rowsOf(await board(), [alice, bob, carol, dave]);
            return rows.length === 2 && rows[0].timedOut >= 1;
        }, 'bob (with a timeout) and carol on the board', 15000);
        const [bobRow, carolRow] = rows;
        assert.deepEqual([bobRow.userId, bobRow.deviceId, bobRow.online], [bob.id, 'mute', true]);
        assert.equal(bobRow.account, bob.account);
        assert.equal(bobRow.lastAck, 0);
        assert.equal(bobRow.waiting, 3);
        assert.equal(bobRow.queued + bobRow.inFlight, 3);
        assert.equal(bobRow.oldestWaitingId, toBob[0]);
        assert.equal(bobRow.lastAckAt, null);
        assert.ok(bobRow.oldestWaitingMs >= 0 && bobRow.oldestWaitingMs < 120000, JSON.stringify(bobRow));
        assert.ok(!Number.isNaN(Date.parse(bobRow.oldestWaitingAt)));
        assert.match(bobRow.node, /:\d+$/);
        assert.deepEqual([carolRow.userId, carolRow.deviceId, carolRow.online], [carol.id, 'tablet', false]);
        assert.equal(carolRow.waiting, 2);
        assert.equal(carolRow.lastAck, 0);
        assert.equal(carolRow.queued + carolRow.inFlight, 0);
        assert.equal(carolRow.oldestWaitingId, toCarol[0]);
        assert.equal(carolRow.timedOut, 0);
        assert.ok(carolRow.lastSeenAt, 'the hub remembers when the tablet left');

        // AND the offline tablet that never acked is in carol's cursor list
        const carols = await ok('GET', `/admin/users/${carol.id}/cursors`);
        assert.deepEqual(carols.devices.map((d) => [d.deviceId, d.lastAck, d.ackLag, d.online]), [['tablet', 0, 2, false]]);

        // WHEN bob's device goes offline, THEN it keeps its figures from the hub's record
        const timedOutOnline = bobRow.timedOut;
        mute.close();
        await waitFor(async () => {
            const now = rowsOf(await board(), [bob]);
            return now.length === 1 && !now[0].online;
        }, 'bob offline on the board', 10000);
        const [offline] = rowsOf(await board(), [bob]);
        assert.equal(offline.waiting, 3);
        assert.ok(offline.timedOut >= timedOutOnline, JSON.stringify(offline));
        assert.equal(offline.queued + offline.inFlight, 0);
        assert.ok(offline.lastSeenAt);
        assert.equal(offline.lastAckAt, null);

        // AND the board is bounded: a limit of 1 keeps the oldest and says that it cut
        const top = await board('?limit=1');
        assert.equal(top.devices.length, 1);
        assert.equal(top.truncated, true);
        assert.equal(top.limit, 1);
        const whole = await board('?limit=500');
        const oldest = whole.devices.map((row) => row.oldestWaitingId);
        assert.deepEqual(oldest, [...oldest].sort((a, b) => a - b), 'sorted by oldest waiting');
        for (const query of ['?limit=0', '?limit=501', '?limit=abc'])
            assert.equal((await api(server, 'GET', `/admin/cursors/stuck${query}`, admin)).httpStatus, 400, query);
        assert.equal((await api(server, 'GET', '/admin/cursors/stuck', null)).httpStatus, 401);
        assert.equal((await api(server, 'GET', '/admin/cursors/stuck', alice)).httpStatus, 403);
    });

    it('the feed names the server and refreshes sessions with every sample, not only on open or close', async () => {
        const [alice, bob] = await users(2);
        await befriend(server, alice, bob);
        const sender = await device(alice, { deviceId: 'desk' }).connect();
        const mute = await device(bob, { deviceId: 'mute', dropAckRate: 1 }).connect();
        const { events } = await feed();
        await waitFor(() => events.server.length === 1, 'the server event on connect');
        const [[hello]] = events.server;
        const overview = await ok('GET', '/admin/overview');
        assert.equal(hello.instanceId, overview.instanceId);
        assert.equal(hello.startedAt, overview.startedAt);
        assert.equal(hello.node, overview.node);
        assert.match(hello.instanceId, /^[0-9a-f-]{36}$/);

        const rowOf = (args, user) => args[0].find((row) => row.userId === user.id);
        // Both sockets settled (upgraded), so later events come from the sample timer.
        await waitFor(() => events.sessions.some((args) => rowOf(args, alice)?.transport === 'websocket'
            && rowOf(args, bob)?.transport === 'websocket'), 'both sessions upgraded in the feed', 10000);
        const settled = events.sessions.length;
        const before = rowOf(events.sessions.at(-1), alice).lastActivity;
        await sender.send({ receiver: bob.id, content: 'keeps alice active' });
        await mute.until((d) => d.pushes >= 1, 'the push to bob');
        await waitFor(() => events.sessions.slice(settled).some((args) => {
            const row = rowOf(args, alice);
            return row && row.lastActivity !== before && rowOf(args, bob)?.pendingAcks > 0;
        }), 'a sessions event with alice\'s new activity and bob\'s pending ack', 10000);
        const [rows, meta] = events.sessions.at(-1);
        assert.equal(meta.total, rows.length);
        assert.equal(meta.sent, rows.length);
        assert.equal(meta.truncated, false);
        assert.ok(!Number.isNaN(Date.parse(meta.at)));
    });

    it('samples carry send→push and send→ack quantiles, timeouts and errors; minutes merge them for 24 hours', async () => {
        const [alice, bob, carol] = await users(3);
        await befriend(server, alice, bob);
        await befriend(server, alice, carol);
        const sender = await device(alice, { deviceId: 'desk' }).connect();
        const phone = await device(bob, { deviceId: 'phone' }).connect();
        const mute = await device(carol, { deviceId: 'mute', dropAckRate: 1 }).connect();
        const { events } = await feed();
        const sent = [];
        for (let i = 0; i < 20; ++i)
            sent.push((await sender.send({ receiver: bob.id, content: `l${i}` })).id);
        await sender.send({ receiver: carol.id, content: 'never acked' });
        await phone.until((d) => sent.every((id) => d.acked.has(id)), 'the 20 acks');
        await mute.until((d) => d.pushes >= 1, 'the push to carol');

        const samples = () => events.sample.map(([sample]) => sample);
        await waitFor(() => samples().reduce((n, s) => n + s.sendToAckCount, 0) >= 20, 'the 20 send→ack times sampled', 10000);
        for (const sample of samples().filter((s) => s.sendToAckCount > 0)) {
            assert.ok(sample.sendToAckP50Ms > 0 && sample.sendToAckP50Ms <= sample.sendToAckP99Ms, JSON.stringify(sample));
            assert.ok(sample.sendToAckP99Ms < 5000, `a local ack within 5 s: ${JSON.stringify(sample)}`);
            assert.ok(sample.pushToAckP50Ms > 0 && sample.pushToAckP50Ms <= sample.sendToAckP99Ms);
        }
        const pushed = samples().filter((s) => s.sendToPushCount > 0);
        assert.ok(pushed.length > 0);
        for (const sample of pushed)
            assert.ok(sample.sendToPushP50Ms > 0 && sample.sendToPushP50Ms <= sample.sendToPushP99Ms, JSON.stringify(sample));
        const idle = samples().find((s) => s.sendToAckCount === 0);
        if (idle)
            assert.equal(idle.sendToAckP50Ms, null, 'no measurement, no quantile');
        await waitFor(() => samples().some((s) => s.timeoutsPerSecond > 0), 'carol\'s timeout in a sample', 10000);
        for (const sample of samples())
            assert.equal(typeof sample.errorsPerSecond, 'number');

        const second = await ok('GET', '/admin/rates');
        assert.equal(second.resolution, 'second');
        assert.equal(second.intervalSeconds, 1);
        let minutes;
        await waitFor(async () => {
            minutes = await ok('GET', '/admin/rates?resolution=minute');
            return minutes.samples.reduce((n, m) => n + m.sendToAckCount, 0) >= 20;
        }, 'the send→ack times in the minutes', 10000);
        assert.equal(minutes.resolution, 'minute');
        assert.equal(minutes.intervalSeconds, 60);
        assert.equal(minutes.instanceId, second.instanceId);
        assert.ok(minutes.samples.length >= 1 && minutes.samples.length <= 1440);
        assert.equal(minutes.samples.at(-1).complete, false, 'the minute in progress last');
        for (const minute of minutes.samples) {
            assert.match(minute.at, /:00\.000Z$/);
            assert.ok(minute.samples >= 1 && minute.seconds > 0);
        }
        assert.ok(minutes.samples.reduce((n, m) => n + m.messages, 0) >= 21);
        assert.ok(minutes.samples.reduce((n, m) => n + m.timeouts, 0) >= 1);
        assert.equal((await api(server, 'GET', '/admin/rates?resolution=hour', admin)).httpStatus, 400);
    });

    it('finds users by an 11-digit account or id; 400 for malformed input, 404 when nobody matches', async () => {
        const [user] = await users(1);
        assert.equal(user.account.length, 11);
        assert.deepEqual(await ok('GET', `/admin/users/lookup?q=${user.account}`), { id: user.id, account: user.account, matchedBy: 'account' });
        assert.deepEqual(await ok('GET', `/admin/users/lookup?q=${user.id}`), { id: user.id, account: user.account, matchedBy: 'id' });
        assert.deepEqual(await ok('GET', `/admin/users/lookup?q=account:${user.account}`), { id: user.id, account: user.account, matchedBy: 'account' });
        for (const path of [`/admin/users/${user.account}/cursors`, `/admin/users/account:${user.account}/cursors`])
            assert.equal((await ok('GET', path)).user.id, user.id, path);
        for (const path of ['/admin/users/lookup?q=', '/admin/users/lookup', '/admin/users/lookup?q=a%20b',
            `/admin/users/lookup?q=${'9'.repeat(80)}`, '/admin/users/account:/cursors', '/admin/users/1a/cursors']) {
            assert.equal((await api(server, 'GET', path, admin)).httpStatus, 400, path);
        }
        for (const path of ['/admin/users/lookup?q=19999999999', '/admin/users/19999999999/cursors', '/admin/users/lookup?q=999999'])
            assert.equal((await api(server, 'GET', path, admin)).httpStatus, 404, path);
        assert.equal((await api(server, 'GET', `/admin/users/lookup?q=${user.account}`, user)).httpStatus, 403);
    });

    it('revoking a user\'s sessions ends their logins and closes their sockets', async () => {
        const [user, other] = await users(2);
        const online = await device(user, { deviceId: 'phone' }).connect();
        assert.equal((await api(server, 'GET', '/friends/requests/sent', user)).httpStatus, 200);
        assert.equal((await api(server, 'POST', `/admin/users/${user.id}/revoke-sessions`, other)).httpStatus, 403);
        assert.equal((await api(server, 'POST', `/admin/users/${user.id}/revoke-sessions`, null)).httpStatus, 401);
        assert.equal((await api(server, 'POST', '/admin/users/abc/revoke-sessions', admin)).httpStatus, 400);
        assert.equal((await api(server, 'POST', '/admin/users/19999999999/revoke-sessions', admin)).httpStatus, 404);

        const revoked = await ok('POST', `/admin/users/${user.account}/revoke-sessions`);
        assert.deepEqual(revoked, { closed: 1, revoked: true });
        await waitFor(() => !online.socket.connected, 'the user\'s socket closed', 10000);
        assert.equal((await api(server, 'GET', '/friends/requests/sent', user)).httpStatus, 401);
        assert.equal((await api(server, 'GET', '/friends/requests/sent', other)).httpStatus, 200, 'other users keep their logins');
    });
});
