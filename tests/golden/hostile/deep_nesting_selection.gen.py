# 10,000 nested selection sets.
depth = 10000
print('query { t ' + "{ a " * depth + "}" * depth + ' }')
