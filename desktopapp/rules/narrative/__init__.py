"""The narrative (第三部分 情况说明 …) against the tables: parsing, resolving figures to cells,
and the rule modules that check amounts, percentages, counts, names, years, wording and
punctuation. The engine discovers the rule modules of this subpackage like those of `rules`."""
