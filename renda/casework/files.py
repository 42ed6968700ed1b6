"""Who may download casework files: a reply letter follows its case."""

from renda.core.files import register

from .models import Reply
from .selectors import cases_visible_to


def _reply(user, reply) -> bool:
    return user.has_perm("casework.view") and (
        cases_visible_to(user).filter(pk=reply.case_id).exists()
    )


register(Reply, "attachment", _reply)
