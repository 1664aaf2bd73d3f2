"""QGIS attribute values as plain Python, for the pure computation of ``core`` (which imports no Qt)."""

from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant


def py_value(value):
    """NULL → None, QDateTime → datetime, QDate → date, QTime → "HH:mm:ss"; anything else unchanged."""
    if value is None:
        return None
    if isinstance(value, QVariant):
        return None if value.isNull() else value.value()
    if isinstance(value, QDateTime):
        return value.toPyDateTime() if value.isValid() else None
    if isinstance(value, QDate):
        return value.toPyDate() if value.isValid() else None
    if isinstance(value, QTime):
        return value.toString("HH:mm:ss") if value.isValid() else None
    return value
