// The Range header of file downloads (/uploads/, release files). Input: the header value; it is
// asked of representations of several sizes. A range, when given, lies within the file or is the
// empty 416 marker, and its canonical spelling asks for the same bytes.
#include "fuzzcheck.h"
#include "http/filedownload.h"

#include <cstddef>
#include <cstdint>

using namespace Im::Http;
using Im::Fuzz::check;

namespace {

void checkSize(QByteArrayView header, qint64 size)
{
    const auto range = requestedRange(header, size);
    if (!range)
        return;
    if (range->first > range->last) {
        check(*range == (ByteRange { 1, 0 }), "an unsatisfiable range is the 416 marker");
        return;
    }
    check(range->first >= 0 && range->last < size, "a range lies within the file");
    check(range->length() >= 1 && range->length() <= size, "a range has a sane length");
    const QByteArray canonical =
        "bytes=" + QByteArray::number(range->first) + '-' + QByteArray::number(range->last);
    check(requestedRange(canonical, size) == range, "a range's canonical spelling is itself");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView header(reinterpret_cast<const char *>(data), qsizetype(size));
    // The largest size is the largest offset the parser reads (18 digits): no file is larger.
    for (const qint64 fileSize : { 0LL, 1LL, 100LL, 65537LL, 1LL << 40, 999'999'999'999'999'999LL })
        checkSize(header, fileSize);
    return 0;
}
