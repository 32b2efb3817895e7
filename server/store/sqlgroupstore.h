#pragma once

#include "im/groupstore.h"

#include <functional>

namespace Im::Store {

class DbExecutor;
class DbSession;

//! The groups domain's GroupStore on the SQL database (groupqueries), under \a rules; every call
//! is one job of the executor. A change of an existing group calls \a groupChanged with its id
//! inside its job, after the commit and before the job's answer, so whatever keeps the group
//! (the API cache) drops it before the change is answered.
class SqlGroupStore final : public Core::GroupStore
{
public:
    using GroupChanged = std::function<void(int groupId)>;

    SqlGroupStore(DbExecutor &database, Core::GroupRules rules, GroupChanged groupChanged);

    QFuture<Result<Core::Group>> create(int me, const Core::NewGroup &group) override;
    QFuture<Result<void>> remove(int me, int groupId) override;
    QFuture<Result<void>> update(int me, int groupId, const Core::GroupUpdate &update) override;
    QFuture<Result<void>> addMembers(int me, int groupId, const QList<int> &members) override;
    QFuture<Result<void>> removeMembers(int me, int groupId, const QList<int> &members) override;
    QFuture<Result<void>> leave(int me, int groupId) override;
    QFuture<Result<QList<Core::Group>>> groupsOf(int me, bool withMembers) override;

private:
    //! Runs \a change of group \a groupId as a job and reports the group changed when it succeeded.
    QFuture<Result<void>> changeGroup(int groupId, std::function<Result<void>(DbSession &)> change);

    DbExecutor &m_database;
    const Core::GroupRules m_rules;
    GroupChanged m_groupChanged;
};

} // namespace Im::Store
