#include "table_format.h"

#include <doctest/doctest.h>

using aurora::Json;
using aurora::shell::DisplayWidth;
using aurora::shell::FormatCell;
using aurora::shell::FormatTables;

TEST_CASE("table: a list of documents is one row per document, columns in first-seen order") {
  Json data = Json::object({{"products", Json::array({Json::object({{"id", "a"}, {"price", 25}}),
                                                     Json::object({{"id", "bb"}, {"name", "Mouse"}})})}});
  CHECK(FormatTables(data) ==
        "products\n"
        "id | price | name\n"
        "---+-------+------\n"
        "a  | 25    | \n"
        "bb |       | Mouse\n"
        "(2 rows)\n\n");
}

TEST_CASE("table: empty list, object and scalar fields") {
  Json data = Json::object({{"none", Json::array()},
                            {"update", Json::object({{"affected", 1}, {"documents", Json::array({1, 2})}})},
                            {"count", 3}});
  CHECK(FormatTables(data) ==
        "none\n(0 rows)\n\n"
        "update\n"
        "affected | documents\n"
        "---------+----------\n"
        "1        | [1,2]\n\n"
        "count: 3\n\n");
}

TEST_CASE("table: cells escape control characters and are cut to a width") {
  CHECK(FormatCell(Json("a\nb\tc")) == "a\\nb\\tc");
  CHECK(FormatCell(Json(nullptr)) == "null");
  CHECK(FormatCell(Json("abcdef"), 4) == "abc\u2026");
  CHECK(FormatCell(Json("\u00e9\u00e9\u00e9\u00e9\u00e9"), 3) == "\u00e9\u00e9\u2026");
}

TEST_CASE("table: width counts code points, not bytes") {
  CHECK(DisplayWidth("abc") == 3);
  CHECK(DisplayWidth("B\u00e9e") == 3);
  CHECK(DisplayWidth("\xff") == 1);
}
