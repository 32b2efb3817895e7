// Fault injection on MariaDB: receivers that drop a share of their acks, devices that disconnect
// and reconnect at random, and the server killed with SIGKILL and restarted mid-run. At the end
// every message acked to its sender is held by every device of every recipient exactly once, and
// no delivery cursor sampled from the database ever passed a message its device had not
// acknowledged. The real socket.io-client and protobufjs, as the desktop client has them.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { mariadbWanted, scratchMariaDb, sleep, sql, startImServer } from './helpers.mjs';
import { api, ChatDevice, registerUser } from './imclient.mjs';

// A seeded random source, so a failing run can be repeated (IM_FAULTS_SEED).
const seed = Number(process.env.IM_FAULTS_SEED ?? Date.now() % 100000);
function mulberry32(a) {
    return () => {
        a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
const random = mulberry32(seed);
const pick = (items) => items[Math.floor(random() * items.length)];

const database = `im_faults_${process.pid}`;
const query = (statement) => sql(statement, database);

describe('delivery under faults (MariaDB)', { skip: !mariadbWanted && 'IM_TEST_MARIADB_* not set' }, () => {
    let server;
    let port;
    const devices = [];
    const users = [];
    let groupId;
    const stats = { sent: 0, sendRetries: 0, disconnects: 0, kills: 0, cursorSamples: 0 };

    let scratch;
    const serverEnv = () => ({
        ...scratch.env, CHAT_REQUIRE_FRIENDSHIP: 'false',
        SOCKET_ACK_TIMEOUT_MS: '400', DELIVERY_WINDOW: '8', PORT: String(port ?? 0),
        LOG_RULES: process.env.IM_TEST_LOG_RULES ?? '',
    });

    before(async () => {
        scratch = await scratchMariaDb(database);
        server = await startImServer({ env: serverEnv() });
        port = server.port;
        for (let i = 0; i < 4; ++i)
            users.push(await registerUser(server, '150'));
        const group = await api(server, 'POST', '/groups', users[0], {
            name: 'faults', type: 1, members: users.slice(1).map((u) => u.id),
        });
        assert.equal(group.statusCode, 200);
        groupId = group.data.id;
        for (const user of users) {
            for (const deviceId of ['a', 'b']) {
                const device = new ChatDevice(server, user, { deviceId, dropAckRate: 0.2, random });
                device.everAcked = new Set();
                devices.push(device);
            }
        }
    });

    after(async () => {
        if (process.env.IM_FAULTS_VERBOSE && server)
            server.dumpOutput(3000);
        for (const device of devices)
            device.close();
        if (server)
            await server.stop();
        await scratch?.drop();
    });

    // Keeps a device connected to the current server (reconnecting after a fault); its acked ids
    // are remembered across connections.
    async function ensureConnected(device) {
        if (device.socket?.connected)
            return;
        device.close();
        device.server = server;
        const acked = device.acked;
        try {
            await device.connect(5000);
        } catch (error) {
            if (process.env.IM_FAULTS_VERBOSE)
                console.error(`connect ${device.user.id}/${device.deviceId}: ${error.message}`);
            device.close();
            return;
        }
        device.acked = acked;
        device.socket.on('disconnect', () => {});
    }

    // Sends until acked 200, retrying the same msgId across timeouts, disconnects and restarts.
    async function sendReliably(device, fields) {
        const msgId = crypto.randomUUID();
        for (;;) {
            await ensureConnected(device);
            try {
                const ack = await device.send({ ...fields, msgId }, 3000);
                if (ack.statusCode === 200)
                    return { ...ack, msgId };
                assert.ok(ack.statusCode >= 500, `unexpected refusal ${JSON.stringify(ack)}`);
            } catch {
                // timeout or a dropped connection: retry
            }
            stats.sendRetries += 1;
            await sleep(100);
        }
    }

    // Every message visible to each user (single: both ends; group: every member, all joined before
    // the first message), from the database.
    async function visibleByUser() {
        const rows = await query('SELECT id, sender, receiver, groupId FROM Messages');
        const visible = new Map(users.map((u) => [u.id, []]));
        for (const [id, sender, receiver, group] of rows) {
            const targets = group !== 'NULL' ? users.map((u) => u.id) : [Number(sender), Number(receiver)];
            for (const target of targets)
                visible.get(target)?.push(Number(id));
        }
        return visible;
    }

    // No cursor may pass a visible message its device neither acknowledged nor sent.
    async function checkCursors() {
        const cursors = await query('SELECT userId, deviceId, lastAck FROM DeliveryCursors');
        const visible = await visibleByUser();
        stats.cursorSamples += 1;
        for (const [userId, deviceId, lastAck] of cursors) {
            const device = devices.find((d) => d.user.id === Number(userId) && d.deviceId === deviceId);
            if (!device)
                continue;
            for (const id of visible.get(Number(userId)) ?? []) {
                if (id <= Number(lastAck)) {
                    assert.ok(device.acked.has(id) || device.sentIds?.has(id),
                        `cursor ${lastAck} of ${userId}/${deviceId} passed message ${id}, never acknowledged there`);
                }
            }
        }
    }

    it('delivers every acked message to every device exactly once, cursors never pass a hole', async () => {
        const sent = []; // {id, msgId, from: device, groupId?, receiver}
        let running = true;

        const senders = users.map(async (user, index) => {
            const device = devices[index * 2];
            device.sentIds = new Set();
            for (let i = 0; i < 120 && running; ++i) {
                const toGroup = random() < 0.3;
                const peer = pick(users.filter((u) => u.id !== user.id));
                const fields = toGroup ? { groupId, receiver: groupId } : { receiver: peer.id };
                const ack = await sendReliably(device, { ...fields, content: `m${index}-${i}` });
                device.sentIds.add(ack.id);
                sent.push({ id: ack.id, msgId: ack.msgId, from: device, ...fields });
                stats.sent += 1;
                await sleep(random() * 30);
            }
        });

        const chaos = (async () => {
            while (running) {
                await sleep(150 + random() * 300);
                const victim = pick(devices);
                if (victim.socket?.connected) {
                    victim.close();
                    stats.disconnects += 1;
                }
            }
        })();

        const reconnector = (async () => {
            while (running) {
                await sleep(200);
                await Promise.all(devices.filter((d) => random() < 0.5).map(ensureConnected));
            }
        })();

        const progress = setInterval(() => {
            if (process.env.IM_FAULTS_VERBOSE)
                console.error(`progress: ${JSON.stringify(stats)} connected ${devices.filter((d) => d.socket?.connected).length}`);
        }, 1000);
        const sampler = (async () => {
            while (running) {
                await checkCursors();
                await sleep(150);
            }
        })();

        // Mid-run: SIGKILL and a restart on the same database and port.
        await sleep(3000);
        const dataDir = server.dataDir; // the same secret key: sessions survive
        await server.stop('SIGKILL');
        stats.kills += 1;
        await sleep(300);
        server = await startImServer({ env: serverEnv(), dataDir });

        await Promise.all(senders);
        running = false;
        await Promise.all([chaos, reconnector, sampler]);
        clearInterval(progress);

        // Calm down: everyone online, no more dropped acks; redelivery must fill every hole.
        for (const device of devices) {
            device.dropAckRate = 0;
            await ensureConnected(device);
        }
        const expected = new Map(devices.map((d) => [d, new Set()]));
        for (const message of sent) {
            const recipients = message.groupId ? users.map((u) => u.id) : [message.receiver, message.from.user.id];
            for (const device of devices) {
                if (recipients.includes(device.user.id) && device !== message.from)
                    expected.get(device).add(message.msgId);
            }
        }
        for (const device of devices) {
            const wanted = expected.get(device);
            await device.until((d) => [...wanted].every((msgId) => d.received.has(msgId)),
                `device ${device.user.id}/${device.deviceId} to hold its ${wanted.size} messages`, 60000);
        }
        await checkCursors();

        const stored = await query('SELECT COUNT(*), COUNT(DISTINCT msgId) FROM Messages');
        assert.equal(Number(stored[0][0]), sent.length, 'every acked message stored exactly once');
        assert.equal(Number(stored[0][1]), sent.length);
        for (const device of devices) {
            const ids = [...device.received.values()].map((m) => m.id);
            assert.equal(new Set(ids).size, device.received.size, 'one id per msgId');
            for (const msgId of device.received.keys())
                assert.ok(expected.get(device).has(msgId) || device.sentIds?.size, `unexpected message at ${device.deviceId}`);
        }
        const pushes = devices.reduce((n, d) => n + d.pushes, 0);
        const dropped = devices.reduce((n, d) => n + d.dropped, 0);
        console.log(`faults run (seed ${seed}): ${stats.sent} messages acked to senders, ${pushes} pushes, `
            + `${dropped} acks dropped, ${stats.disconnects} forced disconnects, ${stats.kills} SIGKILL + restart, `
            + `${stats.sendRetries} send retries, ${stats.cursorSamples} cursor samples checked`);
    });
});
