#pragma once

#include "http/envelope.h"
#include "im/futures.h"
#include "im/result.h"

#include <QFuture>
#include <QPromise>
#include <QString>

#include <memory>
#include <optional>

namespace Im::Store {
class DbExecutor;
class DbSession;
} // namespace Im::Store

namespace Im::AdminApi {

//! How an admin route names a user. In a path (`/admin/users/:id/...`): `123` is an id (1 to 10
//! digits), `13800000000` an account (11 digits or more: no id is that long), `account:<account>`
//! always an account. As a lookup query (`?q=`) digits may be either: the account is tried first.
struct UserRef
{
    std::optional<int> id;
    std::optional<QString> account;
};

//! The path form of \a text; nullopt when it names no user (400).
[[nodiscard]] std::optional<UserRef> parsePathUserRef(QStringView text);
//! The lookup form of \a text; nullopt when it is empty, over 64 characters or holds spaces.
[[nodiscard]] std::optional<UserRef> parseLookupUserRef(QStringView text);

struct ResolvedUser
{
    int id = 0;
    QString account;
    bool byAccount = false; //!< matched by account rather than by id
};

//! The (undeleted) user \a ref names; NotFound when none. Runs on a database worker.
[[nodiscard]] Result<ResolvedUser> resolveUser(Store::DbSession &session, const UserRef &ref);
//! resolveUser() as a database job.
[[nodiscard]] QFuture<Result<ResolvedUser>> resolveUser(Store::DbExecutor &database,
                                                        const UserRef &ref);

//! Resolves \a ref, then answers with \a then(user) (a QFuture<HttpResponse>) on \a context's
//! thread; a resolution error is answered as its status (404, 503 ...).
template<typename Function>
QFuture<Http::HttpResponse> withUser(Store::DbExecutor &database, const UserRef &ref,
                                     QObject *context, Function then)
{
    auto promise = std::make_shared<QPromise<Http::HttpResponse>>();
    promise->start();
    QFuture<Http::HttpResponse> answer = promise->future();
    const auto settle = [promise](const Http::HttpResponse &response) {
        promise->addResult(response);
        promise->finish();
    };
    whenFinished(
        resolveUser(database, ref), context,
        [context, then = std::move(then), settle, promise](Result<ResolvedUser> user) {
            if (!user)
                return settle(Http::Envelope::fromError(user.error()));
            whenFinished(then(user.value()), context, settle, [promise] { promise->finish(); });
        },
        [promise] { promise->finish(); });
    return answer;
}

} // namespace Im::AdminApi
