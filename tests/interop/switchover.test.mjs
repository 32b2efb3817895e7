// The operator's switch-over from the original server, end to end on MariaDB: the original's
// database (tests/fixtures/im_server_original.sql), its .env.prod in a fresh folder and its
// uploaded files under MULTER_DEST in its own layout; im-server started in that folder with
// NODE_ENV=prod and nothing else. Then the desktop client's way in with the real socket.io-client:
// an old password, friends and groups, the messages that were waiting, a new message to a
// friend, and an uploaded file at the URL a message of the original carries.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';

import { httpRequest, mariadb, mariadbWanted, sql, startServerProcess } from './helpers.mjs';
import { api, ChatDevice } from './imclient.mjs';

const FIXTURE = fileURLToPath(new URL('../fixtures/im_server_original.sql', import.meta.url));
const PASSWORD = 'peer-load-pw'; // every fixture user's, as the original hashed it (bcrypt)
const SECRET_KEY = 'switch-over-secret-key-0123456789';
// A 1x1 PNG, as the original stored an upload: under the client's own name.
const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64');
const ASAR = Buffer.from('an asar archive of release 1.0.0');

//! Loads a mysqldump file into \a database with the mariadb client.
function loadDump(database, path) {
    return new Promise((resolve, reject) => {
        const child = spawn('mariadb', ['--no-defaults', '--protocol=TCP', '-h', mariadb.host,
            '-P', String(mariadb.port), '-u', mariadb.user, `-p${mariadb.password}`, database],
        { stdio: ['pipe', 'ignore', 'pipe'] });
        let errors = '';
        child.stderr.on('data', (chunk) => {
            errors += chunk;
        });
        child.on('error', reject);
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`loading ${path}: ${errors}`))));
        createReadStream(path).pipe(child.stdin);
    });
}

//! The original's .env.prod (its README's keys; no DB_DRIVER, which it never had), on the test's
//! MariaDB and on a free port instead of 3000.
function originalEnvFile(database, uploadDir) {
    return [
        'PORT=0',
        `SECRET_KEY=${SECRET_KEY}`,
        'USER_AUTH_KEY=user_auth',
        `DB_HOST=${mariadb.host}`,
        `DB_PORT=${mariadb.port}`,
        `DB_USER=${mariadb.user}`,
        `DB_PASS=${mariadb.password}`,
        `DB_NAME=${database}`,
        'REDIS_HOST=127.0.0.1',
        'REDIS_PORT=6379',
        'REDIS_DB=0',
        `MULTER_DEST=${uploadDir}`,
        'CLIENTORIGIN=http://localhost:1212___http://127.0.0.1:1212',
        '',
    ].join('\n');
}

//! What an operator's shell passes down, plus NODE_ENV=prod: no setting of im-server's own.
function operatorEnvironment() {
    const env = { NODE_ENV: 'prod' };
    for (const key of ['PATH', 'HOME', 'LANG', 'ASAN_OPTIONS', 'UBSAN_OPTIONS', 'LSAN_OPTIONS']) {
        if (process.env[key] !== undefined)
            env[key] = process.env[key];
    }
    return env;
}

async function login(server, account) {
    const answer = await api(server, 'POST', '/users/login', null, { account, pwd: PASSWORD });
    assert.equal(answer.statusCode, 200, `login of ${account}: ${JSON.stringify(answer)}`);
    return { id: answer.data.id, account, token: answer.data.token, info: answer.data };
}

describe('switch-over from the original server', { skip: !mariadbWanted && 'IM_TEST_MARIADB_* not set' }, () => {
    const database = `im_switchover_${process.pid}`;
    const folder = mkdtempSync(join(tmpdir(), 'im-switchover-'));
    const uploadDir = join(folder, 'upload');
    const devices = [];
    let server;
    let waitingFor10004; // message ids above 10004's MessageAcks.lastAck, as the original left them
    let imageUrl; // the content of the original's image message

    before(async () => {
        // GIVEN the original's database, as it was when the original stopped
        await sql(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4`);
        await loadDump(database, FIXTURE);
        const [[lastAck]] = await sql('SELECT lastAck FROM MessageAcks WHERE receiver = 10004', database);
        waitingFor10004 = (await sql('SELECT id FROM Messages WHERE groupId IS NULL AND '
            + `(sender = 10004 OR receiver = 10004) AND id > ${lastAck} ORDER BY id`, database))
            .map(([id]) => Number(id));
        assert.ok(waitingFor10004.length > 0, 'the fixture has messages waiting for 10004');
        [[imageUrl]] = await sql("SELECT content FROM Messages WHERE type = 'image' AND content LIKE '%/uploads/%'", database);

        // AND its .env.prod and its uploads, in its layout, in a fresh folder
        writeFileSync(join(folder, '.env.prod'), originalEnvFile(database, uploadDir));
        const imagePath = join(uploadDir, new URL(imageUrl).pathname.replace(/^\/uploads\//, ''));
        mkdirSync(dirname(imagePath), { recursive: true });
        writeFileSync(imagePath, PNG);
        const releasePath = join(uploadDir, 'electron', 'asar', '1.0.0', 'windows', 'x64.asar');
        mkdirSync(dirname(releasePath), { recursive: true });
        writeFileSync(releasePath, ASAR);

        // WHEN im-server starts there as the original did: NODE_ENV=prod and nothing else
        server = await startServerProcess(process.env.IM_SERVER_BINARY, [],
            { cwd: folder, env: operatorEnvironment(), startTimeoutMs: 120000 });
    });

    after(async () => {
        for (const device of devices)
            device.close();
        if (server) {
            if (process.env.IM_TEST_DUMP)
                server.dumpOutput(400);
            await server.stop();
        }
        await sql(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => {});
        rmSync(folder, { recursive: true, force: true });
    });

    const device = (user) => {
        const created = new ChatDevice(server, user);
        devices.push(created);
        return created;
    };

    it('uses the original\'s MariaDB and says what it upgraded and ignored', async () => {
        const health = JSON.parse((await httpRequest(`${server.url}/api/v1/health`)).body);
        assert.equal(health.data.database.driver, 'mariadb');
        assert.equal(health.data.database.status, 'up');
        const output = server.output();
        assert.match(output, /database: mariadb because DB_DRIVER is not set, but DB_HOST/);
        assert.match(output, /ignoring settings that are not used: REDIS_HOST, REDIS_PORT, REDIS_DB: /);
        assert.match(output, /ignoring settings that are not used: USER_AUTH_KEY: /);
        assert.match(output, /upgrade: The database was made by the original server \(schema version 0\)/);
        assert.match(output, /upgrade: {3}Friends: \d+ -> \d+/);
        assert.match(output, /upgrade: {3}user 10000, account 13700000001, role admin: moved to role user/);
        assert.match(output, /1 chat media files moved to chat\/, 1 release files moved to chat\/electron\//);
        assert.ok(!output.includes(SECRET_KEY), 'the secret key is never logged');
        assert.ok(!output.includes(mariadb.password), 'the database password is never logged');
        assert.ok(existsSync(join(folder, 'data', 'logs')), 'the data folder is made in the working directory');
    });

    it('lets a user in with the old password and delivers what was waiting for it', async () => {
        const user = await login(server, '13700000004');
        assert.equal(user.id, 10004);
        const friends = await api(server, 'GET', '/friends', user);
        assert.equal(friends.statusCode, 200);
        assert.deepEqual(friends.data.friends.map((friend) => friend.id), [10003]);
        const groups = await api(server, 'GET', '/groups', user);
        assert.equal(groups.statusCode, 200);
        assert.deepEqual(groups.data, []);

        const phone = await device(user).connect();
        await phone.until((d) => waitingFor10004.every((id) => [...d.received.values()].some((m) => m.id === id)),
            `the ${waitingFor10004.length} messages waiting for 10004`, 30000);
        const arrived = [...phone.received.values()].map((message) => message.id);
        assert.deepEqual(arrived, waitingFor10004, 'exactly the waiting messages, in id order');
    });

    it('carries a new message to a friend', async () => {
        const sender = await login(server, '13700000004');
        const friend = await login(server, '13700000002');
        assert.equal(friend.id, 10003);
        const senderPhone = await device(sender).connect();
        const friendPhone = await device(friend).connect();

        const ack = await senderPhone.send({ receiver: friend.id, content: '切换之后的第一条消息' });
        assert.equal(ack.statusCode, 200, JSON.stringify(ack));
        assert.ok(ack.id > waitingFor10004.at(-1), 'new ids continue after the original\'s');
        await friendPhone.until((d) => d.received.has(ack.msgId), 'the message at the friend');
        const pushed = friendPhone.received.get(ack.msgId);
        assert.equal(pushed.sender, 10004);
        assert.equal(pushed.senderInfo.account, '13700000004');
        assert.equal(pushed.content, '切换之后的第一条消息');
    });

    it('keeps friends, groups and settings, but not an admin role picked at sign-up', async () => {
        const user = await login(server, '13700000001');
        assert.equal(user.id, 10000);
        assert.equal(user.info.roleName, 'user');
        const friends = await api(server, 'GET', '/friends', user);
        const byId = new Map(friends.data.friends.map((friend) => [friend.id, friend]));
        assert.deepEqual([...byId.keys()].sort(), [10001, 10002]);
        assert.equal(byId.get(10001).remark, 'best friend');
        assert.equal(byId.get(10002).block, true);
        const groups = await api(server, 'GET', '/groups/withMembers', user);
        assert.equal(groups.statusCode, 200);
        assert.equal(groups.data.length, 1);
        assert.equal(groups.data[0].name, 'fixture group');
        assert.deepEqual(groups.data[0].members.map((member) => member.id).sort(), [10000, 10001, 10002]);
        const overview = await api(server, 'GET', '/admin/overview', user);
        assert.equal(overview.httpStatus, 403);
    });

    it('serves the original\'s uploads and releases at their old URLs', async () => {
        const image = await httpRequest(imageUrl.replace(/^http:\/\/[^/]+/, server.url));
        assert.equal(image.status, 200);
        assert.equal(image.headers['content-type'], 'image/png');
        assert.deepEqual(image.raw, PNG);
        const release = await httpRequest(`${server.url}/uploads/electron/asar/1.0.0/windows/x64.asar`);
        assert.equal(release.status, 200);
        assert.deepEqual(release.raw, ASAR);
        const outside = await httpRequest(`${server.url}/uploads/..%2F.env.prod`);
        assert.equal(outside.status, 404);
    });

    it('stops cleanly', async () => {
        const { code } = await server.stop();
        assert.equal(code, 0);
    });
});
