"""The province mode: the reviewer's import, review, roster, ranking, comparison and trend (page.ProvincePage)."""
