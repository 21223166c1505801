// examples/embed: using Aurora from your own program, built the way a project outside this
// repository would build it, against the installed library:
//
//   meson install -C build            # or: meson install -C build --destdir /some/root
//   make -C examples/embed            # g++ … $(pkg-config --cflags --libs aurora)
//   ./examples/embed/embed
//
// It opens an in-memory database, inserts a document, queries it back with a variable and
// prints what it found.
#include <aurora/aurora.h>

#include <iostream>

namespace {

// Prints the errors of a failed response, like the aql shell does.
bool Check(const aurora::Response& r) {
  for (const aurora::Error& e : r.errors) {
    std::cerr << "error: " << e.message << " [" << aurora::to_string(e.code) << "]";
    if (e.line > 0) std::cerr << " at " << e.line << ":" << e.column;
    std::cerr << "\n";
  }
  return r.ok();
}

}  // namespace

int main() {
  aurora::Config config;  // config.path = "app.db" for a file; the default is in-memory
  aurora::Database db = aurora::Database::open(config);

  aurora::Response inserted = db.execute(R"(
    mutation {
      insertInto(collection: "products", data: { id: "p1", name: "Mouse", price: 25 }) { id name }
    })");
  std::cout << inserted.dump() << "\n";
  if (!Check(inserted)) return 1;

  aurora::Json variables = aurora::Json::object({{"max", 50}});
  aurora::Response found = db.execute(R"(
    query Cheap($max: Float) {
      products(where: { price: { lt: $max } }) { name price }
    })",
                                      variables);
  std::cout << found.dump() << "\n";
  if (!Check(found)) return 1;

  for (const aurora::Json& product : found.data["products"].as_array()) {
    std::cout << product["name"].as_string() << " costs " << product["price"].dump() << "\n";
  }
  return 0;
}
