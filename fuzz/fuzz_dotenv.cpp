// The .env reader (the original's configuration, read at start and at the switch-over). Input:
// the file's bytes. Every value read must survive being written back double-quoted and escaped.
#include "config/dotenvfile.h"
#include "fuzzcheck.h"

#include <cstddef>
#include <cstdint>

using Im::Config::DotEnvFile;
using Im::Fuzz::check;
using namespace Qt::StringLiterals;

namespace {

QString escaped(const QString &value)
{
    QString text;
    for (const QChar c : value) {
        if (c == u'\\' || c == u'"')
            text += u'\\' + QString(c);
        else if (c == u'\n')
            text += u"\\n"_s;
        else if (c == u'\r')
            text += u"\\r"_s;
        else if (c == u'\t')
            text += u"\\t"_s;
        else
            text += c;
    }
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView content(reinterpret_cast<const char *>(data), qsizetype(size));
    const DotEnvFile file = DotEnvFile::parse(content, u"fuzz.env"_s);
    const int lines = int(content.count('\n')) + 1;

    QString written;
    for (auto it = file.values().cbegin(); it != file.values().cend(); ++it) {
        check(file.lineOf(it.key()) >= 1 && file.lineOf(it.key()) <= lines,
              "a key's line is within the file");
        written += it.key() + u"=\""_s + escaped(it.value()) + u"\"\n"_s;
    }
    const DotEnvFile again = DotEnvFile::parse(written.toUtf8(), u"written.env"_s);
    check(again.errors().isEmpty(), "written values read without errors");
    check(again.values() == file.values(), "written values read back the same");
    return 0;
}
