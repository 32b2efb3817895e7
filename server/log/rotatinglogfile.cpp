#include "log/rotatinglogfile.h"

#include <QDir>
#include <QList>
#include <QRegularExpression>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace Im::Log {

namespace {

// Our file names, and only those: `log.<stamp>.log` and its numbered backups `log.<stamp>.log.N`.
const QRegularExpression &ownFileName()
{
    static const QRegularExpression re(
        uR"(^log\.(\d{4}-\d{2}-\d{2}-\d{2})\.log(?:\.([1-9]\d{0,8}))?$)"_s);
    return re;
}

struct OwnFile
{
    QString name;
    QString stamp;
    int index = 0; // 0: the hour's main file; N: backup `.N` (higher is older)
};

QList<OwnFile> listOwnFiles(const QString &dir)
{
    QList<OwnFile> files;
    const QStringList names = QDir(dir).entryList({ u"log.*.log*"_s }, QDir::Files | QDir::Hidden);
    for (const QString &name : names) {
        const QRegularExpressionMatch m = ownFileName().match(name);
        if (m.hasMatch())
            files.append({ name, m.captured(1), m.captured(2).toInt() });
    }
    return files;
}

QString localStamp(const QDateTime &local)
{
    return local.toString(u"yyyy-MM-dd-hh");
}

Error fileError(const QString &what, const QString &path, const QString &reason)
{
    return makeError(ErrorCode::Unavailable, u"%1 %2: %3"_s.arg(what, path, reason));
}

} // namespace

RotatingLogFile::RotatingLogFile(QString dir, qint64 maxBytes, int backups)
    : m_dir(std::move(dir))
    , m_maxBytes(maxBytes)
    , m_backups(std::max(backups, 0))
{ }

RotatingLogFile::~RotatingLogFile()
{
    m_file.close();
}

QString RotatingLogFile::fileNameFor(const QDateTime &now)
{
    return u"log.%1.log"_s.arg(localStamp(now.toLocalTime()));
}

QString RotatingLogFile::currentPath() const
{
    return m_file.isOpen() ? m_file.fileName() : QString();
}

QString RotatingLogFile::pathFor(const QString &stamp, int index) const
{
    QString path = m_dir + u"/log."_s + stamp + u".log"_s;
    if (index > 0)
        path += u'.' + QString::number(index);
    return path;
}

Result<void> RotatingLogFile::open(const QDateTime &now)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    if (m_file.isOpen() && nowMs >= m_hourStartMs && nowMs < m_hourEndMs)
        return {};

    const QDateTime local = now.toLocalTime();
    const QDateTime hourStart(local.date(), QTime(local.time().hour(), 0));
    // min/max: in the hour that repeats when daylight saving ends, the hour's start as built
    // here is the first occurrence; the span must still contain `now`.
    m_hourStartMs = std::min(hourStart.toMSecsSinceEpoch(), nowMs);
    m_hourEndMs = std::max(hourStart.addSecs(3600).toMSecsSinceEpoch(), nowMs + 1);

    const QString stamp = localStamp(local);
    if (m_file.isOpen() && stamp == m_stamp)
        return {};
    m_file.close();
    m_stamp = stamp;
    return openCurrent();
}

Result<void> RotatingLogFile::openCurrent()
{
    if (!QDir().mkpath(m_dir))
        return fileError(u"cannot create log directory"_s, m_dir, u"mkpath failed"_s);
    m_file.setFileName(pathFor(m_stamp));
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append))
        return fileError(u"cannot open log file"_s, m_file.fileName(), m_file.errorString());
    // An existing file of this hour (a restart) is continued, and counts towards maxBytes.
    m_size = m_file.size();
    prune();
    return {};
}

Result<void> RotatingLogFile::write(const QDateTime &now, QByteArrayView line)
{
    if (auto opened = open(now); !opened)
        return opened;
    // A failed roll still leaves a file open (the oversized one): the line is written anyway,
    // and the roll error reported.
    Result<void> rolled;
    if (m_maxBytes > 0 && m_size > 0 && m_size + line.size() > m_maxBytes)
        rolled = rollBySize();
    if (!m_file.isOpen())
        return rolled;
    const qint64 written = m_file.write(line.data(), line.size());
    if (written < 0)
        return fileError(u"cannot write log file"_s, m_file.fileName(), m_file.errorString());
    m_size += written;
    if (written != line.size())
        return fileError(u"short write to log file"_s, m_file.fileName(), m_file.errorString());
    return rolled;
}

void RotatingLogFile::reopen()
{
    m_file.close();
    m_stamp.clear();
    m_hourStartMs = 0;
    m_hourEndMs = 0;
}

Result<void> RotatingLogFile::flush()
{
    if (m_file.isOpen() && !m_file.flush())
        return fileError(u"cannot flush log file"_s, m_file.fileName(), m_file.errorString());
    return {};
}

Result<void> RotatingLogFile::rollBySize()
{
    m_file.close();

    // Move `.N` to `.N+1`, highest first so nothing is overwritten, then the main file to `.1`.
    QList<int> indices;
    const QList<OwnFile> files = listOwnFiles(m_dir);
    for (const OwnFile &file : files) {
        if (file.stamp == m_stamp && file.index > 0)
            indices.append(file.index);
    }
    std::sort(indices.begin(), indices.end(), std::greater<>());
    for (int index : std::as_const(indices)) {
        QFile::remove(pathFor(m_stamp, index + 1));
        QFile::rename(pathFor(m_stamp, index), pathFor(m_stamp, index + 1));
    }
    const QString current = pathFor(m_stamp);
    QFile::remove(pathFor(m_stamp, 1));
    if (!QFile::rename(current, pathFor(m_stamp, 1))) {
        // Keep logging into the oversized file rather than losing lines.
        if (auto reopened = openCurrent(); !reopened)
            return reopened;
        return fileError(u"cannot roll log file"_s, current, u"rename failed"_s);
    }
    return openCurrent();
}

void RotatingLogFile::prune()
{
    QList<OwnFile> files = listOwnFiles(m_dir);
    // The open file is never a candidate.
    files.removeIf(
        [this](const OwnFile &file) { return file.stamp == m_stamp && file.index == 0; });
    if (files.size() <= m_backups)
        return;
    // Oldest first: earlier hour first (the stamp sorts chronologically); within an hour the
    // highest backup number first and the hour's main file (index 0, the newest) last.
    std::sort(files.begin(), files.end(), [](const OwnFile &a, const OwnFile &b) {
        if (a.stamp != b.stamp)
            return a.stamp < b.stamp;
        const int ageA = a.index == 0 ? -1 : a.index;
        const int ageB = b.index == 0 ? -1 : b.index;
        return ageA > ageB;
    });
    const qsizetype excess = files.size() - m_backups;
    for (qsizetype i = 0; i < excess; ++i)
        QFile::remove(QDir(m_dir).filePath(files.at(i).name));
}

} // namespace Im::Log
