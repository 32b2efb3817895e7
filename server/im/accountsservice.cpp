#include "im/accountsservice.h"

#include "im/futures.h"
#include "im/requestchecks.h"
#include "im/usersessions.h"

using namespace Qt::StringLiterals;

namespace Im::Core {

namespace {

bool isValidProfileField(const std::optional<QVariant> &field)
{
    return !field || (isTextOrNull(*field) && field->toString().size() <= maxUserTextLength);
}

} // namespace

AccountsService::AccountsService(AccountStore &store, UserSessions &sessions, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_sessions(sessions)
{ }

QFuture<Result<User>> AccountsService::updateProfile(int me, int userId,
                                                     const ProfileChanges &changes)
{
    if (me < 1 || userId < 1 || !isValidProfileField(changes.email)
        || !isValidProfileField(changes.avatar)
        || (changes.email && !changes.email->isNull()
            && !isValidEmail(changes.email->toString()))) {
        return readyError<User>(incorrectParameter());
    }
    if (userId != me)
        return readyError<User>(makeError(ErrorCode::PermissionDenied, u"Forbidden resource"_s));
    return thenReady(m_store.updateProfile(userId, changes), this,
                     [userId](Result<std::optional<User>> stored) -> Result<User> {
                         if (!stored && stored.error().code == ErrorCode::Duplicate)
                             return makeError(ErrorCode::Duplicate, u"The email already exists."_s);
                         if (!stored)
                             return stored.error();
                         if (!stored.value()) {
                             return makeError(ErrorCode::NotFound,
                                              u"No user found with id %1"_s.arg(userId));
                         }
                         return std::move(*stored.value());
                     });
}

QFuture<Result<void>> AccountsService::deleteAccount(int me)
{
    if (me < 1)
        return readyError<void>(incorrectParameter());
    auto promise = startedPromise<void>();
    auto answer = [promise](Result<void> result) { settle(promise, std::move(result)); };
    whenReady(
        m_store.deleteAccount(me), this,
        [this, me, answer](Result<void> deleted) {
            if (!deleted) {
                answer(deleted);
                return;
            }
            // Every device is logged out, not only the one that asked (D-13). The account is
            // gone either way: a session that outlived a failed revocation cannot log in again.
            whenReady(
                m_sessions.logoutEverywhere(me), this, [answer](Result<void>) { answer({}); },
                [answer] { answer({}); });
        },
        [answer] { answer(makeError(ErrorCode::Internal, u"The account store stopped."_s)); });
    return promise->future();
}

} // namespace Im::Core
