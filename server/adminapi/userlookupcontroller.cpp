#include "adminapi/userlookupcontroller.h"

#include "adminapi/userresolver.h"
#include "http/envelope.h"
#include "http/fieldrules.h"
#include "store/seeder.h"

using namespace Qt::StringLiterals;

namespace Im::AdminApi {

UserLookupController::UserLookupController(Auth::AuthService &auth, Store::DbExecutor &database,
                                           QObject *parent)
    : RestController(auth, parent)
    , m_database(database)
{ }

void UserLookupController::registerRoutes(Http::Router &router)
{
    addGuarded(
        router, Http::HttpRequest::Method::Get, u"/api/v1/admin/users/lookup"_s,
        [this](const Http::HttpRequest &request, const Auth::UserContext &) {
            const auto ref =
                parseLookupUserRef(request.query.queryItemValue(u"q"_s, QUrl::FullyDecoded));
            if (!ref)
                return Http::ready(Http::badParameters());
            return thenOn(resolveUser(m_database, *ref), this, [](Result<ResolvedUser> user) {
                if (!user)
                    return Http::Envelope::fromError(user.error());
                return Http::Envelope::success(QJsonObject {
                    { u"id"_s, user->id },
                    { u"account"_s, user->account },
                    { u"matchedBy"_s, user->byAccount ? u"account"_s : u"id"_s },
                });
            });
        },
        Store::Permission::AdminConsole);
}

} // namespace Im::AdminApi
