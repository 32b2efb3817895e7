#include "http/router.h"

#include <QFuture>
#include <QTest>

using namespace Qt::StringLiterals;
using Im::Http::HttpRequest;
using Im::Http::HttpResponse;
using Im::Http::Router;
using Method = HttpRequest::Method;

namespace {

Im::Http::RouteHandler answer(int status)
{
    return [status](const HttpRequest &) {
        return QtFuture::makeReadyFuture(HttpResponse::empty(status));
    };
}

int statusOf(const Router::Match &match)
{
    return (*match.handler)(HttpRequest()).result().status;
}

} // namespace

class TestRouter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesLiteralsAndParameters()
    {
        Router router;
        router.add(Method::Get, u"/api/v1/users/:id"_s, answer(201));
        router.add(Method::Get, u"/api/v1/users/info"_s, answer(202));
        router.add(Method::Post, u"/api/v1/users/login"_s, answer(203));

        auto byId = router.match(Method::Get, u"/api/v1/users/10001"_s);
        QVERIFY(byId);
        QCOMPARE(statusOf(*byId), 201);
        QCOMPARE(byId->parameters.value(u"id"_s), u"10001"_s);

        // A literal segment wins over a parameter, whatever the registration order.
        auto info = router.match(Method::Get, u"/api/v1/users/info"_s);
        QVERIFY(info);
        QCOMPARE(statusOf(*info), 202);

        // Trailing and doubled slashes do not make a different path.
        QVERIFY(router.match(Method::Post, u"/api/v1/users/login/"_s));
        QVERIFY(router.match(Method::Post, u"//api/v1//users/login"_s));
    }

    void reportsOtherMethodsOfAKnownPath()
    {
        Router router;
        router.add(Method::Get, u"/api/v1/friends"_s, answer(200));
        router.add(Method::Post, u"/api/v1/friends"_s, answer(200));
        QList<QByteArray> allowed;
        QVERIFY(!router.match(Method::Delete, u"/api/v1/friends"_s, &allowed));
        QCOMPARE(allowed, (QList<QByteArray> { "GET", "POST" }));

        allowed.clear();
        QVERIFY(!router.match(Method::Get, u"/api/v1/unknown"_s, &allowed));
        QVERIFY(allowed.isEmpty());
    }

    void segmentCountMustMatch()
    {
        Router router;
        router.add(Method::Get, u"/api/v1/users/:id"_s, answer(200));
        QVERIFY(!router.match(Method::Get, u"/api/v1/users"_s));
        QVERIFY(!router.match(Method::Get, u"/api/v1/users/1/2"_s));
    }

    void restParameterTakesTheRemainingSegments()
    {
        Router router;
        router.add(Method::Get, u"/uploads/*path"_s, answer(201));
        router.add(Method::Get, u"/uploads/fixed/:name"_s, answer(202));

        auto deep = router.match(Method::Get, u"/uploads/12/a/b.png"_s);
        QVERIFY(deep);
        QCOMPARE(statusOf(*deep), 201);
        QCOMPARE(deep->parameters.value(u"path"_s), u"12/a/b.png"_s);
        auto one = router.match(Method::Get, u"/uploads/b.png"_s);
        QVERIFY(one);
        QCOMPARE(one->parameters.value(u"path"_s), u"b.png"_s);
        // It needs at least one segment, and an exact-length pattern wins over it.
        QVERIFY(!router.match(Method::Get, u"/uploads"_s));
        QVERIFY(!router.match(Method::Get, u"/uploads/"_s));
        auto fixed = router.match(Method::Get, u"/uploads/fixed/x"_s);
        QVERIFY(fixed);
        QCOMPARE(statusOf(*fixed), 202);
        QList<QByteArray> allowed;
        QVERIFY(!router.match(Method::Post, u"/uploads/1/2"_s, &allowed));
        QCOMPARE(allowed, QList<QByteArray> { "GET" });
    }

    void listsRoutesInRegistrationOrder()
    {
        Router router;
        router.add(Method::Get, u"/b"_s, answer(200));
        router.add(Method::Post, u"/a"_s, answer(200));
        const auto routes = router.routes();
        QCOMPARE(routes.size(), 2);
        QCOMPARE(routes[0].second, u"/b"_s);
        QCOMPARE(routes[1].first, Method::Post);
    }
};

QTEST_GUILESS_MAIN(TestRouter)
#include "tst_router.moc"
