#include "im/futures.h"

#include <QPromise>
#include <QTest>
#include <QThread>

#include <memory>

using namespace Im;

class TestFutures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handlerRunsOnTheContextsThread()
    {
        QPromise<int> promise;
        promise.start();
        QObject context;
        QThread *ranOn = nullptr;
        int value = 0;
        whenFinished(promise.future(), &context, [&](int result) {
            ranOn = QThread::currentThread();
            value = result;
        });
        std::unique_ptr<QThread> worker(QThread::create([&promise] {
            promise.addResult(7);
            promise.finish();
        }));
        worker->start();
        QVERIFY(worker->wait(5000));
        QTRY_COMPARE(value, 7);
        QCOMPARE(ranOn, QThread::currentThread());
    }

    void contextDestroyedFirstIsSafe()
    {
        // Qt 6.4's then(context, ...) asserts here; the helpers just drop the continuation.
        QPromise<int> promise;
        promise.start();
        bool called = false;
        QFuture<int> mapped;
        {
            QObject context;
            whenFinished(promise.future(), &context, [&](int) { called = true; });
            mapped = thenOn(promise.future(), &context, [](int v) { return v * 2; });
        }
        QVERIFY(mapped.isCanceled());
        // The marker: a continuation of the same future on a living context. Once it has run,
        // the finish has been delivered, and the dead context's handler was not called.
        QObject alive;
        bool markerCalled = false;
        whenFinished(promise.future(), &alive, [&](int) { markerCalled = true; });
        promise.addResult(1);
        promise.finish();
        QTRY_VERIFY(markerCalled);
        QVERIFY(!called);
    }

    void thenOnMapsTheResult()
    {
        QObject context;
        QFuture<QString> mapped = thenOn(QtFuture::makeReadyFuture(21), &context,
                                         [](int v) { return QString::number(v * 2); });
        QTRY_VERIFY(mapped.isFinished());
        QCOMPARE(mapped.result(), QStringLiteral("42"));
    }

    void canceledSourceReachesTheCanceledHandler()
    {
        QPromise<int> promise;
        promise.start();
        QObject context;
        bool canceled = false;
        bool handled = false;
        whenFinished(
            promise.future(), &context, [&](int) { handled = true; }, [&] { canceled = true; });
        QFuture<int> mapped = thenOn(promise.future(), &context, [](int v) { return v; });
        promise.future().cancel();
        promise.finish();
        QTRY_VERIFY(canceled);
        QVERIFY(!handled);
        QTRY_VERIFY(mapped.isCanceled());
    }
};

QTEST_GUILESS_MAIN(TestFutures)
#include "tst_futures.moc"
