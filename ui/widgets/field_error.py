"""A refusal said in red right under the field it is about (not at the bottom of a dialog)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

RED = "#b00020"


class FieldError(QLabel):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setStyleSheet(f"color: {RED}")
        self.setWordWrap(True)
        self.hide()

    def say(self, message: str) -> None:
        self.setText("✖ " + message)
        self.show()

    def clear_message(self) -> None:
        if not self.isHidden():
            self.hide()

    def message(self) -> str:
        return "" if self.isHidden() else self.text()


def with_error(field: QWidget) -> tuple[QWidget, FieldError]:
    """`field` with its error line under it, as one widget for a form row."""
    box = QWidget()
    col = QVBoxLayout(box)
    col.setContentsMargins(0, 0, 0, 0)
    col.setSpacing(2)
    col.addWidget(field)
    error = FieldError()
    col.addWidget(error)
    return box, error
