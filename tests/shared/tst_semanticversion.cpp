#include "im/semanticversion.h"

#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;
using Im::SemanticVersion;

namespace {

SemanticVersion version(const QString &text)
{
    const auto parsed = SemanticVersion::parse(text);
    if (!parsed)
        qFatal("test version %s does not parse", qPrintable(text));
    return *parsed;
}

} // namespace

class TestSemanticVersion : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesValidVersions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<quint64>("major");
        QTest::addColumn<quint64>("minor");
        QTest::addColumn<quint64>("patch");
        QTest::addColumn<QStringList>("preRelease");
        QTest::addColumn<QStringList>("build");
        QTest::newRow("release") << u"1.2.3"_s << 1ull << 2ull << 3ull << QStringList()
                                 << QStringList();
        QTest::newRow("zeros") << u"0.0.0"_s << 0ull << 0ull << 0ull << QStringList()
                               << QStringList();
        QTest::newRow("pre-release") << u"2.0.0-beta.11"_s << 2ull << 0ull << 0ull
                                     << QStringList { u"beta"_s, u"11"_s } << QStringList();
        QTest::newRow("build") << u"1.0.0+20130313144700"_s << 1ull << 0ull << 0ull << QStringList()
                               << QStringList { u"20130313144700"_s };
        QTest::newRow("both") << u"1.0.0-x-y-z.--+exp.sha.5114f85"_s << 1ull << 0ull << 0ull
                              << QStringList { u"x-y-z"_s, u"--"_s }
                              << QStringList { u"exp"_s, u"sha"_s, u"5114f85"_s };
        QTest::newRow("build with leading zero")
            << u"1.0.0+001"_s << 1ull << 0ull << 0ull << QStringList() << QStringList { u"001"_s };
        QTest::newRow("alphanumeric with leading zero")
            << u"1.0.0-0a"_s << 1ull << 0ull << 0ull << QStringList { u"0a"_s } << QStringList();
        QTest::newRow("largest number") << u"18446744073709551615.0.0"_s << 18446744073709551615ull
                                        << 0ull << 0ull << QStringList() << QStringList();
    }

    void parsesValidVersions()
    {
        QFETCH(QString, text);
        QFETCH(quint64, major);
        QFETCH(quint64, minor);
        QFETCH(quint64, patch);
        QFETCH(QStringList, preRelease);
        QFETCH(QStringList, build);
        const auto parsed = SemanticVersion::parse(text);
        QVERIFY(parsed);
        QCOMPARE(parsed->major(), major);
        QCOMPARE(parsed->minor(), minor);
        QCOMPARE(parsed->patch(), patch);
        QCOMPARE(parsed->preRelease(), preRelease);
        QCOMPARE(parsed->build(), build);
        QCOMPARE(parsed->isPreRelease(), !preRelease.isEmpty());
        QCOMPARE(parsed->toString(), text);
    }

    void rejectsInvalidVersions_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("two parts") << u"1.2"_s;
        QTest::newRow("four parts") << u"1.2.3.4"_s;
        QTest::newRow("v prefix") << u"v1.2.3"_s;
        QTest::newRow("leading zero") << u"01.2.3"_s;
        QTest::newRow("leading zero in patch") << u"1.2.03"_s;
        QTest::newRow("negative") << u"-1.2.3"_s;
        QTest::newRow("empty part") << u"1..3"_s;
        QTest::newRow("letters") << u"1.a.3"_s;
        QTest::newRow("space") << u"1.2.3 "_s;
        QTest::newRow("empty pre-release") << u"1.2.3-"_s;
        QTest::newRow("empty pre-release identifier") << u"1.2.3-alpha..1"_s;
        QTest::newRow("numeric pre-release with leading zero") << u"1.2.3-01"_s;
        QTest::newRow("empty build") << u"1.2.3+"_s;
        QTest::newRow("two plus signs") << u"1.2.3+a+b"_s;
        QTest::newRow("invalid character") << u"1.2.3-alpha_1"_s;
        QTest::newRow("path") << u"1.2.3/../x"_s;
        QTest::newRow("non-ASCII digit") << u"1.2.\u0663"_s;
        QTest::newRow("overflow") << u"18446744073709551616.0.0"_s;
        QTest::newRow("too long") << u"1.0.0-"_s + QString(SemanticVersion::maxLength, u'a');
    }

    void rejectsInvalidVersions()
    {
        QFETCH(QString, text);
        QVERIFY(!SemanticVersion::parse(text));
    }

    // The example chain of semver.org §11, plus numbers that compare wrongly as text.
    void ordersByPrecedence()
    {
        const QStringList ascending {
            u"0.9.0"_s,      u"1.0.0-alpha"_s,  u"1.0.0-alpha.1"_s, u"1.0.0-alpha.beta"_s,
            u"1.0.0-beta"_s, u"1.0.0-beta.2"_s, u"1.0.0-beta.11"_s, u"1.0.0-rc.1"_s,
            u"1.0.0"_s,      u"1.9.0"_s,        u"1.10.0"_s,        u"2.0.0-beta"_s,
            u"2.0.0"_s,      u"2.1.1"_s,        u"10.0.0"_s,        u"18446744073709551615.0.0"_s,
        };
        for (qsizetype i = 0; i < ascending.size(); ++i) {
            for (qsizetype j = 0; j < ascending.size(); ++j) {
                const SemanticVersion a = version(ascending[i]);
                const SemanticVersion b = version(ascending[j]);
                QVERIFY2((i < j) == (a < b), qPrintable(ascending[i] + u" < "_s + ascending[j]));
                QVERIFY2((i == j) == (a == b), qPrintable(ascending[i] + u" == "_s + ascending[j]));
            }
        }
        QList<SemanticVersion> shuffled;
        for (qsizetype i = ascending.size() - 1; i >= 0; i -= 2)
            shuffled.append(version(ascending[i]));
        for (qsizetype i = ascending.size() - 2; i >= 0; i -= 2)
            shuffled.append(version(ascending[i]));
        std::sort(shuffled.begin(), shuffled.end());
        QStringList sorted;
        for (const SemanticVersion &v : shuffled)
            sorted.append(v.toString());
        QCOMPARE(sorted, ascending);
    }

    void comparesLargePreReleaseNumbers()
    {
        QVERIFY(version(u"1.0.0-99999999999999999999999"_s)
                > version(u"1.0.0-9999999999999999999999"_s));
        QVERIFY(version(u"1.0.0-2"_s) < version(u"1.0.0-10"_s));
        QVERIFY(version(u"1.0.0-999"_s) < version(u"1.0.0-a"_s));
        QVERIFY(version(u"1.0.0-B"_s) < version(u"1.0.0-a"_s)); // ASCII order
    }

    void ignoresBuildMetadata()
    {
        QVERIFY(version(u"1.0.0+a"_s) == version(u"1.0.0+b"_s));
        QVERIFY(version(u"1.0.0+a"_s) == version(u"1.0.0"_s));
        QVERIFY(version(u"1.0.0-rc.1+a"_s) < version(u"1.0.0"_s));
        QVERIFY(!(version(u"1.0.0+b"_s) < version(u"1.0.0+a"_s)));
        QCOMPARE(version(u"1.0.0+b"_s).toString(), u"1.0.0+b"_s);
    }
};

QTEST_GUILESS_MAIN(TestSemanticVersion)
#include "tst_semanticversion.moc"
