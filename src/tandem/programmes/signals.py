"""Signals programmes sends so that apps above it can react without programmes
knowing them (mentoring recomputes its deadlines when the model changes)."""

from django.dispatch import Signal

#: sent with ``programme=`` after its programme model was replaced
programme_model_changed = Signal()
