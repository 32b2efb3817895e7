// im-bench: a load test for im-server's messaging core, driving it as many chat clients would.

#include "benchoptions.h"
#include "loadrun.h"

#include <QCoreApplication>
#include <QTimer>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("im-bench"));

    int exitCode = 0;
    const auto options = Im::Bench::parseBenchOptions(QCoreApplication::arguments(), &exitCode);
    if (!options)
        return exitCode;

    Im::Bench::LoadRun run(*options);
    QObject::connect(&run, &Im::Bench::LoadRun::finished, &app, &QCoreApplication::exit);
    QTimer::singleShot(0, &run, &Im::Bench::LoadRun::start);
    return app.exec();
}
