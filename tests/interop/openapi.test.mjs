// The OpenAPI document that the real im-server serves at /api/docs-json, checked by an independent
// validator (@apidevtools/swagger-parser: the OpenAPI 3 JSON schema and every $ref), and Swagger UI
// at /api/docs served from the swagger-ui-dist that scripts/install-deps.sh installs. That the
// document lists exactly the registered routes is tst_apidocs' job.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import SwaggerParser from '@apidevtools/swagger-parser';

import { httpRequest, startImServer } from './helpers.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const SWAGGER_UI_DIST = new URL('../../resources/swagger-ui/node_modules/swagger-ui-dist/', import.meta.url);

function operations(document) {
    const found = [];
    for (const [path, item] of Object.entries(document.paths)) {
        for (const method of METHODS) {
            if (item[method])
                found.push({ path, method, operation: item[method] });
        }
    }
    return found;
}

describe('im-server API documentation', () => {
    let server;
    let document;

    before(async () => {
        server = await startImServer();
        const response = await httpRequest(`${server.url}/api/docs-json`);
        assert.equal(response.status, 200, response.body);
        assert.match(response.headers['content-type'], /^application\/json/);
        document = JSON.parse(response.body);
    });

    after(async () => {
        if (server)
            await server.stop();
    });

    it('is a valid OpenAPI 3 document', async () => {
        assert.match(document.openapi, /^3\./);
        // validate() dereferences in place: give it a copy.
        const api = await SwaggerParser.validate(structuredClone(document));
        assert.ok(Object.keys(api.paths).length > 30);
    });

    it('points its server at the address it was fetched from', () => {
        assert.deepEqual(document.servers, [{ url: server.url }]);
    });

    it('names each operation once and declares every path parameter', async () => {
        const api = await SwaggerParser.dereference(structuredClone(document));
        const ids = new Set();
        for (const { path, method, operation } of operations(api)) {
            const where = `${method.toUpperCase()} ${path}`;
            assert.ok(operation.operationId, `${where} has no operationId`);
            assert.ok(!ids.has(operation.operationId), `${where}: operationId ${operation.operationId} twice`);
            ids.add(operation.operationId);
            const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
            const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
            assert.deepEqual(declared.sort(), inPath.sort(), `${where}: path parameters`);
            assert.ok(Object.keys(operation.responses).length > 0, `${where} has no responses`);
        }
    });

    it('uses only the two session headers as security', () => {
        const schemes = document.components.securitySchemes;
        assert.deepEqual(Object.keys(schemes).sort(), ['authorization', 'userid']);
        for (const [name, scheme] of Object.entries(schemes))
            assert.deepEqual({ type: scheme.type, in: scheme.in, name: scheme.name }, { type: 'apiKey', in: 'header', name });
        for (const { path, method, operation } of operations(document)) {
            for (const requirement of operation.security)
                assert.deepEqual(Object.keys(requirement).sort(), ['authorization', 'userid'], `${method} ${path}`);
        }
    });

    it('serves Swagger UI from the installed swagger-ui-dist', async (t) => {
        if (!existsSync(SWAGGER_UI_DIST)) {
            if (process.env.IM_TEST_REQUIRE_SERVICES === '1')
                assert.fail('resources/swagger-ui/node_modules is missing: run scripts/install-deps.sh');
            t.skip('swagger-ui-dist is not installed (scripts/install-deps.sh)');
            return;
        }
        const page = await httpRequest(`${server.url}/api/docs`);
        assert.equal(page.status, 200, page.body);
        assert.match(page.body, /\/api\/docs-json/);
        const bundle = await httpRequest(`${server.url}/api/docs/swagger-ui-bundle.js`, { timeoutMs: 15000 });
        assert.equal(bundle.status, 200);
        assert.ok(bundle.raw.equals(readFileSync(new URL('swagger-ui-bundle.js', SWAGGER_UI_DIST))));
    });
});
