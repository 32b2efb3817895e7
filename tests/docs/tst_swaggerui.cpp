#include "serverprocess.h"
#include "testhttpclient.h"
#include "testservices.h"

#include <QColor>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace Im::Test;

namespace {

constexpr int pageWidth = 1280;
constexpr int pageHeight = 1600;
// Simulated time Chromium gives the page to fetch the document and render before it captures.
constexpr int renderBudgetMs = 20000;

// Swagger UI's colours for GET and POST operations: only a rendered operation list has them.
const QColor getBlue(0x61, 0xaf, 0xfe);
const QColor postGreen(0x49, 0xcc, 0x90);

bool isNear(QRgb pixel, const QColor &colour)
{
    return std::abs(qRed(pixel) - colour.red()) < 24
        && std::abs(qGreen(pixel) - colour.green()) < 24
        && std::abs(qBlue(pixel) - colour.blue()) < 24;
}

int pixelsNear(const QImage &image, const QColor &colour)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x)
            count += isNear(line[x], colour) ? 1 : 0;
    }
    return count;
}

} // namespace

//! Swagger UI at /api/docs of the real im-server, rendered by headless Chromium: the screenshot
//! shows the operation list and the DOM holds every operation of /api/docs-json. With
//! IM_SWAGGER_SCREENSHOT set, the screenshot is kept there (scripts/swagger-screenshot.sh).
class TestSwaggerUi : public QObject
{
    Q_OBJECT

private:
    QString m_chromium;
    QTemporaryDir m_profile; // Chromium's own files, never the user's
    std::unique_ptr<ServerProcess> m_server;

    //! Runs headless Chromium with \a arguments on /api/docs; its standard output.
    QByteArray chromium(const QStringList &arguments)
    {
        QProcess process;
        process.setProgram(m_chromium);
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        process.setArguments(QStringList { u"--headless"_s, u"--no-sandbox"_s, u"--disable-gpu"_s,
                                           u"--hide-scrollbars"_s, u"--no-first-run"_s,
                                           u"--user-data-dir=%1"_s.arg(m_profile.path()),
                                           u"--window-size=%1,%2"_s.arg(pageWidth).arg(pageHeight),
                                           u"--virtual-time-budget=%1"_s.arg(renderBudgetMs) }
                             + arguments
                             + QStringList { m_server->url(u"/api/docs"_s).toString() });
        process.start();
        if (!process.waitForFinished(180000)) {
            process.kill();
            process.waitForFinished();
            qWarning() << "chromium did not finish:" << process.readAllStandardError().right(2000);
            return {};
        }
        if (process.exitCode() != 0)
            qWarning() << "chromium failed:" << process.readAllStandardError().right(2000);
        return process.readAllStandardOutput();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_chromium = QStandardPaths::findExecutable(u"chromium"_s);
        if (m_chromium.isEmpty())
            m_chromium = QStandardPaths::findExecutable(u"chromium-browser"_s);
        if (m_chromium.isEmpty()) {
            if (TestServices::servicesRequired())
                QFAIL("chromium is not installed but IM_TEST_REQUIRE_SERVICES=1 "
                      "(scripts/install-deps.sh --with-test installs it)");
            QSKIP("chromium is not installed (scripts/install-deps.sh --with-test)");
        }
        QVERIFY(m_profile.isValid());
        m_server = std::make_unique<ServerProcess>(
            QMap<QString, QString> { { u"LOG_FILE"_s, u"false"_s } });
        QVERIFY(m_server->start());
        // The default SWAGGER_UI_DIR: what scripts/install-deps.sh installs in the source tree.
        const TestResponse page = httpRequest("GET", m_server->url(u"/api/docs"_s));
        const QByteArray why =
            "Swagger UI is not served: run scripts/install-deps.sh (" + page.body + ')';
        QVERIFY2(page.status == 200, why.constData());
    }

    void cleanupTestCase() { m_server.reset(); }

    void rendersTheOperationList()
    {
        const QString file = QDir(m_profile.path()).filePath(u"swagger-ui.png"_s);
        chromium({ u"--screenshot=%1"_s.arg(file) });
        QImage image(file);
        QVERIFY2(!image.isNull(), "no screenshot");
        QCOMPARE(image.size(), QSize(pageWidth, pageHeight));
        image = image.convertToFormat(QImage::Format_RGB32);
        // The coloured operation rows: a blank page, an error text or a half-loaded UI has none.
        QVERIFY2(pixelsNear(image, getBlue) > 2000, "no GET operations visible");
        QVERIFY2(pixelsNear(image, postGreen) > 2000, "no POST operations visible");

        const QString keep = qEnvironmentVariable("IM_SWAGGER_SCREENSHOT");
        if (!keep.isEmpty()) {
            QFile::remove(keep);
            QVERIFY(QFile::copy(file, keep));
        }
    }

    void listsEveryOperationOfTheDocument()
    {
        const QJsonObject document = httpRequest("GET", m_server->url(u"/api/docs-json"_s)).json();
        const QJsonObject paths = document.value(u"paths"_s).toObject();
        QVERIFY(!paths.isEmpty());
        const QByteArray dom = chromium({ u"--dump-dom"_s });
        QVERIFY2(dom.contains("swagger-ui"), dom.left(2000).constData());
        // With deep linking each operation is an element `operations-<tag>-<operationId>`.
        int operations = 0;
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            const QJsonObject item = path.value().toObject();
            for (auto operation = item.begin(); operation != item.end(); ++operation) {
                const QJsonObject details = operation.value().toObject();
                const QString anchor =
                    u"operations-%1-%2"_s.arg(details.value(u"tags"_s).toArray().at(0).toString(),
                                              details.value(u"operationId"_s).toString());
                QVERIFY2(dom.contains(anchor.toUtf8()),
                         qPrintable(u"%1 %2 (%3) is not on the page"_s.arg(operation.key(),
                                                                           path.key(), anchor)));
                ++operations;
            }
        }
        QVERIFY(operations > 30);
    }
};

QTEST_GUILESS_MAIN(TestSwaggerUi)
#include "tst_swaggerui.moc"
