#include "media/originaluploads.h"
#include "media/uploadstore.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace Im::Media;

namespace {

bool writeFile(const QString &path, const QByteArray &content)
{
    if (!QDir().mkpath(QFileInfo(path).path()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

//! The original's files under MULTER_DEST moved into the server's layout, so that
//! `/uploads/<path>` (UploadStore over `<dir>/chat`) serves them at their old URLs.
class TestOriginalUploads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_outside = std::make_unique<QTemporaryDir>();
        QVERIFY(m_outside->isValid());
    }

    void movesChatMediaAndReleasesToTheirOldUrls()
    {
        // GIVEN the original's layout: media per user, a thumbnail, a release in two layouts
        QVERIFY(writeFile(path(u"10002/a.png"_s), "png bytes"));
        QVERIFY(writeFile(path(u"10002/a-small.png"_s), "small"));
        QVERIFY(writeFile(path(u"10005/clip.mp4"_s), "video"));
        QVERIFY(writeFile(path(u"electron/asar/1.0.0/windows/x64.asar"_s), "asar"));
        QVERIFY(writeFile(path(u"electron/full/1.0.0/windows/x64/latest.yml"_s), "yml"));

        const OriginalUploadsTally dry = adoptOriginalUploads(m_dir->path(), true);
        QCOMPARE(dry.mediaFiles, 3);
        QCOMPARE(dry.releaseFiles, 2);
        QVERIFY(dry.leftInPlace.isEmpty());
        QVERIFY2(!QDir(path(u"chat"_s)).exists(), "a dry run moves nothing");
        QVERIFY(QFile::exists(path(u"10002/a.png"_s)));

        const OriginalUploadsTally done = adoptOriginalUploads(m_dir->path(), false);
        QCOMPARE(done.mediaFiles, 3);
        QCOMPARE(done.releaseFiles, 2);
        QVERIFY(done.leftInPlace.isEmpty());
        const UploadStore served(path(u"chat"_s));
        for (const QString &url : { u"10002/a.png"_s, u"10002/a-small.png"_s, u"10005/clip.mp4"_s,
                                    u"electron/asar/1.0.0/windows/x64.asar"_s,
                                    u"electron/full/1.0.0/windows/x64/latest.yml"_s }) {
            const auto resolved = served.resolve(url);
            QVERIFY2(resolved, qPrintable(url));
            QVERIFY2(!QFile::exists(path(url)), qPrintable(url + u" is still in the old place"_s));
        }
        QCOMPARE(readFile(served.resolve(u"10002/a.png"_s).value()), QByteArray("png bytes"));
        QVERIFY2(!QDir(path(u"10002"_s)).exists(), "emptied folders are removed");

        // Again: nothing left to do.
        const OriginalUploadsTally again = adoptOriginalUploads(m_dir->path(), false);
        QCOMPARE(again.mediaFiles, 0);
        QCOMPARE(again.releaseFiles, 0);
    }

    void leavesWhatItMustNotMove()
    {
        // GIVEN a link to a file outside, a linked user folder, a hidden file, a partial upload,
        // a name taken below chat/, a FIFO, and a folder that is no user id
        QVERIFY(writeFile(m_outside->filePath(u"secret.txt"_s), "outside"));
        QVERIFY(QDir().mkpath(path(u"10003"_s)));
        QVERIFY(QFile::link(m_outside->filePath(u"secret.txt"_s), path(u"10003/link.png"_s)));
        QVERIFY(QFile::link(m_outside->path(), path(u"10004"_s)));
        QVERIFY(writeFile(path(u"10003/.hidden"_s), "hidden"));
        QVERIFY(writeFile(path(u"10003/b.png.part"_s), "partial"));
        QVERIFY(writeFile(path(u"10003/taken.png"_s), "original's"));
        QVERIFY(writeFile(path(u"chat/10003/taken.png"_s), "ours"));
        QCOMPARE(mkfifo(QFile::encodeName(path(u"10003/pipe"_s)).constData(), 0600), 0);
        QVERIFY(writeFile(path(u"notauser/c.png"_s), "not the original's layout"));

        const OriginalUploadsTally done = adoptOriginalUploads(m_dir->path(), false);

        QCOMPARE(done.mediaFiles, 0);
        QCOMPARE(done.leftInPlace.value(u"symbolic links"_s), 2);
        QCOMPARE(done.leftInPlace.value(u"names /uploads/ does not serve (hidden or partial)"_s),
                 2);
        QCOMPARE(done.leftInPlace.value(u"names already taken"_s), 1);
        QCOMPARE(done.leftInPlace.value(u"not regular files"_s), 1);
        QCOMPARE(readFile(path(u"chat/10003/taken.png"_s)), QByteArray("ours"));
        QCOMPARE(readFile(path(u"10003/taken.png"_s)), QByteArray("original's"));
        QVERIFY(QFileInfo(path(u"10003/link.png"_s)).isSymLink());
        QVERIFY(QFile::exists(path(u"notauser/c.png"_s)));
        QVERIFY(!QFile::exists(path(u"chat/notauser/c.png"_s)));
        QCOMPARE(readFile(m_outside->filePath(u"secret.txt"_s)), QByteArray("outside"));
    }

    void neverWritesThroughALinkOutOfChat()
    {
        // GIVEN chat/10006 is a link to a folder outside
        QVERIFY(QDir().mkpath(path(u"chat"_s)));
        QVERIFY(QFile::link(m_outside->path(), path(u"chat/10006"_s)));
        QVERIFY(writeFile(path(u"10006/d.png"_s), "d"));

        const OriginalUploadsTally done = adoptOriginalUploads(m_dir->path(), false);

        QCOMPARE(done.mediaFiles, 0);
        QCOMPARE(done.leftInPlace.value(u"targets outside the uploads folder"_s), 1);
        QVERIFY(QFile::exists(path(u"10006/d.png"_s)));
        QVERIFY(!QFile::exists(m_outside->filePath(u"d.png"_s)));
    }

    void leavesTheServersOwnReleasesAlone()
    {
        // GIVEN a release published through im-server (manifest) and its staging area
        QVERIFY(writeFile(path(u"electron/asar/2.0.0/windows/x64/manifest.json"_s), "{}"));
        QVERIFY(writeFile(path(u"electron/asar/2.0.0/windows/x64/app-1"_s), "ours"));
        QVERIFY(writeFile(path(u"electron/.staging/abc/app-1"_s), "staged"));
        QVERIFY(writeFile(path(u"electron/asar/1.0.0/windows/x64.asar"_s), "original's"));

        const OriginalUploadsTally done = adoptOriginalUploads(m_dir->path(), false);

        QCOMPARE(done.releaseFiles, 1);
        QVERIFY(done.leftInPlace.isEmpty());
        QVERIFY(QFile::exists(path(u"electron/asar/2.0.0/windows/x64/app-1"_s)));
        QVERIFY(QFile::exists(path(u"electron/.staging/abc/app-1"_s)));
        QVERIFY(QFile::exists(path(u"chat/electron/asar/1.0.0/windows/x64.asar"_s)));
    }

    void missingFolderIsNothingToDo()
    {
        const OriginalUploadsTally done = adoptOriginalUploads(path(u"absent"_s), false);
        QCOMPARE(done.mediaFiles, 0);
        QVERIFY(!QDir(path(u"absent"_s)).exists());
    }

private:
    QString path(const QString &relative) const { return m_dir->filePath(relative); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QTemporaryDir> m_outside;
};

QTEST_GUILESS_MAIN(TestOriginalUploads)
#include "tst_originaluploads.moc"
