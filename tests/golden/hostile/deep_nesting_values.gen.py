# 10,000 nested arrays in a value: a clear error or a result, never a stack overflow.
depth = 10000
print('mutation { insertInto(collection: "deep", data: { id: "d", v: ' + "[" * depth + "]" * depth + ' }) { id } }')
