// The admin API end to end: the overview, per-user queues and rate history over REST, the `/admin`
// Socket.IO live feed, and the permission checks of every admin route, against the real im-server.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { CLIENTS, connected, mariadbWanted, nextEvent, scratchMariaDb, startImServer, waitFor } from './helpers.mjs';
import { api, befriend, ChatDevice, createAdmin, registerUser, SOCKET_PATH } from './imclient.mjs';

const backends = [
    { name: 'SQLite', setup: async () => ({ env: {}, drop: async () => {} }) },
    { name: 'MariaDB', skip: !mariadbWanted && 'IM_TEST_MARIADB_* not set', setup: () => scratchMariaDb(`im_adminapi_${process.pid}`) },
];

// Every admin route: [method, path].
const ADMIN_ROUTES = [
    ['GET', '/admin/overview'],
    ['GET', '/admin/queues'],
    ['GET', '/admin/rates'],
    ['GET', '/admin/sessions'],
    ['DELETE', '/admin/sessions/nosuchsession'],
    ['DELETE', '/admin/users/1/sessions'],
];

for (const backend of backends) describe(`admin API on ${backend.name}`, { skip: backend.skip }, () => {
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
    // A socket on the `/admin` namespace that records every event it is sent.
    const feed = (user) => {
        const headers = user ? { userid: String(user.id), authorization: user.token } : {};
        const socket = CLIENTS[0].io(`${server.url}/admin`, { path: SOCKET_PATH, forceNew: true, reconnection: false, extraHeaders: headers });
        const events = { sessions: [], queues: [], sample: [] };
        for (const name of Object.keys(events))
            socket.on(name, (payload) => events[name].push(payload));
        feeds.push(socket);
        return { socket, events };
    };
    const friends = async () => {
        const alice = await registerUser(server, '152');
        const bob = await registerUser(server, '152');
        await befriend(server, alice, bob);
        return [alice, bob];
    };
    const overview = async () => {
        const answer = await api(server, 'GET', '/admin/overview', admin);
        assert.equal(answer.statusCode, 200, JSON.stringify(answer));
        return answer.data;
    };

    before(async () => {
        database = await backend.setup();
        server = await startImServer({ env: { ...database.env, ADMIN_SAMPLE_SECONDS: '1', LOG_RULES: process.env.IM_TEST_LOG_RULES ?? '' } });
        admin = await createAdmin(server, database.env, `1870000${String(process.pid % 10000).padStart(4, '0')}`);
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

    it('every admin route answers 401 to anonymous callers and 403 to non-admins', async () => {
        const user = await registerUser(server, '152');
        for (const [method, path] of ADMIN_ROUTES) {
            const anonymous = await api(server, method, path, null);
            assert.equal(anonymous.httpStatus, 401, `${method} ${path} anonymous: ${JSON.stringify(anonymous)}`);
            assert.equal(anonymous.statusCode, 401);
            const refused = await api(server, method, path, user);
            assert.equal(refused.httpStatus, 403, `${method} ${path} as a user: ${JSON.stringify(refused)}`);
            assert.equal(refused.statusCode, 403);
        }
    });

    it('the overview reports health, connections and counters that survive disconnects', async () => {
        const start = await overview();
        assert.match(start.version, /^\d+\.\d+\.\d+/);
        assert.equal(typeof start.uptimeSeconds, 'number');
        assert.match(start.startedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
        assert.ok(Date.parse(start.startedAt) <= Date.now());
        assert.deepEqual([start.database.driver, start.database.status], [backend.name === 'SQLite' ? 'sqlite' : 'mariadb', 'up']);
        assert.equal(typeof start.database.latencyMs, 'number');
        assert.deepEqual(start.redis, { status: 'disabled' });
        for (const key of ['sessions', 'websocket', 'polling', 'sockets', 'users'])
            assert.equal(typeof start.connections[key], 'number', `connections.${key}`);
        for (const key of ['stored', 'batches', 'failedBatches'])
            assert.equal(typeof start.messages[key], 'number', `messages.${key}`);
        for (const key of ['queued', 'inFlight', 'pushed', 'acked', 'failed', 'timedOut', 'retried'])
            assert.equal(typeof start.delivery[key], 'number', `delivery.${key}`);
        assert.deepEqual(Object.keys(start.notifications).sort(), ['acknowledged', 'pushed']);

        const [alice, bob] = await friends();
        const sender = await device(alice, { deviceId: 'desk' }).connect();
        const receiver = await device(bob, { deviceId: 'phone', transports: ['polling'] }).connect();
        for (let i = 0; i < 3; ++i)
            assert.equal((await sender.send({ receiver: bob.id, content: `o${i}` })).statusCode, 200);
        await receiver.until((d) => d.acked.size === 3, 'the three pushes acked');
        let live;
        await waitFor(async () => (live = await overview()).delivery.acked >= start.delivery.acked + 3, 'the acks counted');
        assert.ok(live.connections.sockets >= start.connections.sockets + 2);
        assert.ok(live.connections.users >= start.connections.users + 2);
        assert.ok(live.connections.polling >= 1, 'the polling device');
        assert.equal(live.connections.sessions, live.connections.websocket + live.connections.polling);

        receiver.close();
        sender.close();
        let after;
        await waitFor(async () => (after = await overview()).connections.sockets === start.connections.sockets, 'both sockets gone');
        assert.ok(after.messages.stored >= start.messages.stored + 3);
        assert.ok(after.messages.batches >= start.messages.batches + 1);
        assert.ok(after.delivery.pushed >= start.delivery.pushed + 3, 'pushes of closed channels still count');
        assert.ok(after.delivery.acked >= start.delivery.acked + 3, 'acks of closed channels still count');
        assert.equal(after.delivery.inFlight, start.delivery.inFlight);
        assert.ok(after.uptimeSeconds >= start.uptimeSeconds);
        assert.equal(after.startedAt, start.startedAt);
    });

    it('queues have one row per online user, summed over its devices', async () => {
        const [alice, bob] = await friends();
        const sender = await device(alice).connect();
        for (let i = 0; i < 4; ++i)
            assert.equal((await sender.send({ receiver: bob.id, content: `q${i}` })).statusCode, 200);
        const offline = await api(server, 'GET', '/admin/queues', admin);
        assert.equal(offline.statusCode, 200);
        assert.equal(offline.data.users.find((u) => u.userId === bob.id), undefined, 'no row for an offline user');
        assert.ok(offline.data.users.find((u) => u.userId === alice.id), 'a row for the online sender');

        // Bob's devices: one that acks and one that never does (its pushes stay in flight).
        const acking = await device(bob, { deviceId: 'acking' }).connect();
        const silent = await device(bob, { deviceId: 'silent', dropAckRate: 1 }).connect();
        await acking.until((d) => d.acked.size === 4, 'the acking device\'s four acks');
        await silent.until((d) => d.received.size === 4, 'the silent device\'s four pushes');
        let row;
        await waitFor(async () => {
            const queues = await api(server, 'GET', '/admin/queues', admin);
            row = queues.data.users.find((u) => u.userId === bob.id);
            return row?.acked === 4;
        }, 'bob\'s acks in his row');
        assert.equal(row.account, bob.account);
        assert.equal(row.devices, 2);
        assert.equal(row.inFlight, 4, 'the silent device\'s pushes');
        assert.equal(row.pushed, 8);
        assert.equal(row.minCursor, 0, 'the silent device holds the lowest cursor');
        assert.ok(row.oldestWaitingMs >= 0);
        for (const key of ['queued', 'failed', 'timedOut', 'retried'])
            assert.equal(typeof row[key], 'number', key);
        const queues = await api(server, 'GET', '/admin/queues', admin);
        assert.equal(queues.data.rates.intervalSeconds, 1);
        assert.ok(Array.isArray(queues.data.rates.samples));
        assert.ok(queues.data.channels.some((c) => c.userId === bob.id && c.deviceId === 'silent'), 'the per-socket rows stay');
        silent.close();
        acking.close();
        sender.close();
    });

    it('rates are sampled every ADMIN_SAMPLE_SECONDS, oldest first', async () => {
        const [alice, bob] = await friends();
        const sender = await device(alice).connect();
        const sentAt = Date.now();
        for (let i = 0; i < 5; ++i)
            assert.equal((await sender.send({ receiver: bob.id, content: `r${i}` })).statusCode, 200);
        // A fast server may have taken only one sample yet: wait (bounded) for the one that saw
        // the messages and for a second one, so that the order can be checked.
        let rates;
        await waitFor(async () => {
            rates = (await api(server, 'GET', '/admin/rates', admin)).data;
            return rates.samples.length >= 2
                && rates.samples.some((s) => Date.parse(s.at) > sentAt && s.messagesPerSecond > 0);
        }, 'two samples, one that saw the messages', 10000);
        assert.equal(rates.intervalSeconds, 1);
        const times = rates.samples.map((s) => Date.parse(s.at));
        assert.deepEqual(times, [...times].sort((x, y) => x - y), 'oldest first');
        for (const key of ['messagesPerSecond', 'pushesPerSecond', 'acksPerSecond', 'connections', 'queued', 'inFlight', 'writerWaiting', 'lastBatchSize', 'lastCommitMs'])
            assert.equal(typeof rates.samples.at(-1)[key], 'number', key);
        assert.ok(rates.samples.every((s) => s.messagesPerSecond >= 0));
        sender.close();
    });

    it('the /admin namespace refuses anonymous sockets and non-admins', async () => {
        const anonymous = feed(null);
        await assert.rejects(connected(anonymous.socket), /connect_error: Authentication error/);
        const user = await registerUser(server, '152');
        const wrongToken = feed({ id: user.id, token: 'not-a-token' });
        await assert.rejects(connected(wrongToken.socket), /connect_error: Authentication error/);
        const nonAdmin = feed(user);
        await assert.rejects(connected(nonAdmin.socket), /connect_error: Forbidden: the adminConsole permission is required/);
        assert.equal(nonAdmin.events.sessions.length, 0);
    });

    it('an admin feed ends when its session does (logout), checked every few seconds', async () => {
        const second = await createAdmin(server, database.env, `1871000${String(process.pid % 10000).padStart(4, '0')}`);
        const watcher = feed(second);
        await connected(watcher.socket);
        const closed = nextEvent(watcher.socket, 'disconnect', 10000);
        assert.equal((await api(server, 'POST', '/users/logout', second)).statusCode, 200);
        const [reason] = await closed;
        assert.equal(reason, 'io server disconnect');
    });

    it('an admin socket is sent sessions on changes, queues every second and each sample', async () => {
        const watcher = feed(admin);
        await connected(watcher.socket);
        await waitFor(() => watcher.events.sessions.length >= 1, 'the sessions list on connect');
        assert.ok(Array.isArray(watcher.events.sessions[0]), JSON.stringify(watcher.events.sessions));
        const carol = await registerUser(server, '152');
        const carolDevice = await device(carol, { deviceId: 'tablet' }).connect();
        const listed = () => watcher.events.sessions.at(-1).find((s) => s.userId === carol.id);
        await waitFor(() => listed(), 'carol in a sessions event', 5000);
        assert.equal(listed().account, carol.account);
        assert.equal(listed().deviceId, 'tablet');
        assert.ok(watcher.events.sessions.every((list) => !list.some((s) => s.userId === admin.id)),
            'admin sockets are no delivery sessions');
        await waitFor(() => listed()?.transport === 'websocket', 'the upgrade in a sessions event', 5000);
        carolDevice.close();
        await waitFor(() => !listed(), 'carol gone from a sessions event', 5000);

        const queuesBefore = watcher.events.queues.length;
        await waitFor(() => watcher.events.queues.length >= queuesBefore + 2, 'two queues events', 5000);
        const queues = watcher.events.queues.at(-1);
        for (const key of ['totals', 'channels', 'users', 'writer', 'notifications'])
            assert.ok(key in queues, key);
        assert.ok(!('rates' in queues), 'the history is not sent every second; samples come alone');
        const samplesBefore = watcher.events.sample.length;
        await waitFor(() => watcher.events.sample.length > samplesBefore, 'a sample event', 5000);
        const sample = watcher.events.sample.at(-1);
        assert.ok(Date.parse(sample.at) > 0);
        assert.equal(typeof sample.messagesPerSecond, 'number');

        // Once the last admin leaves, nothing is sent (and nothing breaks): the sampler and the
        // queues timer go on without a listener, as two new samples show.
        watcher.socket.disconnect();
        const leftAt = Date.now();
        await waitFor(async () => {
            const { samples } = (await api(server, 'GET', '/admin/rates', admin)).data;
            return samples.filter((s) => Date.parse(s.at) > leftAt).length >= 2;
        }, 'two samples after the last admin left', 10000);
        assert.equal((await overview()).database.status, 'up');
    });
});
