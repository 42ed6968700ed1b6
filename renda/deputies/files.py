"""Who may download an activity's evidence: whoever may read the deputy's duty record."""

from renda.core.files import register

from .models import DutyActivity


def _evidence(user, activity) -> bool:
    return user.is_authenticated and user.has_perm("deputies.view_record", activity.deputy)


register(DutyActivity, "evidence", _evidence)
