#include "metrics/processmetrics.h"

#include "metrics/registry.h"

#include <QFile>

#include <dirent.h>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>

namespace Im::Metrics {

namespace {

QByteArray readProcFile(const char *path)
{
    // /proc files report a size of 0: read until the end rather than by size.
    QFile file(QString::fromLatin1(path));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        return {};
    return file.readAll();
}

// The boot time in seconds since the epoch (`btime` of /proc/stat); start times count from it.
std::optional<double> bootTime()
{
    const QByteArray stat = readProcFile("/proc/stat");
    for (const QByteArray &line : stat.split('\n')) {
        if (line.startsWith("btime "))
            return line.mid(6).trimmed().toDouble();
    }
    return std::nullopt;
}

std::optional<double> countOpenFds()
{
    DIR *directory = ::opendir("/proc/self/fd");
    if (!directory)
        return std::nullopt;
    double count = 0;
    while (const dirent *entry = ::readdir(directory)) {
        if (entry->d_name[0] != '.')
            ++count;
    }
    ::closedir(directory);
    return count - 1; // the descriptor opendir() itself holds
}

} // namespace

std::optional<ProcessFigures> readProcessFigures()
{
    static const std::optional<double> boot = bootTime();
    const QByteArray stat = readProcFile("/proc/self/stat");
    // The command name (field 2) may hold spaces and ')': the fields that follow start after the
    // last ')'. There, index 0 is field 3 (state).
    const qsizetype close = stat.lastIndexOf(')');
    const auto openFds = countOpenFds();
    if (close < 0 || !boot || !openFds)
        return std::nullopt;
    const QList<QByteArray> fields = stat.mid(close + 2).split(' ');
    if (fields.size() < 22)
        return std::nullopt;
    const auto field = [&fields](int number) { return fields.at(number - 3).toDouble(); };
    const double ticks = double(::sysconf(_SC_CLK_TCK));
    const double pageSize = double(::sysconf(_SC_PAGESIZE));
    rlimit limit {};
    ::getrlimit(RLIMIT_NOFILE, &limit);

    ProcessFigures figures;
    figures.cpuSeconds = (field(14) + field(15)) / ticks; // utime + stime
    figures.startTimeSeconds = *boot + field(22) / ticks;
    figures.virtualBytes = field(23);
    figures.residentBytes = field(24) * pageSize;
    figures.openFds = *openFds;
    figures.maxFds = limit.rlim_cur == RLIM_INFINITY ? -1 : double(limit.rlim_cur);
    return figures;
}

void addProcessMetrics(Registry &registry)
{
    // The families share one read per scrape: the first collected reads, the others reuse it.
    struct Reading
    {
        std::optional<ProcessFigures> figures;
    };
    auto reading = std::make_shared<Reading>();
    using Member = double ProcessFigures::*;
    const auto add = [&registry, reading](const QByteArray &name, const QByteArray &help,
                                          MetricType type, Member member, bool first) {
        registry.add(name, help, type, [reading, member, first]() -> QList<Series> {
            if (first)
                reading->figures = readProcessFigures();
            if (!reading->figures)
                return {};
            Series one;
            one.value = (*reading->figures).*member;
            return { one };
        });
    };
    add("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.",
        MetricType::Counter, &ProcessFigures::cpuSeconds, true);
    add("process_resident_memory_bytes", "Resident memory size in bytes.", MetricType::Gauge,
        &ProcessFigures::residentBytes, false);
    add("process_virtual_memory_bytes", "Virtual memory size in bytes.", MetricType::Gauge,
        &ProcessFigures::virtualBytes, false);
    add("process_start_time_seconds", "Start time of the process since unix epoch in seconds.",
        MetricType::Gauge, &ProcessFigures::startTimeSeconds, false);
    add("process_open_fds", "Number of open file descriptors.", MetricType::Gauge,
        &ProcessFigures::openFds, false);
    add("process_max_fds", "Maximum number of open file descriptors.", MetricType::Gauge,
        &ProcessFigures::maxFds, false);
}

} // namespace Im::Metrics
