"""Qt table models over plain data (one per table), tested without views."""
