#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

// docs/COMPATIBILITY.md resolves the references to documents outside the repository: the
// original's defect codes (D- and two digits) and the sections (§) of the original's
// specification, of the desktop client's contract and of the delivery design. Every such code
// cited anywhere in the repository must have its row there, so a comment never points at nothing.
namespace {

const QString sourceDir = QStringLiteral(IM_SOURCE_DIR);
const QString compatibilityPath = u"docs/COMPATIBILITY.md"_s;

// Where a § reference points: the spec unless the words before it name another document.
QString documentOf(const QString &prefix, const QString &current)
{
    const QString lower = prefix.toLower();
    if (lower.isEmpty())
        return current;
    if (lower.startsWith(u"rfc"_s) || lower.startsWith(u"semver"_s))
        return QString(); // public documents, not resolved here
    if (lower.startsWith(u"client"_s) || lower.startsWith(u"wire"_s))
        return u"client_contract"_s;
    if (lower.startsWith(u"delivery"_s))
        return u"delivery_design"_s;
    return u"spec"_s;
}

struct Citations
{
    QMap<QString, QStringList> defects; // "D-07" -> where
    QMap<QString, QStringList> sections; // "spec §13" -> where
};

void collect(const QString &relativePath, const QString &text, Citations &citations)
{
    static const QRegularExpression defect(uR"(\bD-(\d{2})\b)"_s);
    static const QRegularExpression section(
        uR"((?:\b(RFC\s?\d+|client[_ ]contract|wire contract|delivery_design|semver\.org|spec)[\s(]+)?§(\d+(?:\.\d+)*))"_s,
        QRegularExpression::CaseInsensitiveOption);
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString where = u"%1:%2"_s.arg(relativePath).arg(i + 1);
        for (const auto &match : defect.globalMatch(lines[i]))
            citations.defects[match.captured(0)].append(where);
        // A bare § after "client contract §1.6 and" belongs to the same document.
        QString current = u"spec"_s;
        for (const auto &match : section.globalMatch(lines[i])) {
            current = documentOf(match.captured(1), current);
            if (!current.isEmpty())
                citations.sections[current + u" §"_s + match.captured(2)].append(where);
        }
    }
}

Citations citationsInRepository()
{
    static const QStringList roots = { u"server"_s, u"shared"_s,    u"admin"_s, u"docs"_s,
                                       u"proto"_s,  u"resources"_s, u"tests"_s, u"bench"_s,
                                       u"fuzz"_s,   u"scripts"_s };
    static const QStringList suffixes = { u"h"_s,     u"cpp"_s, u"txt"_s, u"md"_s,    u"sql"_s,
                                          u"proto"_s, u"mjs"_s, u"sh"_s,  u"cmake"_s, u"dict"_s };
    Citations citations;
    const auto read = [&](const QString &relativePath) {
        QFile file(sourceDir + u'/' + relativePath);
        if (file.open(QIODevice::ReadOnly))
            collect(relativePath, QString::fromUtf8(file.readAll()), citations);
    };
    read(u"README.md"_s);
    for (const QString &root : roots) {
        QDirIterator it(sourceDir + u'/' + root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString relativePath = path.mid(sourceDir.size() + 1);
            if (relativePath.contains(u"/node_modules/"_s) || relativePath == compatibilityPath
                || relativePath.endsWith(u"/tst_compatibility.cpp"_s)
                || !suffixes.contains(it.fileInfo().suffix())) {
                continue;
            }
            read(relativePath);
        }
    }
    return citations;
}

struct Entries
{
    QSet<QString> defects;
    QSet<QString> sections;
};

// Rows `| D-07 | ... |`, and rows `| §13 | ... |` under a `##` heading naming the document
// (im_server_spec.md, client_contract.md or delivery_design.md).
Entries entriesOf(const QString &text)
{
    static const QRegularExpression defectRow(uR"(^\|\s*(D-\d{2})\s*\|)"_s);
    static const QRegularExpression sectionRow(uR"(^\|\s*§(\d+(?:\.\d+)*)\s*\|)"_s);
    Entries entries;
    QString document;
    for (const QString &line : text.split(u'\n')) {
        if (line.startsWith(u"## "_s)) {
            document.clear();
            if (line.contains(u"im_server_spec"_s))
                document = u"spec"_s;
            else if (line.contains(u"client_contract"_s))
                document = u"client_contract"_s;
            else if (line.contains(u"delivery_design"_s))
                document = u"delivery_design"_s;
        }
        if (const auto match = defectRow.match(line); match.hasMatch())
            entries.defects.insert(match.captured(1));
        if (const auto match = sectionRow.match(line); match.hasMatch() && !document.isEmpty())
            entries.sections.insert(document + u" §"_s + match.captured(1));
    }
    return entries;
}

QString missing(const QMap<QString, QStringList> &cited, const QSet<QString> &listed)
{
    QStringList lines;
    for (auto it = cited.cbegin(); it != cited.cend(); ++it) {
        if (!listed.contains(it.key()))
            lines.append(u"  %1, cited at %2"_s.arg(it.key(), it.value().join(u", "_s)));
    }
    return lines.join(u'\n');
}

} // namespace

class TestCompatibility : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QFile file(sourceDir + u'/' + compatibilityPath);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        m_entries = entriesOf(QString::fromUtf8(file.readAll()));
        m_citations = citationsInRepository();
        QVERIFY(!m_citations.defects.isEmpty());
        QVERIFY(!m_citations.sections.isEmpty());
    }

    void everyDefectOfTheOriginalIsListed()
    {
        QStringList absent;
        for (int code = 1; code <= 52; ++code) {
            const QString key = u"D-%1"_s.arg(code, 2, 10, QChar(u'0'));
            if (!m_entries.defects.contains(key))
                absent.append(key);
        }
        QVERIFY2(absent.isEmpty(),
                 qPrintable(u"docs/COMPATIBILITY.md lacks "_s + absent.join(u", "_s)));
    }

    void everyCitedDefectResolves()
    {
        const QString absent = missing(m_citations.defects, m_entries.defects);
        QVERIFY2(absent.isEmpty(),
                 qPrintable(u"defect codes without a row in docs/COMPATIBILITY.md:\n"_s + absent));
    }

    void everyCitedSectionResolves()
    {
        const QString absent = missing(m_citations.sections, m_entries.sections);
        QVERIFY2(absent.isEmpty(),
                 qPrintable(u"sections without a row in docs/COMPATIBILITY.md:\n"_s + absent));
    }

private:
    Entries m_entries;
    Citations m_citations;
};

QTEST_GUILESS_MAIN(TestCompatibility)
#include "tst_compatibility.moc"
