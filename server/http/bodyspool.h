#pragma once

#include <QByteArray>
#include <QObject>
#include <QTemporaryFile>

#include <memory>

class QThreadPool;

namespace Im::Http {

//! A request body too large to hold in memory, written to a temporary file as it arrives. The
//! writes run on \a pool, one at a time and in order, so the network thread never waits on the
//! disk; the connection stops reading while pendingBytes() is high and goes on at drained().
class BodySpool : public QObject
{
    Q_OBJECT
public:
    BodySpool(QThreadPool *pool, QObject *parent = nullptr);
    ~BodySpool() override;

    //! False when the temporary file could not be created.
    [[nodiscard]] bool isOpen() const;
    void append(const QByteArray &bytes);
    //! Bytes handed to append() and not yet on disk.
    [[nodiscard]] qsizetype pendingBytes() const { return m_pending.size() + m_writing; }
    [[nodiscard]] bool failed() const { return m_failed; }
    [[nodiscard]] qint64 size() const { return m_size; }

    //! Once every byte is on disk (pendingBytes() == 0): the body as a read-only mapping of the
    //! file, and the owner that keeps the mapping (and the file) alive. Empty on failure.
    struct Mapped
    {
        QByteArray bytes;
        std::shared_ptr<const void> owner;
    };
    [[nodiscard]] Mapped map();

Q_SIGNALS:
    //! Everything appended so far is on disk (or failed() is true).
    void drained();

private:
    void writeNext();

    QThreadPool *m_pool;
    std::shared_ptr<QTemporaryFile> m_file;
    QByteArray m_pending;
    qsizetype m_writing = 0;
    qint64 m_size = 0;
    bool m_failed = false;
};

} // namespace Im::Http
