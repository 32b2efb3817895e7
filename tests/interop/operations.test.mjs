// Issue #14 "Operations", item 4, against the real im-server binary: readiness for orchestrators
// at its own path, and SIGHUP reopening the log file after logrotate moved it away.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

import { httpRequest, startImServer, waitFor } from './helpers.mjs';

const servers = [];
after(async () => {
    for (const server of servers)
        await server.stop();
});

describe('readiness', () => {
    it('answers 200 with the schema version once the server is up; liveness stays where it was', async () => {
        const server = await startImServer();
        servers.push(server);
        const ready = await httpRequest(`${server.url}/api/v1/health/ready`);
        assert.equal(ready.status, 200, ready.body);
        const data = JSON.parse(ready.body).data;
        assert.ok(data.schemaVersion > 0);
        assert.equal(data.schemaVersion, data.expectedSchemaVersion);
        const live = await httpRequest(`${server.url}/api/v1/health`);
        assert.equal(live.status, 200);
    });
});

describe('SIGHUP', () => {
    it('reopens the log file, so lines go to a new file after logrotate moved the old one', async () => {
        const server = await startImServer({ env: { LOG_FILE: 'true', LOG_LEVEL: 'info' } });
        servers.push(server);
        const logDir = join(server.dataDir, 'logs');
        const current = () => readdirSync(logDir).find((name) => /^log\.\d{4}-\d\d-\d\d-\d\d\.log$/.test(name));
        await waitFor(() => existsSync(logDir) && current(), 'the log file');
        const name = current();
        renameSync(join(logDir, name), join(logDir, 'rotated.log'));

        server.process.kill('SIGHUP');
        await waitFor(() => server.output().includes('log files reopened (SIGHUP)'), 'the reopen line');
        await waitFor(() => existsSync(join(logDir, name))
            && readFileSync(join(logDir, name), 'utf8').includes('log files reopened'), 'a new file with the line');
        assert.ok(server.alive, 'SIGHUP does not stop the server');
        const live = await httpRequest(`${server.url}/api/v1/health`);
        assert.equal(live.status, 200);
    });
});
