"""Province aggregation: the received submissions, their import, review, ranking and publishing."""
