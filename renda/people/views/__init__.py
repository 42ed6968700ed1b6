"""Back-office pages for persons, deputies, organizations and composition figures."""
