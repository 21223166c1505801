# A 1 MB string value is stored and read back (its length is checked, not echoed).
big = "x" * (1 << 20)
print('mutation { insertInto(collection: "blobs", data: { id: "b1", body: "%s" }) { id } }' % big)
print('query { blobs(where: { body: { startsWith: "xxxx" } }) { id } }')
