#pragma once

#include <QString>

//! The names of cached answers, in one place so that readers and evicters cannot drift apart.
//! None of today's cached answers depends on the caller (the guard and the membership check run
//! on every request, hit or miss); one that does must add the caller's id to its key.
namespace Im::Cache::CacheKeys {

//! `GET /api/v1/users/:id`: the user's public fields.
[[nodiscard]] QString user(int userId);
//! `GET /api/v1/groups/:id`: the group with its members as UserPublic (D-20: per group).
[[nodiscard]] QString group(int groupId);
//! `GET /api/v1/friends`: the whole answer for \a userId (the caller: per user). It holds each
//! friend's public fields and the caller's settings for them.
[[nodiscard]] QString friends(int userId);

} // namespace Im::Cache::CacheKeys
