# 10,000 opening braces and nothing else.
print("query " + "{" * 10000)
