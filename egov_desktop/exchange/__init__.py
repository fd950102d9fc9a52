"""Exchange between agencies: assessment files and their import and export."""
