#include "http/apidocscontroller.h"
#include "http/router.h"
#include "inprocessserver.h"
#include "testhttpclient.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Im;
using namespace Im::Test;

namespace {

const QStringList operationKeys { u"get"_s,     u"put"_s,  u"post"_s,  u"delete"_s,
                                  u"options"_s, u"head"_s, u"patch"_s, u"trace"_s };

//! `/api/v1/users/:id` as OpenAPI writes it: `/api/v1/users/{id}` (`*rest` too: `{rest}`).
QString openApiPath(const QString &pattern)
{
    static const QRegularExpression parameter(u"(?<=/)[:*]([A-Za-z_][A-Za-z0-9_]*)"_s);
    QString path = pattern;
    return path.replace(parameter, u"{\\1}"_s);
}

QString operationName(Http::HttpRequest::Method method, const QString &path)
{
    return QString::fromLatin1(Http::methodName(method)).toLower() + u' ' + path;
}

QStringList sorted(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

//! The OpenAPI document at /api/docs-json and Swagger UI at /api/docs, through the whole server:
//! the document describes exactly the routes the server registers, and the UI is served from
//! SWAGGER_UI_DIR (or a clear 503 without it).
class TestApiDocs : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<QTemporaryDir> m_swaggerUi;
    std::unique_ptr<InProcessServer> m_server;

    bool startServer(const QString &swaggerUiDir)
    {
        m_server.reset();
        Config::ServerConfig config = InProcessServer::sqliteConfig(m_dataDir->path());
        config.swaggerUiDir = swaggerUiDir;
        m_server = std::make_unique<InProcessServer>(config);
        return m_server->start();
    }

    TestResponse get(const QString &path) { return httpRequest("GET", m_server->url(path)); }

private Q_SLOTS:
    void init()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        m_swaggerUi = std::make_unique<QTemporaryDir>();
        // A stand-in for swagger-ui-dist: the names matter here, not the contents.
        const QDir ui(m_swaggerUi->path());
        QVERIFY(writeFile(ui.filePath(u"swagger-ui-bundle.js"_s), "window.SwaggerUIBundle = {};"));
        QVERIFY(writeFile(ui.filePath(u"swagger-ui.css"_s), "body { margin: 0; }"));
        QVERIFY(writeFile(ui.filePath(u"package.json"_s), "{\"name\": \"swagger-ui-dist\"}"));
        QVERIFY(startServer(m_swaggerUi->path()));
    }

    void cleanup()
    {
        m_server.reset();
        m_swaggerUi.reset();
        m_dataDir.reset();
    }

    void documentsEveryRouteAndNothingElse()
    {
        const Http::Router *router = m_server->router();
        QVERIFY(router);
        const QString socketPath = Config::ServerConfig().socketPath;
        QSet<QString> routed;
        for (const auto &[method, pattern] : router->routes()) {
            if (!Http::ApiDocsController::isUndocumented(pattern, socketPath))
                routed.insert(operationName(method, openApiPath(pattern)));
        }
        QVERIFY(routed.size() > 30);

        const QJsonObject paths = get(u"/api/docs-json"_s).json().value(u"paths"_s).toObject();
        QSet<QString> documented;
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path.value().toObject();
            for (auto operation = item.begin(); operation != item.end(); ++operation) {
                if (operationKeys.contains(operation.key()))
                    documented.insert(operation.key() + u' ' + path.key());
            }
        }
        // Both lists in the failure message name what to add to resources/openapi/openapi.json
        // (or what to remove from it).
        const QStringList undocumented = sorted(routed - documented);
        const QStringList unrouted = sorted(documented - routed);
        QVERIFY2(undocumented.isEmpty(),
                 qPrintable(u"routes missing from the document: "_s + undocumented.join(u", "_s)));
        QVERIFY2(unrouted.isEmpty(),
                 qPrintable(u"documented but not routed: "_s + unrouted.join(u", "_s)));
    }

    void leavesOutOnlyTheDocsAndSocketIo()
    {
        const QString socketPath = Config::ServerConfig().socketPath;
        for (const QString &path :
             { u"/api/docs"_s, u"/api/docs-json"_s, u"/api/docs/:file"_s, socketPath })
            QVERIFY2(Http::ApiDocsController::isUndocumented(path, socketPath), qPrintable(path));
        for (const QString &path :
             { u"/api/v1"_s, u"/api/v1/users/:id"_s, u"/api/docsx"_s, u"/uploads/:path"_s })
            QVERIFY2(!Http::ApiDocsController::isUndocumented(path, socketPath), qPrintable(path));
    }

    void servesTheDocumentWithThisServer()
    {
        const TestResponse response = get(u"/api/docs-json"_s);
        QCOMPARE(response.status, 200);
        QVERIFY(response.header("Content-Type").startsWith("application/json"));
        const QJsonObject document = response.json();
        QVERIFY(document.value(u"openapi"_s).toString().startsWith(u"3."_s));
        QVERIFY(!document.value(u"info"_s)[u"title"_s].toString().isEmpty());
        // Swagger UI's "Try it out" goes to the address the document was fetched from.
        const QJsonArray servers = document.value(u"servers"_s).toArray();
        QCOMPARE(servers.size(), 1);
        const QUrl self = m_server->url(QString());
        QCOMPARE(servers.at(0)[u"url"_s].toString(),
                 u"http://%1:%2"_s.arg(self.host()).arg(self.port()));
    }

    void describesTheTwoSessionHeaders()
    {
        const QJsonObject document = get(u"/api/docs-json"_s).json();
        const QJsonObject schemes =
            document.value(u"components"_s)[u"securitySchemes"_s].toObject();
        QCOMPARE(schemes.keys(), QStringList({ u"authorization"_s, u"userid"_s }));
        for (const QString &name : schemes.keys()) {
            const QJsonObject scheme = schemes.value(name).toObject();
            QCOMPARE(scheme.value(u"type"_s).toString(), u"apiKey"_s);
            QCOMPARE(scheme.value(u"in"_s).toString(), u"header"_s);
            QCOMPARE(scheme.value(u"name"_s).toString(), name);
        }
        // Every operation says whether it needs them: both, or explicitly none.
        const QJsonObject paths = document.value(u"paths"_s).toObject();
        const QJsonArray both { QJsonObject { { u"userid"_s, QJsonArray() },
                                              { u"authorization"_s, QJsonArray() } } };
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path.value().toObject();
            for (auto operation = item.begin(); operation != item.end(); ++operation) {
                const QString where = operation.key() + u' ' + path.key();
                const QJsonValue security = operation.value()[u"security"_s];
                QVERIFY2(security.isArray(), qPrintable(where));
                QVERIFY2(security.toArray().isEmpty() || security.toArray() == both,
                         qPrintable(where));
                QVERIFY2(!operation.value()[u"responses"_s].toObject().isEmpty(),
                         qPrintable(where));
            }
        }
    }

    void guardedRoutesAreDocumentedAsGuarded()
    {
        // An authenticated route answers 401 without headers; its operation must ask for them.
        const QJsonObject paths = get(u"/api/docs-json"_s).json().value(u"paths"_s).toObject();
        for (const auto &[path, method] : { std::pair { u"/api/v1/users/{id}"_s, u"get"_s },
                                            std::pair { u"/api/v1/friends"_s, u"get"_s },
                                            std::pair { u"/api/v1/groups/{id}"_s, u"get"_s } }) {
            QVERIFY2(!paths.value(path)[method][u"security"_s].toArray().isEmpty(),
                     qPrintable(path));
            QCOMPARE(get(QString(path).replace(u"{id}"_s, u"1"_s)).status, 401);
        }
        QVERIFY(
            paths.value(u"/api/v1/users/login"_s)[u"post"_s][u"security"_s].toArray().isEmpty());
    }

    void servesSwaggerUi()
    {
        const TestResponse page = get(u"/api/docs"_s);
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("text/html"));
        QVERIFY(page.body.contains("/api/docs-json"));
        QVERIFY(page.body.contains("/api/docs/swagger-ui-bundle.js"));

        const TestResponse style = get(u"/api/docs/swagger-ui.css"_s);
        QCOMPARE(style.status, 200);
        QCOMPARE(style.body, QByteArray("body { margin: 0; }"));
        QVERIFY(style.header("Content-Type").startsWith("text/css"));
        const TestResponse script = get(u"/api/docs/swagger-ui-bundle.js"_s);
        QCOMPARE(script.status, 200);
        QVERIFY(script.header("Content-Type").startsWith("text/javascript"));
    }

    void servesNothingElseOfTheDirectory()
    {
        QCOMPARE(get(u"/api/docs/package.json"_s).status, 404);
        QCOMPARE(get(u"/api/docs/..%2Fsecret.key"_s).status, 404);
        QCOMPARE(get(u"/api/docs/%2E%2E"_s).status, 404);
        QCOMPARE(get(u"/api/docs/swagger-ui.css/x"_s).status, 404);
    }

    void saysSoWhenSwaggerUiIsMissing()
    {
        QVERIFY(startServer(QDir(m_dataDir->path()).filePath(u"nowhere"_s)));
        const TestResponse page = get(u"/api/docs"_s);
        QCOMPARE(page.status, 503);
        QCOMPARE(page.json().value(u"statusCode"_s).toInt(), 503);
        QVERIFY(page.json().value(u"message"_s).toString().contains(u"install-deps"_s));
        QCOMPARE(get(u"/api/docs/swagger-ui.css"_s).status, 503);
        // The document and the API do not depend on it.
        QCOMPARE(get(u"/api/docs-json"_s).status, 200);
        QCOMPARE(get(u"/api/v1"_s).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestApiDocs)
#include "tst_apidocs.moc"
