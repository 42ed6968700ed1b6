"""Who may download a figures workbook: whoever may import figures."""

from renda.core.files import register

from .models import Import


def _workbook(user, imp) -> bool:
    return user.has_perm("budget.manage")


register(Import, "workbook", _workbook)
