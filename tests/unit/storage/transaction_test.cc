#include <doctest/doctest.h>

#include "storage/sqlite.h"

using aurora::storage::Connection;
using aurora::storage::Transaction;

TEST_CASE("a single-row read left on its row does not block COMMIT") {
  Connection conn(":memory:");
  conn.Exec("CREATE TABLE t (x INTEGER)");
  Transaction tx(conn);
  conn.Prepare("INSERT INTO t VALUES (1)").Step();
  auto& read = conn.Prepare("SELECT x FROM t");
  REQUIRE(read.Step());  // positioned on a row, never reset
  auto& write = conn.Prepare("UPDATE t SET x = x + 1 RETURNING x");
  REQUIRE(write.Step());  // an UPDATE … RETURNING stepped once
  CHECK_NOTHROW(tx.Commit());
  CHECK_FALSE(conn.InTransaction());
}

TEST_CASE("nested transactions are savepoints: an inner rollback keeps the outer work") {
  Connection conn(":memory:");
  conn.Exec("CREATE TABLE t (x INTEGER)");
  {
    Transaction outer(conn);
    conn.Prepare("INSERT INTO t VALUES (1)").Step();
    {
      Transaction inner(conn);
      conn.Prepare("INSERT INTO t VALUES (2)").Step();
      {
        Transaction innermost(conn);
        conn.Prepare("INSERT INTO t VALUES (3)").Step();
        innermost.Commit();
      }
      // inner is not committed: 2 and 3 roll back
    }
    outer.Commit();
  }
  auto& count = conn.Prepare("SELECT group_concat(x) FROM t");
  REQUIRE(count.Step());
  CHECK(count.Text(0) == "1");
}
