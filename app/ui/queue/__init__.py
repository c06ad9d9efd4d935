"""The ticket queue: table model, view, filters, saved views sidebar."""
