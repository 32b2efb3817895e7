#include "log/categoryfilter.h"

#include <QLoggingCategory>
#include <QTest>

using namespace Qt::StringLiterals;
using Im::Log::categoryFilterRules;

namespace {

// The enabled levels of a category as a compact string: d, i, w, c for debug, info, warning,
// critical, '-' for a disabled one.
QString enabledLevels(const QLoggingCategory &category)
{
    QString out;
    out += category.isDebugEnabled() ? u'd' : u'-';
    out += category.isInfoEnabled() ? u'i' : u'-';
    out += category.isWarningEnabled() ? u'w' : u'-';
    out += category.isCriticalEnabled() ? u'c' : u'-';
    return out;
}

} // namespace

class TestCategoryFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup() { QLoggingCategory::setFilterRules(QString()); }

    void appliesLevels_data();
    void appliesLevels();
    void rejectsBadInput_data();
    void rejectsBadInput();
};

void TestCategoryFilter::appliesLevels_data()
{
    QTest::addColumn<QString>("defaultLevel");
    QTest::addColumn<QString>("rules");
    QTest::addColumn<QString>("category");
    QTest::addColumn<QString>("expected");

    QTest::newRow("default debug enables all of im.*")
        << u"debug"_s << QString() << u"im.store"_s << u"diwc"_s;
    QTest::newRow("default info hides debug of im.*")
        << u"info"_s << QString() << u"im.store"_s << u"-iwc"_s;
    QTest::newRow("default warning hides info of admin.*")
        << u"warning"_s << QString() << u"admin.ui"_s << u"--wc"_s;
    QTest::newRow("default critical hides warnings")
        << u"critical"_s << QString() << u"im.http"_s << u"---c"_s;
    QTest::newRow("default level applies to the default category")
        << u"warning"_s << QString() << u"default"_s << u"--wc"_s;
    QTest::newRow("level is case-insensitive and trimmed")
        << u" INFO "_s << QString() << u"im.auth"_s << u"-iwc"_s;
    QTest::newRow("warn alias") << u"warn"_s << QString() << u"im.auth"_s << u"--wc"_s;
    QTest::newRow("error alias") << u"error"_s << QString() << u"im.auth"_s << u"---c"_s;
    QTest::newRow("qt categories stay at warning with default debug")
        << u"debug"_s << QString() << u"qt.network.ssl"_s << u"--wc"_s;
    QTest::newRow("rule lowers one category to debug")
        << u"info"_s << u"im.store=debug"_s << u"im.store"_s << u"diwc"_s;
    QTest::newRow("rule leaves its sibling at the default")
        << u"info"_s << u"im.store=debug"_s << u"im.http"_s << u"-iwc"_s;
    QTest::newRow("rule raises one category to warning")
        << u"debug"_s << u"im.store=debug;im.http=warning"_s << u"im.http"_s << u"--wc"_s;
    QTest::newRow("rule with spaces and empty items")
        << u"info"_s << u" ; im.http = critical ;;"_s << u"im.http"_s << u"---c"_s;
    QTest::newRow("trailing wildcard rule")
        << u"info"_s << u"im.store.*=debug"_s << u"im.store.sql"_s << u"diwc"_s;
    QTest::newRow("trailing wildcard does not match the parent")
        << u"info"_s << u"im.store.*=debug"_s << u"im.store"_s << u"-iwc"_s;
    QTest::newRow("leading wildcard rule")
        << u"info"_s << u"*.sql=debug"_s << u"im.store.sql"_s << u"diwc"_s;
    QTest::newRow("rule may name a qt category")
        << u"info"_s << u"qt.network.*=info"_s << u"qt.network.ssl"_s << u"-iwc"_s;
    QTest::newRow("later rule wins")
        << u"info"_s << u"im.*=debug;im.http=critical"_s << u"im.http"_s << u"---c"_s;
    QTest::newRow("categories outside im, admin and qt keep Qt's defaults")
        << u"critical"_s << QString() << u"other.thing"_s << u"diwc"_s;
}

void TestCategoryFilter::appliesLevels()
{
    QFETCH(QString, defaultLevel);
    QFETCH(QString, rules);
    QFETCH(QString, category);
    QFETCH(QString, expected);

    const QByteArray name = category.toUtf8();
    QLoggingCategory logCategory(name.constData());
    const auto filter = categoryFilterRules(defaultLevel, rules);
    QVERIFY2(filter.isOk(), qPrintable(filter.isOk() ? QString() : filter.error().message));
    QLoggingCategory::setFilterRules(filter.value());
    QCOMPARE(enabledLevels(logCategory), expected);
}

void TestCategoryFilter::rejectsBadInput_data()
{
    QTest::addColumn<QString>("defaultLevel");
    QTest::addColumn<QString>("rules");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("unknown default level") << u"verbose"_s << QString() << u"verbose"_s;
    QTest::newRow("empty default level") << QString() << QString() << u"level"_s;
    QTest::newRow("rule without equals sign")
        << u"info"_s << u"im.store:debug"_s << u"im.store:debug"_s;
    QTest::newRow("rule with unknown level")
        << u"info"_s << u"im.store=loud"_s << u"im.store=loud"_s;
    QTest::newRow("rule with empty level") << u"info"_s << u"im.store="_s << u"im.store="_s;
    QTest::newRow("rule with empty category") << u"info"_s << u"=debug"_s << u"=debug"_s;
    QTest::newRow("wildcard in the middle") << u"info"_s << u"im.*.sql=debug"_s << u"im.*.sql"_s;
    QTest::newRow("empty name segment") << u"info"_s << u"im..store=debug"_s << u"im..store"_s;
    QTest::newRow("space inside the category") << u"info"_s << u"im store=debug"_s << u"im store"_s;
    QTest::newRow("bad rule after a good one")
        << u"info"_s << u"im.http=info;im.store=often"_s << u"im.store=often"_s;
}

void TestCategoryFilter::rejectsBadInput()
{
    QFETCH(QString, defaultLevel);
    QFETCH(QString, rules);
    QFETCH(QString, mentions);

    const auto filter = categoryFilterRules(defaultLevel, rules);
    QVERIFY(!filter.isOk());
    QCOMPARE(filter.error().code, Im::ErrorCode::Malformed);
    QVERIFY2(filter.error().message.contains(mentions), qPrintable(filter.error().message));
}

QTEST_GUILESS_MAIN(TestCategoryFilter)
#include "tst_categoryfilter.moc"
