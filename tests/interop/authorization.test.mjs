// The authorization matrix: user A tries every endpoint that takes an id (path, query or body)
// on things of user B's — B's user row, friendships, friend requests, groups, conversations,
// messages, notifications, admin routes — and must be refused without learning or changing
// anything. B's data is compared before and after.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { startImServer } from './helpers.mjs';
import { api, befriend, ChatDevice, registerUser } from './imclient.mjs';

describe('authorization matrix: A against B\'s ids', () => {
    let server;
    let a;
    let b;
    let c; // B's friend, a stranger to A
    let group; // B's group with C; A is not a member
    let message; // a message from B to C
    let groupMessage;
    let pendingNotify; // a request from C to B, still pending
    const devices = [];

    // What B owns, as B sees it through the API.
    async function snapshotOfB() {
        const parts = await Promise.all([
            api(server, 'GET', '/friends', b),
            api(server, 'GET', `/friends/${c.id}`, b),
            api(server, 'GET', `/groups/${group.id}`, b),
            api(server, 'GET', `/events/message/range?peer=${c.id}&fromSeq=1&toSeq=100`, b),
            api(server, 'GET', `/events/message/read?peer=${c.id}`, b),
            api(server, 'GET', '/events/notify', b),
            api(server, 'GET', '/events/message', b),
        ]);
        // B's own row (e-mail, avatar...) as a login shows it, without the new token.
        const login = await api(server, 'POST', '/users/login', null, { account: b.account, pwd: 'secret123' });
        delete login.data.token;
        return JSON.stringify([login.data, ...parts.map((part) => part.data ?? part)]);
    }

    before(async () => {
        server = await startImServer();
        a = await registerUser(server, '151');
        b = await registerUser(server, '151');
        c = await registerUser(server, '151');
        await befriend(server, b, c);
        group = (await api(server, 'POST', '/groups', b, { name: 'private', type: 1, members: [c.id] })).data;
        const bDevice = new ChatDevice(server, b);
        devices.push(bDevice);
        await bDevice.connect();
        message = await bDevice.send({ receiver: c.id, content: 'secret' });
        groupMessage = await bDevice.send({ groupId: group.id, receiver: group.id, content: 'group secret' });
        bDevice.close();
        const stranger = await registerUser(server, '151');
        await api(server, 'POST', '/friends', stranger, { userId: b.id, remark: 'please' });
        pendingNotify = (await api(server, 'GET', '/events/notify', b)).data[0];
        assert.ok(pendingNotify, 'B has a pending request');
    });

    after(async () => {
        for (const device of devices)
            device.close();
        if (server)
            await server.stop();
    });

    it('refuses every id-taking endpoint and leaves B\'s data unchanged', async () => {
        const before = await snapshotOfB();
        const attempts = [
            // [method, path, body, allowed statuses]
            ['GET', `/users/${b.id}`, undefined, [403]],
            ['PUT', '/users', { id: b.id, email: 'stolen@example.com' }, [200, 400, 403]],
            ['GET', `/friends/${c.id}`, undefined, [403, 404]],
            ['PUT', `/friends/${c.id}`, { remark: 'mine now', block: true }, [403, 404]],
            ['DELETE', `/friends/${c.id}`, undefined, [403, 404]],
            ['POST', '/friends/agree', { notifyId: pendingNotify.id }, [403, 404]],
            ['POST', '/friends/reject', { notifyId: pendingNotify.id }, [403, 404]],
            ['GET', `/groups/${group.id}`, undefined, [403, 404]],
            ['PUT', '/groups', { id: group.id, name: 'taken' }, [403, 404]],
            ['DELETE', `/groups/${group.id}`, undefined, [403, 404]],
            ['POST', '/groups/members', { id: group.id, members: [a.id] }, [403, 404]],
            ['DELETE', '/groups/members', { id: group.id, members: [c.id] }, [403, 404]],
            ['DELETE', `/groups/${group.id}/members/me`, undefined, [404]],
            // A's own (empty) conversation with C: never B's.
            ['GET', `/events/message/range?peer=${c.id}&fromSeq=1&toSeq=10`, undefined, [200, 404]],
            ['GET', `/events/message/range?groupId=${group.id}&fromSeq=1&toSeq=10`, undefined, [403, 404]],
            ['GET', `/events/message/read?peer=${c.id}`, undefined, [404]],
            ['GET', `/events/message/read?groupId=${group.id}`, undefined, [403, 404]],
            ['GET', `/events/message/${groupMessage.id}/readers`, undefined, [403, 404]],
            ['GET', `/events/message/${message.id}/readers`, undefined, [403, 404]],
            ['POST', '/events/notify/received', { notifyId: pendingNotify.id }, [404]],
            ['POST', '/events/notify/readed', { notifyId: pendingNotify.id }, [404]],
            ['POST', '/permission/role/set', { userId: b.id, roleId: 2 }, [403]],
            ['POST', '/electron/activate', { id: 1, actived: true }, [403]],
            ['GET', '/electron/releases', undefined, [403]],
            ['GET', '/admin/overview', undefined, [403]],
            ['GET', '/admin/queues', undefined, [403]],
            ['GET', '/admin/rates', undefined, [403]],
            ['GET', '/admin/sessions', undefined, [403]],
            ['DELETE', `/admin/users/${b.id}/sessions`, undefined, [403]],
            ['DELETE', '/admin/sessions/anything', undefined, [403]],
            ['GET', `/admin/users/${b.id}/cursors`, undefined, [403]],
            ['GET', '/admin/cursors/lagging', undefined, [403]],
        ];
        for (const [method, path, body, allowed] of attempts) {
            const answer = await api(server, method, path, a, body);
            assert.ok(allowed.includes(answer.httpStatus),
                `${method} ${path} answered ${answer.httpStatus}: ${JSON.stringify(answer)}`);
            if (answer.httpStatus === 200) {
                assert.ok(!JSON.stringify(answer).includes('secret'), `${method} ${path} leaked B's data`);
                assert.ok(!(answer.data?.length > 0) || method !== 'GET', `${method} ${path} returned rows`);
            }
        }
        // A's own view never contains B's conversation.
        const mine = await api(server, 'GET', '/events/message', a);
        assert.equal(mine.count, 0);
        // A's socket cannot send as B or into B's group, nor mark B's reads.
        const aDevice = new ChatDevice(server, a);
        devices.push(aDevice);
        await aDevice.connect();
        assert.equal((await aDevice.send({ sender: b.id, receiver: c.id })).statusCode, 403);
        assert.equal((await aDevice.send({ groupId: group.id, receiver: group.id })).statusCode, 403);
        // The marker: a message to A from a friend of A's, sent after all of that. A's pushes
        // leave in id order, so anything of B's pushed to A would have come before it.
        const friend = await registerUser(server, '151');
        await befriend(server, friend, a);
        const friendDevice = new ChatDevice(server, friend);
        devices.push(friendDevice);
        await friendDevice.connect();
        const marker = await friendDevice.send({ receiver: a.id, content: 'marker' });
        assert.equal(marker.statusCode, 200);
        await aDevice.until((d) => d.received.has(marker.msgId), 'the marker push to A');
        assert.deepEqual([...aDevice.received.keys()], [marker.msgId], 'A received none of B\'s messages');

        assert.equal(await snapshotOfB(), before, 'B\'s data is unchanged');
    });
});
