"""The one generic form engine: renders any framework's questionnaire from its data."""
