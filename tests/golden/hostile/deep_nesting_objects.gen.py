# 10,000 nested objects in a filter.
depth = 10000
print('query { t(where: ' + "{ a: " * depth + "1" + " }" * depth + ') { id } }')
