"""Online applications for the digital-training subsidy (配套1.1): rounds, budgets, firms,
applications, trainees, review and payment (issue 5; docs/applications.md)."""
