#include "config/dotenvfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Im::Config::DotEnvFile;
using Values = QMap<QString, QString>;

class TestDotEnvFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void lineOfReportsTheSettingLine();
    void readParsesAFile();
    void readRefusesMissingFile();
    void readRefusesDirectory();
    void readRefusesFileLargerThanLimit();
    void readAcceptsFileAtLimit();
};

void TestDotEnvFile::parse_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<Values>("values");
    QTest::addColumn<QStringList>("errors");

    QTest::newRow("plain") << "PORT=3000\n"_ba << Values { { u"PORT"_s, u"3000"_s } }
                           << QStringList();
    QTest::newRow("no final newline")
        << "PORT=3000"_ba << Values { { u"PORT"_s, u"3000"_s } } << QStringList();
    QTest::newRow("export prefix")
        << "export PORT=3000\nexport\tDB_NAME=im\n"_ba
        << Values { { u"PORT"_s, u"3000"_s }, { u"DB_NAME"_s, u"im"_s } } << QStringList();
    QTest::newRow("key named exportX is not a prefix")
        << "exportX=1\n"_ba << Values { { u"exportX"_s, u"1"_s } } << QStringList();
    QTest::newRow("comments and blank lines") << "# header\n\n   \n  # indented comment\nA=1\n"_ba
                                              << Values { { u"A"_s, u"1"_s } } << QStringList();
    QTest::newRow("whitespace trimmed")
        << "  KEY  =  some value  \n"_ba << Values { { u"KEY"_s, u"some value"_s } }
        << QStringList();
    QTest::newRow("double quotes interpret escapes")
        << R"(K="a\nb\tc\"d\\e\q")"_ba << Values { { u"K"_s, u"a\nb\tc\"d\\e\\q"_s } }
        << QStringList();
    QTest::newRow("double quotes keep inner whitespace and hash")
        << "K=\"  x # y  \"  # comment\n"_ba << Values { { u"K"_s, u"  x # y  "_s } }
        << QStringList();
    QTest::newRow("single quotes are literal")
        << R"(K='a\nb # not a comment' # comment)"_ba
        << Values { { u"K"_s, u"a\\nb # not a comment"_s } } << QStringList();
    QTest::newRow("trailing comment after unquoted value")
        << "K=value # the comment\n"_ba << Values { { u"K"_s, u"value"_s } } << QStringList();
    QTest::newRow("hash without space belongs to the value")
        << "K=abc#def\n"_ba << Values { { u"K"_s, u"abc#def"_s } } << QStringList();
    QTest::newRow("empty value") << "K=\n"_ba << Values { { u"K"_s, QString() } } << QStringList();
    QTest::newRow("comment as the only value")
        << "K= # nothing\n"_ba << Values { { u"K"_s, QString() } } << QStringList();
    QTest::newRow("empty quoted value")
        << "K=\"\"\n"_ba << Values { { u"K"_s, QString() } } << QStringList();
    QTest::newRow("equals sign inside value")
        << "K=a=b\n"_ba << Values { { u"K"_s, u"a=b"_s } } << QStringList();
    QTest::newRow("CRLF line endings")
        << "A=1\r\nB=2\r\n"_ba << Values { { u"A"_s, u"1"_s }, { u"B"_s, u"2"_s } }
        << QStringList();
    QTest::newRow("repeated key keeps the last value")
        << "A=1\nA=2\n"_ba << Values { { u"A"_s, u"2"_s } } << QStringList();
    QTest::newRow("UTF-8 value") << "K=h\xc3\xa9llo\n"_ba << Values { { u"K"_s, u"h\u00e9llo"_s } }
                                 << QStringList();
    QTest::newRow("lower-case and underscore keys")
        << "_a_1=x\n"_ba << Values { { u"_a_1"_s, u"x"_s } } << QStringList();

    QTest::newRow("missing equals sign, other lines still used")
        << "A=1\nJUSTAWORD\nB=2\n"_ba << Values { { u"A"_s, u"1"_s }, { u"B"_s, u"2"_s } }
        << QStringList { u"test.env:2: expected KEY=VALUE"_s };
    QTest::newRow("key starting with a digit")
        << "1KEY=x\n"_ba << Values()
        << QStringList {
               u"test.env:1: invalid key \"1KEY\" (must match [A-Za-z_][A-Za-z0-9_]*)"_s
           };
    QTest::newRow("key with a dash")
        << "\nMY-KEY=x\n"_ba << Values()
        << QStringList {
               u"test.env:2: invalid key \"MY-KEY\" (must match [A-Za-z_][A-Za-z0-9_]*)"_s
           };
    QTest::newRow("empty key")
        << "=x\n"_ba << Values()
        << QStringList { u"test.env:1: invalid key \"\" (must match [A-Za-z_][A-Za-z0-9_]*)"_s };
    QTest::newRow("unterminated double quote")
        << "K=\"abc\nL=1\n"_ba << Values { { u"L"_s, u"1"_s } }
        << QStringList { u"test.env:1: unterminated quoted value"_s };
    QTest::newRow("unterminated single quote")
        << "K='abc\n"_ba << Values() << QStringList { u"test.env:1: unterminated quoted value"_s };
    QTest::newRow("text after closing quote")
        << "K=\"abc\" def\n"_ba << Values()
        << QStringList { u"test.env:1: unexpected text after the closing quote"_s };
    QTest::newRow("every bad line reported")
        << "BAD\n2X=1\nK='x\nOK=1\n"_ba << Values { { u"OK"_s, u"1"_s } }
        << QStringList { u"test.env:1: expected KEY=VALUE"_s,
                         u"test.env:2: invalid key \"2X\" (must match [A-Za-z_][A-Za-z0-9_]*)"_s,
                         u"test.env:3: unterminated quoted value"_s };
    QTest::newRow("invalid UTF-8") << "K=\xff\xfe\n"_ba << Values { { u"K"_s, u"\ufffd\ufffd"_s } }
                                   << QStringList { u"test.env: not valid UTF-8"_s };
}

void TestDotEnvFile::parse()
{
    QFETCH(QByteArray, content);
    QFETCH(Values, values);
    QFETCH(QStringList, errors);

    const DotEnvFile file = DotEnvFile::parse(content, u"test.env"_s);
    QCOMPARE(file.values(), values);
    QCOMPARE(file.errors(), errors);
}

void TestDotEnvFile::lineOfReportsTheSettingLine()
{
    const DotEnvFile file = DotEnvFile::parse("# c\n\nA=1\nB=2\nA=3\n", u"x"_s);
    QCOMPARE(file.lineOf(u"A"_s), 5);
    QCOMPARE(file.lineOf(u"B"_s), 4);
    QCOMPARE(file.lineOf(u"MISSING"_s), 0);
}

static bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

void TestDotEnvFile::readParsesAFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u".env"_s);
    QVERIFY(writeFile(path, "PORT=1\nBROKEN\n"));

    const Im::Result<DotEnvFile> file = DotEnvFile::read(path);
    QVERIFY(file.isOk());
    QCOMPARE(file->values(), (Values { { u"PORT"_s, u"1"_s } }));
    QCOMPARE(file->errors(), QStringList { path + u":2: expected KEY=VALUE"_s });
}

void TestDotEnvFile::readRefusesMissingFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"absent.env"_s);
    const Im::Result<DotEnvFile> file = DotEnvFile::read(path);
    QVERIFY(!file.isOk());
    QVERIFY2(file.error().message.contains(path), qPrintable(file.error().message));
}

void TestDotEnvFile::readRefusesDirectory()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(!DotEnvFile::read(dir.path()).isOk());
}

void TestDotEnvFile::readRefusesFileLargerThanLimit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"big.env"_s);
    QVERIFY(writeFile(path, QByteArray(DotEnvFile::maxFileBytes + 1, '#')));

    const Im::Result<DotEnvFile> file = DotEnvFile::read(path);
    QVERIFY(!file.isOk());
    QCOMPARE(file.error().code, Im::ErrorCode::TooLarge);
}

void TestDotEnvFile::readAcceptsFileAtLimit()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"big.env"_s);
    QByteArray content = "K=v\n#";
    content.append(QByteArray(DotEnvFile::maxFileBytes - content.size(), '#'));
    QVERIFY(writeFile(path, content));

    const Im::Result<DotEnvFile> file = DotEnvFile::read(path);
    QVERIFY(file.isOk());
    QCOMPARE(file->values(), (Values { { u"K"_s, u"v"_s } }));
}

QTEST_GUILESS_MAIN(TestDotEnvFile)
#include "tst_dotenvfile.moc"
