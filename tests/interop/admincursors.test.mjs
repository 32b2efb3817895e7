// The admin console's cursor endpoints end to end against the real im-server: a device that is
// offline while messages arrive shows them as its lag, ranks first among the lagging devices, and
// is back at 0 once it has connected and acked; plus the permission and parameter checks.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { mariadbWanted, scratchMariaDb, startImServer, waitFor } from './helpers.mjs';
import { api, befriend, ChatDevice, createAdmin, registerUser } from './imclient.mjs';

const backends = [
    { name: 'SQLite', setup: async () => ({ env: {}, drop: async () => {} }) },
    { name: 'MariaDB', skip: !mariadbWanted && 'IM_TEST_MARIADB_* not set', setup: () => scratchMariaDb(`im_admincursors_${process.pid}`) },
];

for (const backend of backends) describe(`admin cursor endpoints on ${backend.name}`, { skip: backend.skip }, () => {
    let server;
    let database;
    let admin;
    const devices = [];
    const device = (user, options) => {
        const created = new ChatDevice(server, user, options);
        devices.push(created);
        return created;
    };
    const cursorsOf = async (user) => {
        const answer = await api(server, 'GET', `/admin/users/${user.id}/cursors`, admin);
        assert.equal(answer.statusCode, 200, JSON.stringify(answer));
        return answer.data;
    };
    const lagging = async (query = '') => {
        const answer = await api(server, 'GET', `/admin/cursors/lagging${query}`, admin);
        assert.equal(answer.statusCode, 200, JSON.stringify(answer));
        return answer.data;
    };
    // A device that has held every message up to \a upTo and then went offline.
    const offlineDevice = async (user, deviceId, upTo) => {
        const online = await device(user, { deviceId }).connect();
        await online.until((d) => d.acked.has(upTo), `${deviceId} acking ${upTo}`);
        online.close();
        await waitFor(async () => (await cursorsOf(user)).devices.some((each) => each.deviceId === deviceId && each.lastAck === upTo && !each.online),
            `${deviceId} offline with its cursor stored`, 10000);
    };

    before(async () => {
        database = await backend.setup();
        server = await startImServer({ env: { ...database.env, LOG_RULES: process.env.IM_TEST_LOG_RULES ?? '' } });
        admin = await createAdmin(server, database.env, `1850000${String(process.pid % 10000).padStart(4, '0')}`);
    });

    after(async () => {
        for (const each of devices)
            each.close();
        if (server)
            await server.stop();
        await database?.drop();
    });

    it('reports the lag of an offline device, ranks it first, and shows it caught up after connecting', async () => {
        const alice = await registerUser(server, '153');
        const bob = await registerUser(server, '153');
        const carol = await registerUser(server, '153');
        await befriend(server, alice, bob);
        await befriend(server, alice, carol);
        const sender = await device(alice, { deviceId: 'desk' }).connect();

        const first = await sender.send({ receiver: bob.id, content: 'while online' });
        const toCarol = await sender.send({ receiver: carol.id, content: 'carol 1' });
        await offlineDevice(bob, 'phone', first.id);
        await offlineDevice(carol, 'laptop', toCarol.id);

        const sent = [];
        for (let i = 0; i < 5; ++i)
            sent.push((await sender.send({ receiver: bob.id, content: `offline ${i}` })).id);
        for (let i = 0; i < 2; ++i)
            await sender.send({ receiver: carol.id, content: `carol offline ${i}` });

        const report = await cursorsOf(bob);
        assert.deepEqual(report.user, { id: bob.id, account: bob.account, nickname: null });
        assert.equal(report.truncated, false);
        assert.deepEqual(report.devices, [{ deviceId: 'phone', lastAck: first.id, newestId: sent[4], ackLag: 5, ackLagCapped: false, online: false }]);
        assert.equal(report.conversations.length, 1);
        const [chat] = report.conversations;
        assert.equal(chat.kind, 'single');
        assert.equal(chat.peerId, alice.id);
        assert.equal(chat.groupId, null);
        assert.equal(chat.newestId, sent[4]);
        assert.equal(chat.newestSeq, 6);
        assert.equal(chat.lastReadSeq, 0);
        assert.equal(chat.readLag, 6);
        assert.deepEqual(report.rows, [{
            deviceId: 'phone', conversationId: chat.conversationId, kind: 'single', peerId: alice.id, groupId: null,
            lastAck: first.id, lastReadSeq: 0, newestId: sent[4], newestSeq: 6, ackLag: 5, readLag: 6,
        }]);

        // Bob's phone (5 behind) before carol's laptop (2 behind); alice's desk holds everything.
        const ranked = (await lagging()).filter((each) => [alice.id, bob.id, carol.id].includes(each.userId));
        assert.deepEqual(ranked.map((each) => [each.userId, each.deviceId, each.ackLag]),
            [[bob.id, 'phone', 5], [carol.id, 'laptop', 2]]);
        assert.equal(ranked[0].account, bob.account);
        assert.equal(ranked[0].lastAck, first.id);
        assert.equal(ranked[0].newestId, sent[4]);
        assert.equal(ranked[0].online, false);
        const top = await lagging('?limit=1');
        assert.equal(top.length, 1);
        assert.deepEqual([top[0].userId, top[0].deviceId], [bob.id, 'phone']);

        const phone = await device(bob, { deviceId: 'phone' }).connect();
        await phone.until((d) => sent.every((id) => d.acked.has(id)), 'the 5 waiting messages acked');
        await waitFor(async () => {
            const now = (await cursorsOf(bob)).devices[0];
            return now.ackLag === 0 && now.lastAck === sent[4] && now.online;
        }, 'bob\'s phone caught up', 10000);
        assert.equal((await cursorsOf(bob)).rows[0].ackLag, 0);
        const after = (await lagging()).filter((each) => [alice.id, bob.id, carol.id].includes(each.userId));
        assert.deepEqual(after.map((each) => [each.userId, each.deviceId, each.ackLag]), [[carol.id, 'laptop', 2]]);
    });

    it('answers 401 without a session, 403 without the permission, 400 and 404 for bad ids and limits', async () => {
        const user = await registerUser(server, '153');
        for (const path of [`/admin/users/${user.id}/cursors`, '/admin/cursors/lagging']) {
            assert.equal((await api(server, 'GET', path, null)).httpStatus, 401, path);
            const refused = await api(server, 'GET', path, user);
            assert.equal(refused.httpStatus, 403, path);
            assert.equal(refused.statusCode, 403, path);
        }
        for (const path of ['/admin/users/abc/cursors', '/admin/users/0/cursors', '/admin/users/-3/cursors',
            '/admin/cursors/lagging?limit=0', '/admin/cursors/lagging?limit=101', '/admin/cursors/lagging?limit=abc',
            '/admin/cursors/lagging?limit=']) {
            const answer = await api(server, 'GET', path, admin);
            assert.equal(answer.httpStatus, 400, `${path}: ${JSON.stringify(answer)}`);
            assert.equal(answer.statusCode, 400, path);
        }
        const missing = await api(server, 'GET', '/admin/users/999999/cursors', admin);
        assert.equal(missing.httpStatus, 404);
        assert.equal(missing.statusCode, 404);
        assert.match(missing.message, /999999/);
        assert.ok((await lagging('?limit=100')).length <= 100);
    });
});
