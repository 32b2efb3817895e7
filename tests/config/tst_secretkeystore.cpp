#include "config/secretkeystore.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Im::Config;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int fileMode(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

ServerConfig developmentConfig(const QString &dataDir)
{
    ServerConfig config;
    config.environment = Environment::Development;
    config.dataDir = dataDir;
    return config;
}

// Sets a permissive umask for one test, so the key file's mode proves an explicit chmod.
class UmaskGuard
{
public:
    explicit UmaskGuard(mode_t mask)
        : m_previous(::umask(mask))
    { }
    ~UmaskGuard() { ::umask(m_previous); }
    UmaskGuard(const UmaskGuard &) = delete;
    UmaskGuard &operator=(const UmaskGuard &) = delete;

private:
    mode_t m_previous;
};

} // namespace

class TestSecretKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void generatedThenRereadIdentical();
    void generatedKeysDiffer();
    void existingFile_data();
    void existingFile();
    void corruptedFile_data();
    void corruptedFile();
    void configuredKeyWins_data();
    void configuredKeyWins();
    void productionWithoutKeyFails();
    void uncreatableDataDirFails();
};

void TestSecretKeyStore::generatedThenRereadIdentical()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const UmaskGuard umask(0);
    ServerConfig config = developmentConfig(dir.filePath(u"data/nested"_s));

    const Im::Result<QString> key = ensureSecretKey(config);
    QVERIFY2(key.isOk(), qPrintable(key.isOk() ? QString() : key.error().message));
    QVERIFY2(QRegularExpression(u"^[0-9a-f]{64}$"_s).match(*key).hasMatch(), "64 hex digits");
    QCOMPARE(config.secretKey, *key);

    const QString path = config.secretKeyFile();
    QCOMPARE(readFile(path), key->toLatin1() + '\n');
    QCOMPARE(fileMode(path), 0600);

    ServerConfig again = developmentConfig(config.dataDir);
    const Im::Result<QString> reread = ensureSecretKey(again);
    QVERIFY(reread.isOk());
    QCOMPARE(*reread, *key);
    QCOMPARE(again.secretKey, *key);
    QCOMPARE(fileMode(path), 0600);
}

void TestSecretKeyStore::generatedKeysDiffer()
{
    QTemporaryDir first;
    QTemporaryDir second;
    QVERIFY(first.isValid() && second.isValid());
    ServerConfig a = developmentConfig(first.path());
    ServerConfig b = developmentConfig(second.path());
    QVERIFY(ensureSecretKey(a).isOk());
    QVERIFY(ensureSecretKey(b).isOk());
    QVERIFY(a.secretKey != b.secretKey);
}

void TestSecretKeyStore::existingFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");

    const QString key32 = u"abcdefghijklmnopqrstuvwxyz012345"_s;
    QTest::newRow("exactly 32 characters") << key32.toLatin1() << key32;
    QTest::newRow("surrounding whitespace trimmed") << "\n  " + key32.toLatin1() + "  \r\n"
                                                    << key32;
    QTest::newRow("hand-written with punctuation")
        << "S3cr3t!#$%&()*+,-./:;<=>?@[]^_{|}~"_ba << u"S3cr3t!#$%&()*+,-./:;<=>?@[]^_{|}~"_s;
}

void TestSecretKeyStore::existingFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServerConfig config = developmentConfig(dir.path());
    QVERIFY(writeFile(config.secretKeyFile(), content));

    const Im::Result<QString> key = ensureSecretKey(config);
    QVERIFY2(key.isOk(), qPrintable(key.isOk() ? QString() : key.error().message));
    QCOMPARE(*key, expected);
    QCOMPARE(config.secretKey, expected);
    QCOMPARE(readFile(config.secretKeyFile()), content); // read, never rewritten
}

void TestSecretKeyStore::corruptedFile_data()
{
    QTest::addColumn<QByteArray>("content");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("whitespace only") << "   \n\t\n"_ba;
    QTest::newRow("too short") << "abc"_ba;
    QTest::newRow("31 characters") << QByteArray(31, 'k');
    QTest::newRow("inner whitespace") << "abcdefghijklmnop qrstuvwxyz0123456789"_ba;
    QTest::newRow("binary garbage") << QByteArray("\x01\x02\xff\xfe\x00\x80", 6).repeated(8);
    QTest::newRow("larger than a key file") << QByteArray(5000, 'a');
}

void TestSecretKeyStore::corruptedFile()
{
    QFETCH(QByteArray, content);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServerConfig config = developmentConfig(dir.path());
    QVERIFY(writeFile(config.secretKeyFile(), content));

    const Im::Result<QString> key = ensureSecretKey(config);
    QVERIFY(!key.isOk());
    QVERIFY2(key.error().message.contains(config.secretKeyFile()), qPrintable(key.error().message));
    QVERIFY(config.secretKey.isEmpty());
    QCOMPARE(readFile(config.secretKeyFile()), content); // never silently replaced
}

void TestSecretKeyStore::configuredKeyWins_data()
{
    QTest::addColumn<Environment>("environment");
    QTest::newRow("development") << Environment::Development;
    QTest::newRow("production") << Environment::Production;
}

void TestSecretKeyStore::configuredKeyWins()
{
    QFETCH(Environment, environment);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServerConfig config = developmentConfig(dir.filePath(u"data"_s));
    config.environment = environment;
    config.secretKey = u"configured-secret-key"_s;

    const Im::Result<QString> key = ensureSecretKey(config);
    QVERIFY(key.isOk());
    QCOMPARE(*key, u"configured-secret-key"_s);
    QVERIFY(!QFile::exists(config.secretKeyFile()));
}

void TestSecretKeyStore::productionWithoutKeyFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ServerConfig config = developmentConfig(dir.filePath(u"data"_s));
    config.environment = Environment::Production;

    const Im::Result<QString> key = ensureSecretKey(config);
    QVERIFY(!key.isOk());
    QCOMPARE(key.error().message, u"SECRET_KEY is required in production"_s);
    QVERIFY(config.secretKey.isEmpty());
    QVERIFY(!QDir(config.dataDir).exists()); // nothing generated behind the operator's back
}

void TestSecretKeyStore::uncreatableDataDirFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString blocker = dir.filePath(u"file"_s);
    QVERIFY(writeFile(blocker, "not a directory"));
    ServerConfig config = developmentConfig(blocker + u"/data"_s);

    const Im::Result<QString> key = ensureSecretKey(config);
    QVERIFY(!key.isOk());
    QVERIFY(config.secretKey.isEmpty());
}

QTEST_GUILESS_MAIN(TestSecretKeyStore)
#include "tst_secretkeystore.moc"
