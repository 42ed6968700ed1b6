"""Supervision: the annual plan, special work reports, deliberation opinions, inspections, inquiries, interpellations, satisfaction evaluations."""
