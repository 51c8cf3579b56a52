"""A disclosure compared with another edition (the reference): last year's disclosure, the
budget behind a 决算, the 部门 document against its 单位's, an earlier version of the same file.

relation: which of these the two documents are, in the officer's words — no Qt.
"""
