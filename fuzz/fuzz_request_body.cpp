// Request bodies of the JSON routes and the field rules every controller applies to them. Input:
// one byte choosing the Content-Type, then the body; the body's text also serves as the query
// string and the `:id` path parameter. Whatever a rule accepts must be what it promises.
#include "fuzzcheck.h"
#include "http/fieldrules.h"
#include "http/requestbody.h"

#include <QJsonObject>

#include <cstddef>
#include <cstdint>

using namespace Im::Http;
using Im::Fuzz::check;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kContentTypes[] = {
    "application/json",
    "application/json; charset=utf-8",
    "application/x-www-form-urlencoded",
    "text/plain",
};

void checkFields(const QJsonObject &body)
{
    for (auto it = body.begin(); it != body.end(); ++it) {
        const QString key = it.key();
        QString text;
        if (FieldRules::requiredString(body, key, &text)) {
            check(!text.isEmpty() && text.size() <= FieldRules::maxColumnLength,
                  "a required string has 1..255 characters");
        }
        QVariant optional;
        if (FieldRules::optionalString(body, key, &optional)) {
            check(optional.isNull() || optional.toString().size() <= FieldRules::maxColumnLength,
                  "an optional string is null or has at most 255 characters");
        }
        std::optional<bool> flag;
        check(FieldRules::optionalBool(body, key, &flag) == it.value().isBool()
                  && flag.has_value() == it.value().isBool(),
              "an optional boolean is taken only from a JSON boolean");
        if (const auto number = FieldRules::positiveInteger(it.value())) {
            check(*number >= 1 && double(*number) == it.value().toDouble(),
                  "a positive integer is the JSON number, 1 or more");
        }
    }
}

void checkQuery(const HttpRequest &request)
{
    for (const QString &key : { u"page"_s, u"size"_s }) {
        const auto value = FieldRules::queryInteger(request, key, 7, 1, 100);
        if (value)
            check(*value >= 1 && *value <= 100, "a query integer is within its bounds");
    }
    if (const auto id = FieldRules::pathId(request))
        check(*id > 0, "a path id is positive");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    HttpRequest request;
    request.method = HttpRequest::Method::Post;
    request.headers = { { "content-type", kContentTypes[data[0] % std::size(kContentTypes)] } };
    request.body = QByteArray(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QString text = QString::fromUtf8(request.body);
    request.query = QUrlQuery(text);
    request.pathParameters.insert(u"id"_s, text);

    if (const auto body = bodyObject(request))
        checkFields(*body);
    checkQuery(request);
    return 0;
}
