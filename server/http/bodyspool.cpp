#include "http/bodyspool.h"

#include "im/futures.h"

#include <QDir>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace Im::Http {

BodySpool::BodySpool(QThreadPool *pool, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_file(std::make_shared<QTemporaryFile>(QDir::tempPath() + QStringLiteral("/im-body-XXXXXX")))
{
    m_failed = !m_file->open();
}

BodySpool::~BodySpool() = default;

bool BodySpool::isOpen() const
{
    return !m_failed;
}

void BodySpool::append(const QByteArray &bytes)
{
    if (m_failed || bytes.isEmpty())
        return;
    m_pending += bytes;
    m_size += bytes.size();
    if (m_writing == 0)
        writeNext();
}

void BodySpool::writeNext()
{
    QByteArray chunk = std::exchange(m_pending, {});
    m_writing = chunk.size();
    // The file is used by one job at a time: the next write starts when this one reported back.
    // Each job empties QFile's buffer too, so map() never has to write on the network thread.
    QFuture<bool> written = QtConcurrent::run(m_pool, [file = m_file, chunk] {
        return file->write(chunk) == chunk.size() && file->flush();
    });
    whenFinished(
        written, this,
        [this](bool ok) {
            m_writing = 0;
            if (!ok)
                m_failed = true;
            if (!m_failed && !m_pending.isEmpty()) {
                writeNext();
                return;
            }
            Q_EMIT drained();
        },
        [this] {
            m_writing = 0;
            m_failed = true;
            Q_EMIT drained();
        });
}

BodySpool::Mapped BodySpool::map()
{
    if (m_failed || pendingBytes() != 0)
        return {};
    if (m_size == 0)
        return { QByteArray(), m_file };
    uchar *data = m_file->map(0, m_size);
    if (!data)
        return {};
    // The mapping lives as long as the file object, which the owner keeps.
    return { QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(m_size)),
             m_file };
}

} // namespace Im::Http
