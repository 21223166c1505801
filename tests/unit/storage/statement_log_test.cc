// Connection::SetLog: every statement run while a log is attached, with its bound values, once
// per execution; transaction control is not recorded.
#include <doctest/doctest.h>

#include "storage/sqlite.h"

using aurora::storage::Connection;
using aurora::storage::StatementLog;
using aurora::storage::Transaction;

TEST_CASE("a statement log records each execution's SQL and bound values") {
  Connection conn(":memory:");
  conn.Exec("CREATE TABLE t (x INTEGER, s TEXT)");
  StatementLog log;
  conn.SetLog(&log);
  {
    Transaction tx(conn);  // BEGIN / COMMIT are not part of the log
    auto& insert = conn.Prepare("INSERT INTO t VALUES (?1, ?2)");
    insert.BindInt(1, 7);
    insert.BindText(2, "seven");
    insert.Step();
    insert.Reset();
    auto& again = conn.Prepare("INSERT INTO t VALUES (?1, ?2)");
    again.Bind(1, std::int64_t{8});
    again.BindNull(2);
    again.Step();
    again.Reset();
    auto& read = conn.Prepare("SELECT x FROM t WHERE x > ?1");
    read.BindAll({std::int64_t{0}});
    int rows = 0;
    while (read.Step()) ++rows;  // stepped three times: one execution
    read.Reset();
    CHECK(rows == 2);
    conn.Exec("CREATE INDEX tx ON t(x)");
    tx.Commit();
  }
  conn.SetLog(nullptr);
  conn.Prepare("DELETE FROM t").Step();  // not logged any more
  REQUIRE(log.size() == 4);
  CHECK(log[0].sql == "INSERT INTO t VALUES (?1, ?2)");
  REQUIRE(log[0].binds.size() == 2);
  CHECK(std::get<std::int64_t>(log[0].binds[0]) == 7);
  CHECK(std::get<std::string>(log[0].binds[1]) == "seven");
  REQUIRE(log[1].binds.size() == 2);
  CHECK(std::get<std::int64_t>(log[1].binds[0]) == 8);
  CHECK(std::holds_alternative<std::nullptr_t>(log[1].binds[1]));
  CHECK(log[2].sql == "SELECT x FROM t WHERE x > ?1");
  CHECK(log[2].binds.size() == 1);
  CHECK(log[3].sql == "CREATE INDEX tx ON t(x)");
  CHECK(log[3].binds.empty());
}

TEST_CASE("the log notes who ran a statement: the purpose set at that time") {
  Connection conn(":memory:");
  conn.Exec("CREATE TABLE t (x INTEGER)");
  StatementLog log;
  conn.SetLog(&log);
  conn.SetLogPurpose("first");
  conn.Prepare("INSERT INTO t VALUES (1)").Step();
  conn.SetLogPurpose("second");
  conn.Prepare("SELECT count(*) FROM t").Step();
  conn.SetLog(nullptr);
  REQUIRE(log.size() == 2);
  CHECK(log[0].purpose == "first");
  CHECK(log[1].purpose == "second");
  CHECK(conn.LogPurpose() == "second");
}
