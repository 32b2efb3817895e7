// The messaging core end to end, as the desktop client meets it: the real socket.io-client and
// protobufjs with proto2 required fields against the real im-server binary.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { mariadbWanted, nextEvent, scratchMariaDb, sleep, startImServer } from './helpers.mjs';
import { api, befriend, ChatDevice, createAdmin, decode, encode, registerUser } from './imclient.mjs';

const backends = [
    { name: 'SQLite', setup: async () => ({ env: {}, drop: async () => {} }) },
    { name: 'MariaDB', skip: !mariadbWanted && 'IM_TEST_MARIADB_* not set', setup: () => scratchMariaDb(`im_messaging_${process.pid}`) },
];

for (const backend of backends) describe(`messaging core on ${backend.name}`, { skip: backend.skip }, () => {
    let server;
    let database;
    const devices = [];
    const device = (user, options) => {
        const created = new ChatDevice(server, user, options);
        devices.push(created);
        return created;
    };

    before(async () => {
        database = await backend.setup();
        server = await startImServer({ env: { ...database.env, SOCKET_ACK_TIMEOUT_MS: '1500', GROUP_REQUIRE_FRIENDSHIP: 'false', LOG_RULES: process.env.IM_TEST_LOG_RULES ?? '' } });
    });

    after(async () => {
        if (process.env.IM_TEST_DUMP)
            server.dumpOutput(400);
        for (const each of devices)
            each.close();
        if (server)
            await server.stop();
        await database?.drop();
    });

    it('single chat reaches every device of the receiver and the sender\'s other devices', async () => {
        const alice = await registerUser(server);
        const bob = await registerUser(server);
        await befriend(server, alice, bob);
        const alicePhone = await device(alice, { deviceId: 'phone' }).connect();
        const aliceDesk = await device(alice, { deviceId: 'desk' }).connect();
        const bobPhone = await device(bob, { deviceId: 'phone' }).connect();
        const bobDesk = await device(bob, { deviceId: 'desk', transports: ['polling'] }).connect();

        const ack = await alicePhone.send({ receiver: bob.id, content: 'hi bob' });
        assert.equal(ack.statusCode, 200);
        assert.equal(ack.message, 'Successfully.');
        assert.ok(ack.id > 0, 'the ack carries the assigned id');
        assert.equal(ack.seq, 1, 'the first message of the conversation has seq 1');

        for (const target of [bobPhone, bobDesk, aliceDesk])
            await target.until((d) => d.received.has(ack.msgId), `the push to ${target.deviceId}`);
        const pushed = bobPhone.received.get(ack.msgId);
        assert.equal(pushed.id, ack.id);
        assert.equal(pushed.sender, alice.id);
        assert.equal(pushed.receiver, bob.id);
        assert.equal(pushed.content, 'hi bob');
        assert.equal(pushed.seq, 1);
        assert.equal(pushed.senderInfo.account, alice.account);
        // A later message to alice is the marker: her phone's pushes leave in id order, so had it
        // been sent its own message, that would have come first.
        const marker = await bobPhone.send({ receiver: alice.id, content: 'marker' });
        assert.equal(marker.statusCode, 200);
        await alicePhone.until((d) => d.received.has(marker.msgId), 'the marker push to alice\'s phone');
        assert.deepEqual([...alicePhone.received.keys()], [marker.msgId],
            'the sending device is not sent its own message');
    });

    it('an offline receiver gets everything on connect, in id order, and its cursor moves', async () => {
        const alice = await registerUser(server);
        const bob = await registerUser(server);
        await befriend(server, alice, bob);
        const sender = await device(alice).connect();
        const ids = [];
        for (let i = 0; i < 30; ++i) {
            const ack = await sender.send({ receiver: bob.id, content: `offline ${i}` });
            assert.equal(ack.statusCode, 200);
            ids.push(ack.id);
        }
        const pending = await api(server, 'GET', '/events/message?pageSize=10', bob);
        assert.equal(pending.statusCode, 200);
        assert.equal(pending.count, 30);
        assert.deepEqual(pending.data.map((m) => m.id), ids.slice(0, 10));

        const order = [];
        const bobDevice = device(bob);
        const original = bobDevice.onMessage.bind(bobDevice);
        bobDevice.onMessage = (payload, ackFn) => {
            order.push(decode('MessageForReceived', payload).id);
            original(payload, ackFn);
        };
        await bobDevice.connect();
        await bobDevice.until((d) => d.received.size === 30, 'all 30 waiting messages');
        assert.deepEqual(order, ids, 'pushed once each, in id order');
        await waitForCount(server, bob, 0);
    });

    it('a retried msgId is acked again with the same id and stored once', async () => {
        const alice = await registerUser(server);
        const bob = await registerUser(server);
        await befriend(server, alice, bob);
        const sender = await device(alice).connect();
        const receiver = await device(bob).connect();
        const first = await sender.send({ receiver: bob.id, msgId: 'retry-1', content: 'once' });
        const second = await sender.send({ receiver: bob.id, msgId: 'retry-1', content: 'once' });
        assert.equal(first.statusCode, 200);
        assert.equal(second.statusCode, 200);
        assert.equal(second.id, first.id);
        await receiver.until((d) => d.received.has('retry-1'), 'the push');
        const another = await sender.send({ receiver: bob.id, content: 'next' });
        assert.equal(another.seq, 2, 'the retry took no seq');
        // The next message is the marker: a second push of the retry would have come before it.
        await receiver.until((d) => d.received.has(another.msgId), 'the push of the next message');
        assert.equal(receiver.pushes, 2, 'the retry was not pushed again');

        const carol = await registerUser(server);
        await befriend(server, carol, bob);
        const thief = await device(carol).connect();
        const stolen = await thief.send({ receiver: bob.id, msgId: 'retry-1' });
        assert.equal(stolen.statusCode, 409, 'another sender cannot reuse the msgId');
    });

    it('refuses spoofed senders, strangers, blocked senders, non-members and bad payloads with 4xx acks', async () => {
        const alice = await registerUser(server);
        const bob = await registerUser(server);
        const stranger = await registerUser(server);
        await befriend(server, alice, bob);
        const aliceDevice = await device(alice).connect();

        const spoofed = await aliceDevice.send({ sender: bob.id, receiver: bob.id });
        assert.equal(spoofed.statusCode, 403);
        const toStranger = await aliceDevice.send({ receiver: stranger.id });
        assert.equal(toStranger.statusCode, 403);
        const unknown = await aliceDevice.send({ receiver: 99999999 });
        assert.equal(unknown.statusCode, 404);
        const badType = await aliceDevice.send({ receiver: bob.id, type: 'sticker' });
        assert.equal(badType.statusCode, 400);
        const tooLong = await aliceDevice.send({ receiver: bob.id, content: 'x'.repeat(10001) });
        assert.equal(tooLong.statusCode, 413);
        const garbage = await aliceDevice.emitRaw('on-message', new Uint8Array([0xff, 0x01, 0x02]));
        assert.equal(garbage.statusCode, 400);
        const missingRequired = await aliceDevice.emitRaw('on-message', encode('AckMessage', { statusCode: 1 }));
        assert.equal(missingRequired.statusCode, 400);

        const blocked = await api(server, 'PUT', `/friends/${alice.id}`, bob, { block: true });
        assert.equal(blocked.statusCode, 200);
        const refused = await aliceDevice.send({ receiver: bob.id });
        assert.equal(refused.statusCode, 403);
        assert.match(refused.message, /blocked/);

        const group = await api(server, 'POST', '/groups', bob, { name: 'closed', type: 1, members: [stranger.id] });
        assert.equal(group.statusCode, 200);
        const outsider = await aliceDevice.send({ groupId: group.data.id, receiver: group.data.id });
        assert.equal(outsider.statusCode, 403);
        assert.ok(aliceDevice.socket.connected, 'refusals never cost the connection');
    });

    it('group chat stores once, reaches members from the time they joined, and stops after leaving', async () => {
        const owner = await registerUser(server);
        const member = await registerUser(server);
        const late = await registerUser(server);
        const created = await api(server, 'POST', '/groups', owner, { name: 'team', type: 1, members: [member.id] });
        const groupId = created.data.id;
        const ownerDevice = await device(owner).connect();
        const memberDevice = await device(member).connect();
        const early = await ownerDevice.send({ groupId, receiver: groupId, content: 'before' });
        assert.equal(early.statusCode, 200);
        await memberDevice.until((d) => d.received.has(early.msgId), 'the group push');
        assert.equal(memberDevice.received.get(early.msgId).groupId, groupId);

        assert.equal((await api(server, 'POST', '/groups/members', owner, { id: groupId, members: [late.id] })).statusCode, 200);
        const lateDevice = await device(late).connect();
        const next = await memberDevice.send({ groupId, receiver: groupId, content: 'after' });
        assert.equal(next.statusCode, 200);
        assert.equal(next.seq, 2);
        await lateDevice.until((d) => d.received.has(next.msgId), 'the push to the new member');
        await ownerDevice.until((d) => d.received.has(next.msgId), 'the push to the owner');
        assert.equal(lateDevice.received.has(early.msgId), false, 'no history from before joining');

        const range = await api(server, 'GET', `/events/message/range?groupId=${groupId}&fromSeq=1&toSeq=10`, member);
        assert.deepEqual(range.data.map((m) => m.seq), [1, 2]);
        const lateRange = await api(server, 'GET', `/events/message/range?groupId=${groupId}&fromSeq=1&toSeq=10`, late);
        assert.deepEqual(lateRange.data.map((m) => m.seq), [2]);

        assert.equal((await api(server, 'DELETE', '/groups/members', owner, { id: groupId, members: [late.id] })).statusCode, 200);
        const third = await ownerDevice.send({ groupId, receiver: groupId, content: 'gone' });
        await memberDevice.until((d) => d.received.has(third.msgId), 'the push after the removal');
        // The marker: a later message in another group of the removed member. Pushes leave in id
        // order, so had the removed member been sent the group's message, it would have come first.
        const other = await api(server, 'POST', '/groups', owner, { name: 'other', type: 1, members: [late.id] });
        assert.equal(other.statusCode, 200);
        const marker = await ownerDevice.send({ groupId: other.data.id, receiver: other.data.id, content: 'marker' });
        assert.equal(marker.statusCode, 200);
        await lateDevice.until((d) => d.received.has(marker.msgId), 'the marker push to the removed member');
        assert.equal(lateDevice.received.has(third.msgId), false, 'a removed member gets nothing');
        const removedSend = await lateDevice.send({ groupId, receiver: groupId });
        assert.equal(removedSend.statusCode, 403);
    });

    it('read receipts: monotonic lastRead, pushed to the peer, group readers by cursor', async () => {
        const alice = await registerUser(server);
        const bob = await registerUser(server);
        await befriend(server, alice, bob);
        const aliceDevice = await device(alice).connect();
        const bobDevice = await device(bob).connect();
        const first = await aliceDevice.send({ receiver: bob.id, content: 'one' });
        const second = await aliceDevice.send({ receiver: bob.id, content: 'two' });
        const readAck = await bobDevice.emitRaw('on-message:read', encode('MessageRead', { id: second.id, sender: bob.id, receiver: alice.id }));
        assert.equal(readAck.statusCode, 200);
        await aliceDevice.until((d) => d.receipts.length === 1, 'the receipt push');
        assert.equal(aliceDevice.receipts[0].id, second.id);
        const backwards = await bobDevice.emitRaw('on-message:read', encode('MessageRead', { id: first.id, sender: bob.id, receiver: alice.id }));
        assert.equal(backwards.statusCode, 200);
        const reads = await api(server, 'GET', `/events/message/read?peer=${bob.id}`, alice);
        assert.equal(reads.data.peerLastRead, second.id, 'the read cursor never moves back');
        const beyond = await bobDevice.emitRaw('on-message:read', encode('MessageRead', { id: second.id + 1000, sender: bob.id, receiver: alice.id }));
        assert.equal(beyond.statusCode, 404, 'a read position beyond the conversation is refused');
        const spoofed = await bobDevice.emitRaw('on-message:read', encode('MessageRead', { id: second.id, sender: alice.id, receiver: bob.id }));
        assert.equal(spoofed.statusCode, 403);

        const carol = await registerUser(server);
        const group = await api(server, 'POST', '/groups', alice, { name: 'readers', type: 1, members: [bob.id, carol.id] });
        const groupMessage = await aliceDevice.send({ groupId: group.data.id, receiver: group.data.id });
        const groupRead = await bobDevice.emitRaw('on-message:read', encode('MessageRead', { id: groupMessage.id, sender: bob.id, groupId: group.data.id, receiver: group.data.id }));
        assert.equal(groupRead.statusCode, 200);
        const readers = await api(server, 'GET', `/events/message/${groupMessage.id}/readers`, alice);
        assert.deepEqual(readers.data.read, [bob.id]);
        assert.deepEqual(readers.data.unread, [carol.id]);
        const notMine = await api(server, 'GET', `/events/message/${groupMessage.id}/readers`, await registerUser(server));
        assert.equal(notMine.statusCode, 404);
    });

    it('the delivery queues are observable by admins only', async () => {
        const alice = await registerUser(server);
        const bob = await registerUser(server);
        await befriend(server, alice, bob);
        const sender = await device(alice).connect();
        for (let i = 0; i < 5; ++i)
            assert.equal((await sender.send({ receiver: bob.id, content: `q${i}` })).statusCode, 200);
        const refused = await api(server, 'GET', '/admin/queues', alice);
        assert.equal(refused.statusCode, 403);
        const admin = await createAdmin(server, database.env, `1880000${String(process.pid % 10000).padStart(4, '0')}`);
        // A device that never acks: its pushes stay in flight and its cursor stays at 0. They
        // time out after SOCKET_ACK_TIMEOUT_MS and wait a little before each retry, so poll
        // (bounded) for a moment when all five are in flight.
        const silent = await device(bob, { deviceId: 'silent', dropAckRate: 1 }).connect();
        await silent.until((d) => d.received.size === 5, 'the five pushes');
        let queues;
        let channel;
        await waitFor(async () => {
            queues = await api(server, 'GET', '/admin/queues', admin);
            assert.equal(queues.statusCode, 200);
            channel = queues.data.channels.find((c) => c.userId === bob.id && c.deviceId === 'silent');
            return channel?.inFlight === 5;
        }, 'the silent device listed with its five pushes in flight');
        assert.equal(channel.cursor, 0);
        assert.equal(channel.acked, 0);
        assert.ok(queues.data.totals.pushed >= 5);
        assert.ok(queues.data.writer.messages >= 5);
        assert.ok(queues.data.writer.batches >= 1);
    });

    it('admins list live sessions and disconnect one session or a whole user', async () => {
        const carol = await registerUser(server);
        const phone = await device(carol, { deviceId: 'phone' }).connect();
        const desk = await device(carol, { deviceId: 'desk', transports: ['polling'] }).connect();
        assert.equal((await api(server, 'GET', '/admin/sessions', carol)).statusCode, 403);
        assert.equal((await api(server, 'DELETE', `/admin/users/${carol.id}/sessions`, carol)).statusCode, 403);
        const admin = await createAdmin(server, database.env, `1890000${String(process.pid % 10000).padStart(4, '0')}`);
        let listed;
        await waitFor(async () => {
            listed = (await api(server, 'GET', '/admin/sessions', admin)).data.filter((s) => s.userId === carol.id);
            return listed.length === 2 && listed.some((s) => s.transport === 'websocket');
        }, 'both sessions, one upgraded');
        const phoneSession = listed.find((s) => s.deviceId === 'phone');
        assert.equal(phoneSession.account, carol.account);
        assert.equal(phoneSession.transport, 'websocket');
        assert.equal(listed.find((s) => s.deviceId === 'desk').transport, 'polling');
        assert.equal(phoneSession.remoteAddress.replace('::ffff:', ''), '127.0.0.1');
        assert.ok(phoneSession.connectedSince);

        const gone = nextEvent(phone.socket, 'disconnect', 5000);
        assert.equal((await api(server, 'DELETE', `/admin/sessions/${phoneSession.sid}`, admin)).statusCode, 200);
        await gone;
        assert.equal((await api(server, 'DELETE', `/admin/sessions/${phoneSession.sid}`, admin)).statusCode, 404);
        const deskGone = nextEvent(desk.socket, 'disconnect', 5000);
        const closed = await api(server, 'DELETE', `/admin/users/${carol.id}/sessions`, admin);
        assert.equal(closed.statusCode, 200);
        assert.equal(closed.data.closed, 1);
        await deskGone;
    });

    it('friend requests are pushed as on-notify with remark and ext, pending ones again on connect', async () => {
        const alice = await registerUser(server);
        const bob = await registerUser(server);
        const bobDevice = await device(bob).connect();
        const request = await api(server, 'POST', '/friends', alice, { userId: bob.id });
        assert.equal(request.statusCode, 200);
        await bobDevice.until((d) => d.notifies.length === 1, 'the notify push');
        const notify = bobDevice.notifies[0];
        assert.equal(notify.type, 1);
        assert.equal(notify.status, 1);
        assert.equal(notify.remark, '');
        assert.equal(notify.ext, '');
        assert.equal(notify.sender.account, alice.account);
        // Acked 200 by this client: Received, so no longer pending.
        await waitFor(async () => (await api(server, 'GET', '/events/notify', bob)).count === 0, 'the status to move to Received');

        const carol = await registerUser(server);
        await api(server, 'POST', '/friends', carol, { userId: alice.id, remark: 'hello' });
        const pending = await api(server, 'GET', '/events/notify', alice);
        assert.equal(pending.count, 1);
        const offline = pending.data[0];
        assert.equal(offline.remark, 'hello');
        assert.equal(pending.data[0].senderInfo.account, carol.account);
        assert.equal(pending.data[0].senderInfo.pwd, undefined);
        const aliceDevice = await device(alice).connect();
        await aliceDevice.until((d) => d.notifies.some((n) => n.id === offline.id), 'the pending notify on connect');
        const marked = await api(server, 'POST', '/events/notify/readed', alice, { notifyId: offline.id });
        assert.equal(marked.statusCode, 200);
        const foreign = await api(server, 'POST', '/events/notify/readed', bob, { notifyId: offline.id });
        assert.equal(foreign.statusCode, 404, 'only the receiver marks a notify');
    });
});

async function waitFor(check, what, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (await check())
            return;
        await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
}

async function waitForCount(server, user, expected) {
    await waitFor(async () => (await api(server, 'GET', '/events/message', user)).count === expected,
        `${expected} messages above the cursor`);
}
